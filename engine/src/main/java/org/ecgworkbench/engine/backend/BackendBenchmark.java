package org.ecgworkbench.engine.backend;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

import org.ecgworkbench.engine.filter.BandType;
import org.ecgworkbench.engine.filter.Butter;
import org.ecgworkbench.engine.filter.FilterPath;
import org.ecgworkbench.engine.filter.Filtfilt;
import org.ecgworkbench.engine.filter.PadType;
import org.ecgworkbench.engine.filter.TransferFunction;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv1DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Times the ND4J work this product leans on, in whichever native binary (classifier) this JVM loaded:
 * a float32 matrix product, a float32 1-D convolution of the size of a small ECG network's layer, and the
 * GPU-shaped (chunked) filtfilt. Run once per classifier to choose one (README, "Performance").
 */
public final class BackendBenchmark {

    /** One timed workload: its name and median milliseconds per call. */
    public record Timing(String workload, double millis) {
    }

    private BackendBenchmark() {
    }

    /** Runs every workload for at least minSeconds each and returns the medians. */
    public static List<Timing> run(double minSeconds) {
        Nd4j.getRandom().setSeed(0);
        List<Timing> out = new ArrayList<>();
        INDArray a = Nd4j.rand(DataType.FLOAT, 512, 512);
        INDArray b = Nd4j.rand(DataType.FLOAT, 512, 512);
        out.add(time("gemm f32 512x512x512", minSeconds, () -> a.mmul(b)));
        INDArray x = Nd4j.rand(DataType.FLOAT, 32, 32, 2250);
        INDArray w = Nd4j.rand(DataType.FLOAT, 16, 32, 32);
        Conv1DConfig conv = Conv1DConfig.builder().k(16).s(1).d(1).paddingMode(PaddingMode.SAME).dataFormat("NCW")
                .build();
        out.add(time("conv1d f32 32x32x2250, k16, 32 out", minSeconds, () -> Nd4j.cnn().conv1d(x, w, conv)));
        TransferFunction tf = Butter.ba(3, new double[] {5, 15}, BandType.BANDPASS, 300);
        INDArray s = Nd4j.randn(DataType.DOUBLE, 256, 9000);
        out.add(time("chunked filtfilt f64 256x9000", minSeconds,
                () -> Filtfilt.run(tf, s, null, PadType.ODD, null, FilterPath.CHUNKED)));
        return out;
    }

    private static Timing time(String name, double minSeconds, Supplier<INDArray> call) {
        call.get();
        List<Double> ms = new ArrayList<>();
        long start = System.nanoTime();
        while (ms.size() < 5 || (System.nanoTime() - start < minSeconds * 1e9 && ms.size() < 200)) {
            long t0 = System.nanoTime();
            call.get();
            ms.add((System.nanoTime() - t0) / 1e6);
        }
        ms.sort(null);
        return new Timing(name, ms.get(ms.size() / 2));
    }

    /** Prints the backend line and one line per workload. */
    public static void print(Backend backend, List<Timing> timings, PrintWriter out) {
        out.println("backend: " + backend);
        for (Timing t : timings) {
            out.printf(Locale.ROOT, "  %-40s %10.3f ms%n", t.workload(), t.millis());
        }
        out.flush();
    }
}
