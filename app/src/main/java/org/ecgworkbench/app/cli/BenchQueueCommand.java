package org.ecgworkbench.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.ecgworkbench.app.Main;
import org.ecgworkbench.engine.queue.LocalExecutor;
import org.ecgworkbench.engine.queue.QueueEntry;
import org.ecgworkbench.engine.queue.RunExecutor;
import org.ecgworkbench.engine.queue.RunExecutors;
import org.ecgworkbench.engine.queue.RunQueue;
import org.ecgworkbench.engine.queue.RunState;
import org.ecgworkbench.engine.queue.Scheduler;
import org.ecgworkbench.engine.queue.SparkSettings;
import org.ecgworkbench.engine.synth.Rhythm;
import org.ecgworkbench.engine.synth.SynthParams;
import org.ecgworkbench.engine.synth.Synthesizer;
import org.ecgworkbench.engine.train.RunFiles;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * bench queue: the same sweep of tiny runs on the local executor and on Spark, wall times side by side, and whether
 * the two gave the same metrics. Spark must be on the class path (see README, "Spark").
 */
@Command(name = "queue", description = "Wall time of a sweep of tiny runs (synthetic data, seeds 1..N) on the local "
        + "executor with --slots child JVMs at a time against Spark (--master, default local[2]); Spark's start-up "
        + "and its overhead per run; checks that both gave the same metrics.")
public final class BenchQueueCommand implements Callable<Integer> {

    @Option(names = "--runs", defaultValue = "4", paramLabel = "N", description = "Runs in the sweep (default "
            + "${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--slots", defaultValue = "2", paramLabel = "N", description = "Runs at a time on both "
            + "executors (default ${DEFAULT-VALUE}).")
    int slots;

    @Option(names = "--master", defaultValue = "local[2]", paramLabel = "URL", description = "Spark master "
            + "(default ${DEFAULT-VALUE}).")
    String master;

    @Option(names = "--records", defaultValue = "32", paramLabel = "N", description = "Synthetic records of 8 s "
            + "(default ${DEFAULT-VALUE}).")
    int records;

    @Option(names = "--epochs", defaultValue = "2", paramLabel = "N", description = "Epochs per run (default "
            + "${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--work", paramLabel = "DIR", description = "Folder for data and runs, kept (default: a "
            + "temporary folder, deleted).")
    Path work;

