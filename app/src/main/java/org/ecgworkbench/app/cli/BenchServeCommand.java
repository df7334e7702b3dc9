package org.ecgworkbench.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.ecgworkbench.app.Main;
import org.ecgworkbench.app.serve.ClassifyServer;
import org.ecgworkbench.app.serve.LoadGenerator;
import org.ecgworkbench.app.serve.ResidentMemory;
import org.ecgworkbench.app.serve.ServerOptions;
import org.ecgworkbench.engine.backend.Backend;
import org.ecgworkbench.engine.record.Record;
import org.ecgworkbench.engine.record.Records;
import org.ecgworkbench.engine.serve.InferenceEngine;
import org.ecgworkbench.engine.serve.InferenceService;
import org.ecgworkbench.engine.serve.InvalidInputException;
import org.ecgworkbench.engine.serve.ModelCard;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * bench serve: the resident service against the cold path. Server and clients share this process and talk over
 * loopback, so the numbers include HTTP and the clients' own CPU use on the same cores.
 */
@Command(name = "serve", description = "p50/p99 latency and throughput of the resident service (server and clients in"
        + " this process, loopback) at 1, 4 and 16 concurrent clients, the same record through a cold predict in a"
        + " fresh JVM, and the resident memory sampled along the way.")
public final class BenchServeCommand implements Callable<Integer> {

    @Option(names = "--model", required = true, paramLabel = "RUN_DIR", description = "Run directory of a trained model.")
    Path model;

    @Option(names = "--record", required = true, paramLabel = "FILE",
            description = "The recording every request sends: a CinC .mat (sent as format=cinc-mat), a .csv (format=csv,"
                    + " needs --fs) or any record the readers know (sent as JSON).")
    Path record;

    @Option(names = "--fs", paramLabel = "HZ", description = "Sampling frequency of the record (.csv; a .mat is read at"
            + " 300 Hz otherwise).")
    Double fs;

    @Option(names = "--requests", defaultValue = "4000", paramLabel = "N",
            description = "Most requests per concurrency level (default ${DEFAULT-VALUE}).")
    int requests;

    @Option(names = "--seconds", defaultValue = "60", paramLabel = "S",
            description = "Most seconds per concurrency level (default ${DEFAULT-VALUE}).")
    double seconds;

    @Option(names = "--clients", defaultValue = "1,4,16", split = ",", paramLabel = "N,...",
            description = "Concurrency levels (default ${DEFAULT-VALUE}).")
    List<Integer> clients;

    @Option(names = "--copies", defaultValue = "" + InferenceService.DEFAULT_COPIES, split = ",", paramLabel = "N,...",
            description = "Network copies to compare: 1 serialises inference, N runs N at once (default"
                    + " ${DEFAULT-VALUE}).")
    List<Integer> copies;

    @Option(names = "--engine", defaultValue = "auto", split = ",", paramLabel = "auto|onnx|dl4j,...",
            description = "What runs the network, one or more to compare (default ${DEFAULT-VALUE}: ONNX Runtime when"
                    + " the network exports, DL4J otherwise); the targets are judged on the first.")
    List<String> engines;

    @Option(names = "--threads", paramLabel = "N", description = "Server request threads (default: the largest"
            + " --clients).")
    Integer threads;

    @Option(names = "--rss-every", paramLabel = "N", description = "Sample the resident memory every N requests"
            + " (default: a 40th of all requests, at least 100).")
    Long rssEvery;

    @Option(names = "--warm-up", defaultValue = "300", paramLabel = "N",
            description = "Requests sent over HTTP by one client before the measured levels, so that the JIT has"
                    + " compiled the request path (default ${DEFAULT-VALUE}; counted in the totals and errors, not in"
                    + " the table).")
    int warmUp;

