package org.ecgworkbench.engine.filter;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.executioner.OpExecutioner;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.profiler.OpProfiler;

/**
 * The three filtfilt experiments, for both execution paths and SciPy in the same run: (1) one signal of
 * growing length, (2) a batch of growing size at a fixed length, (3) time per signal against batch size
 * (derived from 2); plus the ND4J op count of the chunked path at two lengths.
 */
public final class FiltfiltBenchmark {

    /** What to run: filter design, sizes and the minimum measuring time per point (seconds). */
    public record Config(int order, double lowHz, double highHz, double fs, int[] singleLengths, int batchLength,
                         int[] batchSizes, double minSeconds, String python) {

        /** The experiment: butter(3, [5, 15], bandpass, fs=300), lengths 1,000–650,000, batches 1–4,096 × 9,000. */
        public static Config standard() {
            return new Config(3, 5, 15, 300, new int[] {1000, 3000, 10000, 30000, 100000, 300000, 650000}, 9000,
                    new int[] {1, 4, 16, 64, 256, 1024, 4096}, 1.0, "python3");
        }
    }

    /** One measured point: which implementation, signal length and batch size (samples, rows), median seconds per call. */
    public record Point(String experiment, String impl, int length, int batch, double seconds) {

        /** Throughput in millions of input samples per second. */
        public double msamplesPerSecond() {
            return (double) length * batch / seconds / 1e6;
        }
    }

    /** Everything measured, and what was said about SciPy (version, or why it is absent). */
    public record Result(List<Point> points, String scipy, long opsShort, long opsLong, long profiledShort,
                         long profiledLong) {
    }

    private static final java.util.Map<String, java.awt.Color> COLOURS = java.util.Map.of(
            "serial", new java.awt.Color(0x1f77b4), "serial-reuse", new java.awt.Color(0x17becf),
            "chunked", new java.awt.Color(0xff7f0e), "scipy", new java.awt.Color(0x2ca02c));

    private FiltfiltBenchmark() {
    }

    /** Runs the experiments; progress lines go to log. */
    public static Result run(Config cfg, PrintWriter log) throws IOException {
        TransferFunction tf = Butter.ba(cfg.order(), new double[] {cfg.lowHz(), cfg.highHz()}, BandType.BANDPASS, cfg.fs());
        List<Point> points = new ArrayList<>();
        Random rnd = new Random(0);
        for (FilterPath path : new FilterPath[] {FilterPath.SERIAL, FilterPath.CHUNKED}) {
            String impl = path.name().toLowerCase(Locale.ROOT);
            for (int n : cfg.singleLengths()) {
                INDArray x = Nd4j.createFromArray(gaussian(rnd, n));
                points.add(point("single", impl, n, 1, cfg, () -> Filtfilt.run(tf, x, null, PadType.ODD, null, path),
                        x));
                log.println(format(points.get(points.size() - 1)));
                log.flush();
            }
            for (int rows : cfg.batchSizes()) {
                double[] flat = gaussian(rnd, rows * cfg.batchLength());
                INDArray x = Nd4j.create(flat, new long[] {rows, cfg.batchLength()}, 'c');
                points.add(point("batch", impl, cfg.batchLength(), rows, cfg,
                        () -> Filtfilt.run(tf, x, null, PadType.ODD, null, path), x));
                log.println(format(points.get(points.size() - 1)));
                if (path == FilterPath.SERIAL) {
                    // The same into one reused output array, as a pipeline filtering batch after batch does:
                    // without the page faults of fresh output memory.
                    INDArray out = x.ulike();
                    points.add(point("batch", "serial-reuse", cfg.batchLength(), rows, cfg,
                            () -> Filtfilt.run(tf, x, null, PadType.ODD, null, path, out), x, out));
                    log.println(format(points.get(points.size() - 1)));
                }
                log.flush();
            }
        }
        String scipy = scipy(cfg, points, log);
        long[] ops = opCounts(tf, cfg.batchLength(), 650000);
        return new Result(points, scipy, ops[0], ops[1], ops[2], ops[3]);
    }

    /**
     * Median time of call; each fresh result is released once timed (not the input, nor a reused output), as NumPy
     * frees SciPy's previous result when the loop rebinds its name, so that neither side piles up outputs for the
     * garbage collector; on our side the next output of the same size gets the released memory back (RecycledMemory).
     */
    private static Point point(String experiment, String impl, int length, int batch, Config cfg,
                               Supplier<INDArray> call, INDArray... keep) {
        release(call.get(), keep);
        List<Double> times = new ArrayList<>();
        long start = System.nanoTime();
        while (times.size() < 3 || (System.nanoTime() - start < cfg.minSeconds() * 1e9 && times.size() < 50)) {
            long t0 = System.nanoTime();
            INDArray y = call.get();
            times.add((System.nanoTime() - t0) / 1e9);
            release(y, keep);
        }
        double[] sorted = times.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return new Point(experiment, impl, length, batch, sorted[sorted.length / 2]);
    }

