package org.ecgworkbench.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.ecgworkbench.engine.dataset.Dataset;
import org.ecgworkbench.engine.net.NetworkBuilder;
import org.ecgworkbench.engine.net.Prototype;
import org.ecgworkbench.engine.train.BatchAssembler;
import org.ecgworkbench.engine.train.FeatureScaler;
import org.ecgworkbench.engine.train.InputPipeline;
import org.ecgworkbench.engine.train.Items;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** bench pipeline: how fast the input pipeline produces batches, and how long a training consumer waits for them. */
@Command(name = "pipeline", description = "Input pipeline speed on a packed dataset: batches per second produced "
        + "alone, then the share of time a consumer waits for data while it runs real DL4J training steps of the "
        + "prototype (or busy steps of --step-ms).")
public final class BenchPipelineCommand implements Callable<Integer> {

    @Option(names = "--dataset", required = true, paramLabel = "D.h5", description = "Dataset written by pack.")
    Path dataset;

    @Option(names = "--prototype", defaultValue = "resources/prototypes/resnet1d-small.json", paramLabel = "P.json",
            description = "Prototype: window, channels, features, batch size (default resnet1d-small).")
    Path prototype;

    @Option(names = "--workers", defaultValue = "2", paramLabel = "N", description = "Worker threads (default 2).")
    int workers;

    @Option(names = "--batches", defaultValue = "30", paramLabel = "N", description = "Batches per measurement (default 30).")
    int batches;

    @Option(names = "--step-ms", paramLabel = "MS",
            description = "Consumer busy for MS ms per batch instead of a real DL4J training step.")
    Double stepMs;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try {
            Dataset ds = Dataset.open(dataset);
            Prototype p = Prototype.read(prototype);
            if (p.classes().isEmpty()) {
                p = p.withClasses(ds.classNames());
            }
            Items items = Items.of(ds);
            int[] all = new int[ds.size()];
            Arrays.setAll(all, i -> i);
            FeatureScaler scaler = p.features().isEmpty() ? null : FeatureScaler.fit(items, p.features(), all);
            BatchAssembler a = new BatchAssembler(items, BatchAssembler.labels(ds, p), p, NetworkBuilder.DEFAULT_LAYOUT,
                    scaler, null);
            int n = Math.min(batches * p.batchSize(), all.length);
            int[] some = Arrays.copyOf(all, n);
            long t0 = System.nanoTime();
            int produced = 0;
            try (InputPipeline pipe = new InputPipeline(a, InputPipeline.shuffled(some, 1, 0), p.batchSize(), 1, 0,
                    workers, 2 * workers + 1)) {
                while (pipe.hasNext()) {
                    pipe.next();
                    produced++;
                }
            }
            double alone = produced / ((System.nanoTime() - t0) / 1e9);
            out.printf(Locale.ROOT, "pipeline alone: %.1f batches/s (%d x %d x %d, %s, %d workers)%n", alone,
                    p.batchSize(), p.inputChannels(), p.input().samples(), String.join("+", p.input().channels()),
                    workers);
            ComputationGraph net = stepMs == null ? new NetworkBuilder(p, NetworkBuilder.DEFAULT_LAYOUT, null).build() : null;
            long start = System.nanoTime();
            long work = 0;
            long waited;
            int consumed = 0;
            try (InputPipeline pipe = new InputPipeline(a, InputPipeline.shuffled(some, 2, 0), p.batchSize(), 2, 0,
                    workers, 2 * workers + 1)) {
                while (pipe.hasNext()) {
                    MultiDataSet m = pipe.next();
                    long s = System.nanoTime();
                    if (net != null) {
                        net.fit(m);
                    } else {
                        busy((long) (stepMs * 1e6));
                    }
                    work += System.nanoTime() - s;
                    consumed++;
                }
                waited = pipe.waitNanos();
            }
            double total = (System.nanoTime() - start) / 1e9;
            out.printf(Locale.ROOT, "consumer (%s, mean step %.0f ms): waited %.2f%% of %.1f s for data over %d batches"
                    + " (target < 5%%)%n", net != null ? "DL4J training steps of " + p.name() : "busy steps",
                    work / 1e6 / consumed, 100.0 * waited / 1e9 / total, total, consumed);
            out.flush();
            return 0;
        } catch (IllegalArgumentException e) {
            return Cli.fail(spec.commandLine().getErr(), e, 2);
        } catch (IOException e) {
            return Cli.fail(spec.commandLine().getErr(), e, 1);
        }
    }

    /** Keeps one core busy for the given time, as a compute-bound training step would. */
    private static void busy(long nanos) {
        long end = System.nanoTime() + nanos;
        double x = 0;
        while (System.nanoTime() < end) {
            x += Math.sqrt(x + 1);
        }
        if (x < 0) {
            throw new IllegalStateException();
        }
    }
}