    @Option(names = "--no-cold", description = "Skip the cold predict in a fresh JVM.")
    boolean noCold;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try {
            Record rec = fs != null && record.toString().endsWith(".csv") ? Records.read(record, fs) : Records.read(record);
            Request req = request(rec);
            int maxClients = clients.stream().mapToInt(Integer::intValue).max().orElse(1);
            int serverThreads = threads == null ? maxClients : threads;
            long planned = (long) requests * clients.size() * copies.size() * engines.size();
            long every = rssEvery != null ? rssEvery : Math.max(100, planned / 40);
            List<double[]> rss = new ArrayList<>();
            double rssStart = ResidentMemory.mebibytes();
            List<LoadGenerator.Result> results = new ArrayList<>();
            ModelCard card = null;
            long total = 0;
            long warmErrors = 0;
            for (Setup setup : setups(engines.stream().map(InferenceEngine::of).toList(), copies)) {
                InferenceEngine engine = setup.engine();
                int c = setup.copies();
                try (InferenceService service = InferenceService.load(model, c, engine)) {
                    service.warmUp(Math.max(5, 2 * c));
                    card = service.model();
                    out.printf(Locale.ROOT, "engine %s, %d network cop%s: %s%n", engine.name().toLowerCase(Locale.ROOT),
                            c, c == 1 ? "y" : "ies", card.engine());
                    if (rss.isEmpty()) {
                        out.printf(Locale.ROOT, "bench serve: model %s (%s, %s Hz, classes %s), record %s (%d samples,"
                                + " %.1f s, sent as %s, %d bytes), ND4J %s, %d cores, server threads %d, loopback%n",
                                card.id(), card.prototype().path("name").asText(), Cli.number(card.fs()),
                                String.join(",", card.classes()), record.getFileName(), rec.samples(),
                                rec.durationSeconds(), req.format(), req.body().length, Backend.active(),
                                Runtime.getRuntime().availableProcessors(), serverThreads);
                        out.printf(Locale.ROOT, "%6s %7s %8s %6s %7s %7s %7s %7s %7s %10s %10s%n", "copies", "clients",
                                "requests", "errors", "wall s", "req/s", "p50 ms", "p99 ms", "max ms", "server p50",
                                "server p99");
                        out.flush();
                        rss.add(sample(0));
                    }
                    ServerOptions o = new ServerOptions(ServerOptions.HOST, 0, serverThreads,
                            Math.max(ServerOptions.QUEUE, 2 * maxClients), ServerOptions.MAX_BYTES);
                    try (ClassifyServer server = ClassifyServer.start(service, o)) {
                        server.warmUpThreads(1);
                        LoadGenerator load = new LoadGenerator(server.url() + "/v1/classify" + req.query(), req.body(),
                                req.contentType());
                        long base = total;
                        if (warmUp > 0) {
                            LoadGenerator.Result w = load.run(1, warmUp, seconds, every, done -> { });
                            warmErrors += w.errors();
                            out.printf(Locale.ROOT, "warm-up: %d requests, %d errors, p50 %.2f ms, max %.2f ms%n",
                                    w.completed(), w.errors(), q(w.clientMs(), 0.5), q(w.clientMs(), 1));
                        }
                        for (int n : clients) {
                            LoadGenerator.Result r = load.run(n, requests, seconds, every,
                                    done -> {
                                        synchronized (rss) {
                                            rss.add(sample(base + done));
                                        }
                                    });
                            results.add(r);
                            row(out, c, r);
                        }
                        total += load.total();
                    }
                }
            }
            double rssEnd = ResidentMemory.mebibytes();
            Cold cold = noCold ? null : cold(out);
            summary(out, results, warmErrors, cold, rss, rssStart, rssEnd, total);
            return 0;
        } catch (IllegalArgumentException | InvalidInputException e) {
            return Cli.fail(spec.commandLine().getErr(), e, 2);
        } catch (IOException e) {
            return Cli.fail(spec.commandLine().getErr(), e, 1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }

    /** One service to measure: its engine and network copies. */
    private record Setup(InferenceEngine engine, int copies) {
    }

    /** Every engine with every number of copies, engines outermost. */
    private static List<Setup> setups(List<InferenceEngine> engines, List<Integer> copies) {
        List<Setup> out = new ArrayList<>();
        for (InferenceEngine e : engines) {
            for (int c : copies) {
                out.add(new Setup(e, c));
            }
        }
        return out;
    }

    /** What every request sends. */
    private record Request(String format, String query, String contentType, byte[] body) {
    }

    private Request request(Record rec) throws IOException {
        String name = record.getFileName().toString();
        String fsParam = fs == null ? "" : "&fs=" + Cli.number(fs);
        if (name.endsWith(".mat")) {
            return new Request("cinc-mat", "?format=cinc-mat" + fsParam, "application/octet-stream",
                    Files.readAllBytes(record));
        }
        if (name.endsWith(".csv")) {
            if (fs == null) {
                throw new IllegalArgumentException(record + ": a CSV record needs --fs");
            }
            return new Request("csv", "?format=csv" + fsParam, "text/csv", Files.readAllBytes(record));
        }
        StringBuilder sb = new StringBuilder("{\"fs\":").append(rec.samplingFrequency()).append(",\"samples\":[");
        double[][] x = rec.physical();
        for (int l = 0; l < x.length; l++) {
            sb.append(l == 0 ? "[" : ",[");
            for (int t = 0; t < x[l].length; t++) {
                sb.append(t == 0 ? "" : ",").append(x[l][t]);
            }
            sb.append(']');
        }
        sb.append("]}");
        return new Request("json", "", "application/json", sb.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** Requests done, RSS, committed heap and ND4J off-heap memory (MiB) now. */
    private static double[] sample(double requestsDone) {
        return new double[] {requestsDone, ResidentMemory.mebibytes(), ResidentMemory.heapCommittedMebibytes(),
                ResidentMemory.nativeMebibytes()};
    }

    private static void row(PrintWriter out, int copies, LoadGenerator.Result r) {
        out.printf(Locale.ROOT, "%6d %7d %8d %6d %7.1f %7.1f %7.2f %7.2f %7.2f %10.2f %10.2f%n", copies, r.clients(),
                r.completed(), r.errors(), r.seconds(), r.throughput(), q(r.clientMs(), 0.5), q(r.clientMs(), 0.99),
                q(r.clientMs(), 1), q(r.serverMs(), 0.5), q(r.serverMs(), 0.99));
        if (r.firstError() != null) {
            out.println("  first error: " + r.firstError());
        }
        out.flush();
    }

    private static double q(double[] sorted, double q) {
        return LoadGenerator.Result.quantile(sorted, q);
    }

    /** A cold predict's wall time and its output line. */
    private record Cold(double seconds, int exit, String output) {
    }

    /** The same record through predict in a fresh JVM: the same java, class path and main class. */
    private Cold cold(PrintWriter out) throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> cmd = new ArrayList<>(List.of(java));
        for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            // memory, properties and module flags as this JVM has them; no agents or debuggers
            if (a.startsWith("-X") || a.startsWith("-D") || a.startsWith("--add-") || a.startsWith("--enable-native")) {
                cmd.add(a);
            }
        }
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName(), "predict", "--model",
                model.toString()));
        if (fs != null && record.toString().endsWith(".csv")) {
            cmd.addAll(List.of("--fs", Cli.number(fs)));
        }
        cmd.add(record.toString());
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(10, TimeUnit.MINUTES)) {
            p.destroyForcibly();
        }
        double wall = (System.nanoTime() - t0) / 1e9;
        String[] lines = text.strip().split("\n");
        return new Cold(wall, p.exitValue(), lines[lines.length - 1]);
    }

    private void summary(PrintWriter out, List<LoadGenerator.Result> results, long warmErrors, Cold cold,
                         List<double[]> rss, double rssStart, double rssEnd, long total) {
        LoadGenerator.Result single = null;
        long errors = warmErrors;
        for (int i = 0; i < results.size(); i++) {
            errors += results.get(i).errors();
            if (single == null && results.get(i).clients() == 1) {
                single = results.get(i);
            }
        }
        double p50 = single == null ? Double.NaN : q(single.clientMs(), 0.5);
        double p99 = single == null ? Double.NaN : q(single.clientMs(), 0.99);
        if (cold != null) {
            out.printf(Locale.ROOT, "cold predict in a fresh JVM: %.2f s wall (exit %d; %s); warm single-client p50"
                    + " %.2f ms: %.0fx faster%n", cold.seconds(), cold.exit(), cold.output(), p50,
                    cold.seconds() * 1000 / p50);
        }
        out.printf(Locale.ROOT, "resident memory: %.0f MiB before loading, %.0f MiB at the end%n", rssStart, rssEnd);
        out.println("memory by requests done (requests: RSS / committed Java heap / ND4J off-heap, MiB):");
        rss.sort((a, b) -> Double.compare(a[0], b[0]));
        StringBuilder series = new StringBuilder();
        for (int i = 0; i < rss.size(); i++) {
            double[] s = rss.get(i);
            series.append(String.format(Locale.ROOT, "  %7d: %5.0f / %5.0f / %4.0f", (long) s[0], s[1], s[2], s[3]));
            if (i % 5 == 4 || i == rss.size() - 1) {
                out.println(series);
                series.setLength(0);
            }
        }
        double growth = flatness(rss);
        out.println("targets:");
        out.printf(Locale.ROOT, "  single-client p99 < 20 ms: %.2f ms, %s%n", p99, p99 < 20 ? "met" : "NOT met");
        if (cold != null) {
            double ratio = cold.seconds() * 1000 / p50;
            out.printf(Locale.ROOT, "  >= 100x faster than cold predict: %.0fx, %s%n", ratio, ratio >= 100 ? "met" : "NOT met");
        }
        out.printf(Locale.ROOT, "  10,000 requests with no error: %d requests, %d errors, %s%n", total, errors,
                errors > 0 ? "NOT met" : total >= 10_000 ? "met" : "not reached (raise --requests)");
        out.printf(Locale.ROOT, "  resident memory flat over 100,000 requests: %d requests, peak of the second half"
                + " %+.1f MiB against the first, %s%n", total, growth,
                total < 100_000 ? "not reached (--requests 100000 --seconds 3600)"
                        : growth <= Math.max(16, 0.02 * rssEnd) ? "met" : "NOT met");
        out.flush();
    }

    /** Peak RSS of the second half of the samples minus the peak of the first half (after the load), in MiB. */
    private static double flatness(List<double[]> rss) {
        List<double[]> after = rss.subList(Math.min(1, rss.size()), rss.size());
        if (after.size() < 2) {
            return Double.NaN;
        }
        int half = after.size() / 2;
        double first = after.subList(0, half).stream().mapToDouble(s -> s[1]).max().orElse(Double.NaN);
        double second = after.subList(half, after.size()).stream().mapToDouble(s -> s[1]).max().orElse(Double.NaN);
        return second - first;
    }
}