    private static void release(INDArray y, INDArray... keep) {
        for (INDArray k : keep) {
            if (y == k) {
                return;
            }
        }
        if (y != null && y.closeable()) {
            y.close();
        }
    }

    /** ND4J ops per chunked filtfilt call at two lengths: counted by this code and by ND4J's profiler. */
    private static long[] opCounts(TransferFunction tf, int shortLength, int longLength) {
        long[] out = new long[4];
        int[] lengths = {shortLength, longLength};
        OpExecutioner ex = Nd4j.getExecutioner();
        for (int i = 0; i < 2; i++) {
            INDArray x = Nd4j.createFromArray(gaussian(new Random(i), lengths[i]));
            Filtfilt.run(tf, x, null, PadType.ODD, null, FilterPath.CHUNKED);
            long before = ChunkedFilter.opsIssued();
            ex.setProfilingMode(OpExecutioner.ProfilingMode.OPERATIONS);
            OpProfiler.getInstance().reset();
            Filtfilt.run(tf, x, null, PadType.ODD, null, FilterPath.CHUNKED);
            out[2 + i] = OpProfiler.getInstance().getInvocationsCount();
            ex.setProfilingMode(OpExecutioner.ProfilingMode.DISABLED);
            out[i] = ChunkedFilter.opsIssued() - before;
        }
        return out;
    }

