package org.ecgworkbench.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.ecgworkbench.engine.backend.Backend;
import org.ecgworkbench.engine.backend.OpenMp;
import org.ecgworkbench.engine.net.BatchNormFolding;
import org.ecgworkbench.engine.net.NetworkBuilder;
import org.ecgworkbench.engine.net.OnnxNetwork;
import org.ecgworkbench.engine.net.Prototype;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** bench train-step: DL4J training-step and single-recording inference times of a prototype, beside PyTorch's. */
@Command(name = "train-step", description = "Median DL4J training-step time (Adam, batch x channels x window) and "
        + "single-recording inference time of a prototype's network, then the PyTorch anchor on the same machine.")
public final class BenchTrainStepCommand implements Callable<Integer> {

    @Option(names = "--prototype", defaultValue = "resources/prototypes/resnet1d-small.json", paramLabel = "P.json",
            description = "Prototype (default resources/prototypes/resnet1d-small.json).")
    Path prototype;

    @Option(names = "--layout", paramLabel = "conv2d|conv1d", description = "Convolution layout (default conv2d).")
    String layout;

    @Option(names = "--steps", defaultValue = "20", paramLabel = "N", description = "Timed steps after 5 warm-up (default 20).")
    int steps;

    @Option(names = "--anchor", defaultValue = "../shared/anchors/torch_resnet1d_small.py", paramLabel = "FILE.py",
            description = "PyTorch anchor run afterwards with /usr/bin/python3 (default ../shared/anchors/torch_resnet1d_small.py).")
    Path anchor;

    @Option(names = "--no-anchor", description = "Do not run the anchor.")
    boolean noAnchor;