    @Spec
    CommandSpec spec;

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (runs < 1 || slots < 1 || records < 4 || epochs < 1) {
            return Cli.fail(err, new IllegalArgumentException("--runs, --slots, --epochs >= 1 and --records >= 4"),
                    2);
        }
        if (!RunExecutors.sparkAvailable()) {
            return Cli.fail(err, new IllegalArgumentException("Spark is not on the class path: run bench queue "
                    + "through spark-submit or with a Spark installation's jars (README, \"Spark\")"), 2);
        }
        Path dir = work;
        try {
            if (dir == null) {
                dir = Files.createTempDirectory("bench-queue");
            }
            Path dataset = data(dir);
            Path prototype = dir.resolve("tiny.json");
            Files.writeString(prototype, """
                    {"name": "tiny", "family": "fcn1d", "blocks": 3, "filters": [16, 32, 16], "kernel_size": [8, 5, 3],
                     "reduction": {"every": 1, "factor": 4, "shortcut": "max"}, "pooling": "avg", "batch_norm": true,
                     "input": {"seconds": 4, "fs": 250, "channels": ["raw"]},
                     "optimizer": {"name": "adam", "learning_rate": 0.001}, "batch_size": 8, "epochs": %d,
                     "early_stopping": null, "seed": 1}
                    """.formatted(epochs));
            String seeds = IntStream.rangeClosed(1, runs).mapToObj(Integer::toString).collect(Collectors.joining(","));
            int cores = Runtime.getRuntime().availableProcessors();
            LocalExecutor.Launch launch = LocalExecutor.Launch.ofThisJvm(Main.class.getName(), List.of());
            out.printf(Locale.ROOT, "sweep: %d tiny runs (fcn1d, %d synthetic records, %d epochs, seeds %s), %d at a "
                    + "time, %d cores%n", runs, records, epochs, seeds, slots, cores);
            out.flush();

            Path localRuns = dir.resolve("local");
            queue(localRuns, prototype, dataset, seeds);
            long t0 = System.nanoTime();
            try (RunExecutor x = new LocalExecutor(launch, slots, cores, List.of())) {
                schedule(localRuns, x);
            }
            double local = seconds(t0);

            Path sparkRuns = dir.resolve("spark");
            queue(sparkRuns, prototype, dataset, seeds);
            long t1 = System.nanoTime();
            double start;
            double sweep;
            String describe;
            try (RunExecutor x = RunExecutors.spark(new SparkSettings(master, slots, cores, List.of(), 0, 4, false,
                    Map.of(), launch, false))) {
                start = seconds(t1);
                describe = x.describe();
                long t2 = System.nanoTime();
                schedule(sparkRuns, x);
                sweep = seconds(t2);
            }
            double[] lr = runSeconds(localRuns);
            double[] sr = runSeconds(sparkRuns);
            boolean same = sameMetrics(localRuns, sparkRuns);

            out.printf(Locale.ROOT, "%-26s %14s %12s %16s%n", "executor", "context start", "sweep wall",
                    "mean run wall");
            out.printf(Locale.ROOT, "%-26s %14s %10.1f s %14.1f s%n", "local, " + slots + " slots", "-", local,
                    mean(lr));
            out.printf(Locale.ROOT, "%-26s %12.1f s %10.1f s %14.1f s%n", "spark " + master, start, sweep, mean(sr));
            out.printf(Locale.ROOT, "Spark overhead: %.2f s per run (sweep wall difference / runs), %.2f s per run "
                    + "(mean run wall difference), plus %.1f s once for the context (%s)%n",
                    (sweep - local) / runs, mean(sr) - mean(lr), start, describe);
            out.println("metrics of every run (epochs, losses, scores) equal on both executors: " + (same ? "yes"
                    : "NO"));
            out.flush();
            return same ? 0 : 1;
        } catch (IOException | RuntimeException e) {
            return Cli.fail(err, e, 1);
        } finally {
            if (work == null && dir != null) {
                delete(dir);
            }
        }
    }

    /** records synthetic 8 s recordings at 250 Hz, half sinus rhythm, half AF, packed into DIR/tiny.h5. */
    private Path data(Path dir) throws IOException {
        Path rec = dir.resolve("records");
        StringBuilder ref = new StringBuilder();
        for (int i = 0; i < records; i++) {
            boolean af = i % 2 == 1;
            String name = (af ? "af" : "nsr") + i;
            Synthesizer.generate(SynthParams.builder(Rhythm.parse(af ? "af" : "nsr"), 8, 250).seed(100 + i).build())
                    .write(rec, name);
            ref.append(name).append(',').append(af ? "A" : "N").append('\n');
        }
        Files.writeString(rec.resolve("REFERENCE.csv"), ref);
        Path dataset = dir.resolve("tiny.h5");
        cli("pack", "--input", rec.toString(), "--out", dataset.toString());
        return dataset;
    }

    private static void queue(Path runs, Path prototype, Path dataset, String seeds) throws IOException {
        cli("queue", "add", prototype.toString(), "--dataset", dataset.toString(), "--grid", "seed=" + seeds,
                "--runs", runs.toString());
    }

    private static void cli(String... args) throws IOException {
        StringWriter o = new StringWriter();
        CommandLine c = new CommandLine(new Main());
        c.setOut(new PrintWriter(o, true));
        c.setErr(new PrintWriter(o, true));
        if (c.execute(args) != 0) {
            throw new IOException(String.join(" ", args) + " failed: " + o);
        }
    }

    private static void schedule(Path runs, RunExecutor x) throws IOException {
        RunQueue q = RunQueue.open(runs);
        new Scheduler(q, x, new Scheduler.Settings(false, Duration.ofMillis(100), Duration.ofSeconds(60)),
                line -> { }).run();
        for (QueueEntry e : q.list()) {
            if (e.state() != RunState.DONE) {
                throw new IOException(e.id() + " on " + x.name() + " ended " + e.state().json() + ": " + e.error());
            }
        }
    }

    /** Each run's wall time, queue start to end, in seconds. */
    private static double[] runSeconds(Path runs) throws IOException {
        return RunQueue.open(runs).list().stream()
                .mapToDouble(e -> Duration.between(e.started(), e.finishedAt()).toMillis() / 1000.0).toArray();
    }

    private static boolean sameMetrics(Path a, Path b) throws IOException {
        List<QueueEntry> x = RunQueue.open(a).list();
        List<QueueEntry> y = RunQueue.open(b).list();
        for (int i = 0; i < x.size(); i++) {
            if (!metrics(x.get(i).runDir()).equals(metrics(y.get(i).runDir()))) {
                return false;
            }
        }
        return x.size() == y.size();
    }

    /** metrics.jsonl without its timings. */
    static List<JsonNode> metrics(Path run) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        for (String line : Files.readAllLines(run.resolve(RunFiles.METRICS))) {
            ObjectNode n = (ObjectNode) JSON.readTree(line);
            n.remove("seconds");
            out.add(n);
        }
        return out;
    }

    private static double mean(double[] v) {
        return java.util.Arrays.stream(v).average().orElse(Double.NaN);
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    private static void delete(Path dir) {
        try (Stream<Path> all = Files.walk(dir)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temporary folder: the system cleans it eventually
        }
    }
}