    /** Runs the SciPy side in python3; returns its versions, or why it did not run. */
    private static String scipy(Config cfg, List<Point> points, PrintWriter log) {
        Path script;
        try (InputStream in = FiltfiltBenchmark.class.getResourceAsStream("scipy_filtfilt_bench.py")) {
            script = Files.createTempFile("scipy_filtfilt_bench", ".py");
            Files.write(script, in.readAllBytes());
        } catch (IOException e) {
            return "absent (cannot write the SciPy script: " + e.getMessage() + ")";
        }
        List<String> cmd = new ArrayList<>(List.of(cfg.python(), script.toString(), Integer.toString(cfg.order()),
                Double.toString(cfg.lowHz()), Double.toString(cfg.highHz()), Double.toString(cfg.fs()),
                Double.toString(cfg.minSeconds()), "single:" + join(cfg.singleLengths()),
                "batch:" + cfg.batchLength() + ":" + join(cfg.batchSizes())));
        String version = "absent";
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            ObjectMapper json = new ObjectMapper();
            StringBuilder other = new StringBuilder();
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    if (!line.startsWith("{")) {
                        other.append(line).append('\n');
                        continue;
                    }
                    JsonNode n = json.readTree(line);
                    if (n.has("scipy")) {
                        version = "SciPy " + n.get("scipy").asText() + ", NumPy " + n.get("numpy").asText();
                        continue;
                    }
                    Point pt = new Point(n.get("experiment").asText(), "scipy", n.get("length").asInt(),
                            n.get("batch").asInt(), n.get("seconds").asDouble());
                    points.add(pt);
                    log.println(format(pt));
                    log.flush();
                }
            }
            int code = p.waitFor();
            if (code != 0) {
                return "absent (" + cfg.python() + " exited with " + code + ": " + other.toString().trim() + ")";
            }
            return version;
        } catch (IOException e) {
            return "absent (" + cfg.python() + " could not be started: " + e.getMessage() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "absent (interrupted)";
        } finally {
            try {
                Files.deleteIfExists(script);
            } catch (IOException ignored) {
                // a leftover temp file is harmless
            }
        }
    }

    /** Prints the three experiment tables side by side with SciPy, and the op counts. */
    public static void printTables(Result r, PrintWriter out) {
        out.println("SciPy: " + r.scipy());
        out.println();
        out.println("(1) one signal, filtfilt time by length (ms; Msamples/s)");
        table(r, "single", true, out);
        out.println();
        out.println("(2) batch at fixed length, filtfilt time by batch size (ms; Msamples/s)");
        table(r, "batch", false, out);
        out.println();
        out.println("(3) time per signal by batch size (µs per signal)");
        out.printf(Locale.ROOT, "%8s %14s %14s %14s %14s%n", "batch", "serial", "serial reuse", "chunked", "scipy");
        for (int b : batches(r)) {
            out.printf(Locale.ROOT, "%8d %14s %14s %14s %14s%n", b, perSignal(r, "serial", b),
                    perSignal(r, "serial-reuse", b), perSignal(r, "chunked", b), perSignal(r, "scipy", b));
        }
        out.println();
        out.printf(Locale.ROOT, "ND4J ops per chunked filtfilt call: %d at the short length, %d at 650,000 samples"
                + " (ND4J profiler: %d and %d)%n", r.opsShort(), r.opsLong(), r.profiledShort(), r.profiledLong());
        out.flush();
    }

    private static void table(Result r, String experiment, boolean byLength, PrintWriter out) {
        out.printf(Locale.ROOT, "%8s %22s %22s %22s %22s%n", byLength ? "length" : "batch", "serial",
                "serial, reused out", "chunked", "scipy");
        List<Integer> keys = r.points().stream().filter(p -> p.experiment().equals(experiment))
                .map(p -> byLength ? p.length() : p.batch()).distinct().sorted().toList();
        for (int k : keys) {
            out.printf(Locale.ROOT, "%8d %22s %22s %22s %22s%n", k, cell(r, experiment, "serial", k, byLength),
                    cell(r, experiment, "serial-reuse", k, byLength), cell(r, experiment, "chunked", k, byLength),
                    cell(r, experiment, "scipy", k, byLength));
        }
    }

    private static String cell(Result r, String experiment, String impl, int key, boolean byLength) {
        return r.points().stream()
                .filter(p -> p.experiment().equals(experiment) && p.impl().equals(impl)
                        && (byLength ? p.length() : p.batch()) == key)
                .findFirst()
                .map(p -> String.format(Locale.ROOT, "%9.3f; %7.1f", p.seconds() * 1e3, p.msamplesPerSecond()))
                .orElse("-");
    }

    private static List<Integer> batches(Result r) {
        return r.points().stream().filter(p -> p.experiment().equals("batch")).map(Point::batch).distinct().sorted()
                .toList();
    }

    private static String perSignal(Result r, String impl, int batch) {
        return r.points().stream().filter(p -> p.experiment().equals("batch") && p.impl().equals(impl)
                        && p.batch() == batch)
                .findFirst().map(p -> String.format(Locale.ROOT, "%.1f", p.seconds() / batch * 1e6)).orElse("-");
    }

    /** Writes filtfilt.csv (every point) and filtfilt.png (the three experiments) into dir. */
    public static void write(Result r, Path dir) throws IOException {
        Files.createDirectories(dir);
        List<String> lines = new ArrayList<>();
        lines.add("experiment,impl,length,batch,seconds,msamples_per_s");
        for (Point p : r.points()) {
            lines.add(String.format(Locale.ROOT, "%s,%s,%d,%d,%.9f,%.3f", p.experiment(), p.impl(), p.length(),
                    p.batch(), p.seconds(), p.msamplesPerSecond()));
        }
        Files.write(dir.resolve("filtfilt.csv"), lines);
        List<XYChart> charts = List.of(
                chart(r, "(1) one signal", "length (samples)", "ms per call", "single", true, false),
                chart(r, "(2) batch × " + firstLength(r), "batch size", "Msamples/s", "batch", false, false),
                chart(r, "(3) time per signal", "batch size", "µs per signal", "batch", false, true));
        BitmapEncoder.saveBitmap(charts, 1, 3, dir.resolve("filtfilt").toString(), BitmapEncoder.BitmapFormat.PNG);
    }

    private static int firstLength(Result r) {
        return r.points().stream().filter(p -> p.experiment().equals("batch")).mapToInt(Point::length).findFirst()
                .orElse(0);
    }

    private static XYChart chart(Result r, String title, String xTitle, String yTitle, String experiment,
                                 boolean byLength, boolean perSignal) {
        XYChart c = new XYChartBuilder().width(520).height(400).title(title).xAxisTitle(xTitle).yAxisTitle(yTitle).build();
        c.getStyler().setXAxisLogarithmic(true);
        c.getStyler().setYAxisLogarithmic(true);
        for (String impl : new String[] {"serial", "serial-reuse", "chunked", "scipy"}) {
            List<Point> ps = r.points().stream().filter(p -> p.experiment().equals(experiment) && p.impl().equals(impl))
                    .toList();
            if (ps.isEmpty()) {
                continue;
            }
            double[] x = ps.stream().mapToDouble(p -> byLength ? p.length() : p.batch()).toArray();
            double[] y = ps.stream().mapToDouble(p -> byLength ? p.seconds() * 1e3
                    : perSignal ? p.seconds() / p.batch() * 1e6 : p.msamplesPerSecond()).toArray();
            XYSeries s = c.addSeries(impl, x, y);
            s.setMarker(org.knowm.xchart.style.markers.SeriesMarkers.CIRCLE);
            // The same colour for an implementation in every panel.
            s.setLineColor(COLOURS.get(impl));
            s.setMarkerColor(COLOURS.get(impl));
        }
        return c;
    }

    private static String format(Point p) {
        return String.format(Locale.ROOT, "  %-7s %-12s length %7d batch %5d: %10.3f ms (%7.1f Msamples/s)",
                p.experiment(), p.impl(), p.length(), p.batch(), p.seconds() * 1e3, p.msamplesPerSecond());
    }

    private static String join(int[] v) {
        return String.join(",", Arrays.stream(v).mapToObj(Integer::toString).toArray(String[]::new));
    }

    private static double[] gaussian(Random rnd, int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = rnd.nextGaussian();
        }
        return x;
    }
}