    @Option(names = "--rounds", defaultValue = "1", paramLabel = "N", description = "Rounds of DL4J then the anchor, "
            + "with the median ratio at the end: this machine's speed drifts between runs (default 1).")
    int rounds;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try {
            if (rounds < 1 || steps < 1) {
                throw new IllegalArgumentException("--rounds and --steps must be at least 1");
            }
            Prototype p = Prototype.read(prototype);
            if (p.classes().isEmpty()) {
                p = p.withClasses(List.of("A", "N", "O", "~"));
            }
            NetworkBuilder.Layout l = layout == null ? NetworkBuilder.DEFAULT_LAYOUT
                    : NetworkBuilder.Layout.valueOf(layout.toUpperCase(Locale.ROOT));
            NetworkBuilder b = new NetworkBuilder(p, l, null);
            ComputationGraph net = b.build();
            int bs = p.batchSize();
            int t = p.input().samples();
            int c = p.inputChannels();
            int k = p.classes().size();
            java.util.Random random = new java.util.Random(0);
            MultiDataSet ds = new MultiDataSet(b.randomInputs(bs, random), new INDArray[] {labels(bs, k)});
            INDArray[] one = b.randomInputs(1, random);
            out.printf(Locale.ROOT, "prototype %s, layout %s, ND4J %s, %d threads, OMP_WAIT_POLICY %s%n", p.name(),
                    l.name().toLowerCase(Locale.ROOT), Backend.active().binary(), Backend.active().threads(),
                    OpenMp.waitPolicy());
            out.flush();
            List<double[]> ratios = new ArrayList<>();
            for (int round = 0; round < rounds; round++) {
                double[] step = new double[steps];
                // Warm-up: 5 steps in the first round, 1 after the anchor's process in later ones.
                int warm = round == 0 ? 5 : 1;
                for (int i = 0; i < warm + steps; i++) {
                    long s = System.nanoTime();
                    net.fit(ds);
                    if (i >= warm) {
                        step[i - warm] = (System.nanoTime() - s) / 1e6;
                    }
                }
                double[] inf = inferences(() -> net.output(false, one));
                Arrays.sort(step);
                out.printf(Locale.ROOT, "DL4J    train step median %.1f ms (batch %d x %d x %d, %d steps), inference "
                        + "median %.2f ms, p99 %.2f ms (1 x %d x %d)%n", median(step), bs, c, t, steps, median(inf),
                        inf[98], c, t);
                double[] served = served(out, net, p, b, l, one);
                out.flush();
                if (!noAnchor) {
                    double[] r = anchor(out, median(step), median(inf));
                    if (r != null) {
                        ratios.add(r);
                        if (served != null) {
                            out.printf(Locale.ROOT, "ratio served/PyTorch: inference %.2fx%n",
                                    median(served) / (median(inf) / r[1]));
                        }
                    }
                }
            }
            if (ratios.size() > 1) {
                double[] st = ratios.stream().mapToDouble(r -> r[0]).sorted().toArray();
                double[] in = ratios.stream().mapToDouble(r -> r[1]).sorted().toArray();
                out.printf(Locale.ROOT, "ratio over %d rounds: train step median %.2fx (%.2f-%.2f), inference median"
                        + " %.2fx (%.2f-%.2f)%n", st.length, median(st), st[0], st[st.length - 1], median(in), in[0],
                        in[in.length - 1]);
                out.flush();
            }
            return 0;
        } catch (IllegalArgumentException e) {
            return Cli.fail(spec.commandLine().getErr(), e, 2);
        } catch (IOException e) {
            return Cli.fail(spec.commandLine().getErr(), e, 1);
        }
    }

    /**
     * The network as {@code serve} runs it (batch norms folded, ONNX Runtime on every core): sorted times of 100
     * single-recording inferences in ms, printed; null (and the reason printed) when it cannot run so.
     */
    private static double[] served(PrintWriter out, ComputationGraph net, Prototype p, NetworkBuilder b,
                                   NetworkBuilder.Layout l, INDArray[] one) {
        ComputationGraph folded = BatchNormFolding.fold(net, p, l).orElse(net);
        int threads = Runtime.getRuntime().availableProcessors();
        try (OnnxNetwork onnx = OnnxNetwork.checked(folded, b, threads)) {
            double[] inf = inferences(() -> onnx.output(one));
            out.printf(Locale.ROOT, "served  inference median %.2f ms, p99 %.2f ms (batch norms folded,"
                    + " ONNX Runtime %s, %d threads)%n", median(inf), inf[98], OnnxNetwork.version(), threads);
            return inf;
        } catch (UnsupportedOperationException | IllegalStateException e) {
            out.println("served  inference: not on ONNX Runtime (" + e.getMessage() + ")");
            return null;
        }
    }

    /** Times of 100 calls of inference in ms, sorted, after 10 untimed ones. */
    private static double[] inferences(Runnable inference) {
        double[] ms = new double[100];
        for (int i = 0; i < 110; i++) {
            long s = System.nanoTime();
            inference.run();
            if (i >= 10) {
                ms[i - 10] = (System.nanoTime() - s) / 1e6;
            }
        }
        Arrays.sort(ms);
        return ms;
    }

    /** Runs the anchor and prints it beside DL4J's times; returns the step and inference ratios, or null. */
    private double[] anchor(PrintWriter out, double dl4jStep, double dl4jInf) {
        Path py = Path.of("/usr/bin/python3");
        if (!Files.isRegularFile(anchor) || !Files.isExecutable(py)) {
            out.println("PyTorch anchor not run: " + (Files.isRegularFile(anchor) ? py + " missing" : anchor
                    + " not found") + " (apt-get install -y python3-torch)");
            out.flush();
            return null;
        }
        try {
            Process proc = new ProcessBuilder(py.toString(), anchor.toString()).redirectErrorStream(true).start();
            String text = new String(proc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!proc.waitFor(10, TimeUnit.MINUTES) || proc.exitValue() != 0) {
                out.println("PyTorch anchor failed: " + text.trim());
                out.flush();
                return null;
            }
            double torchStep = number(text, "train step median ");
            double torchInf = number(text, "inference median ");
            out.printf(Locale.ROOT, "PyTorch train step median %.1f ms, inference median %.2f ms (%s)%n", torchStep,
                    torchInf, anchor.getFileName());
            out.printf(Locale.ROOT, "ratio DL4J/PyTorch: train step %.2fx (target <= 1.25x), inference %.2fx"
                    + " (target <= 2x)%n", dl4jStep / torchStep, dl4jInf / torchInf);
            out.flush();
            return new double[] {dl4jStep / torchStep, dl4jInf / torchInf};
        } catch (IOException e) {
            out.println("PyTorch anchor not run: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        out.flush();
        return null;
    }

    private static double number(String text, String after) {
        int i = text.indexOf(after);
        if (i < 0) {
            return Double.NaN;
        }
        String rest = text.substring(i + after.length()).trim();
        return Double.parseDouble(rest.substring(0, rest.indexOf(' ')));
    }

    private static double median(double[] sorted) {
        return sorted[sorted.length / 2];
    }

    private static INDArray labels(int n, int k) {
        INDArray y = Nd4j.zeros(DataType.FLOAT, n, k);
        for (int i = 0; i < n; i++) {
            y.putScalar(i, i % k, 1);
        }
        return y;
    }
}
