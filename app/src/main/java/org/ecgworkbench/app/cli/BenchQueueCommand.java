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
import java.time.Instant;
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

    @Option(names = "--repeat", defaultValue = "1", paramLabel = "N", description = "Sweeps per executor, "
            + "alternating local and Spark (default ${DEFAULT-VALUE}); medians are reported.")
    int repeat;

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
        if (runs < 1 || slots < 1 || records < 4 || epochs < 1 || repeat < 1) {
            return Cli.fail(err, new IllegalArgumentException("--runs, --slots, --epochs, --repeat >= 1 and "
                    + "--records >= 4"), 2);
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
                    + "time, %d cores, %d sweep(s) per executor%n", runs, records, epochs, seeds, slots, cores, repeat);
            out.flush();

            List<double[]> l = new ArrayList<>();
            List<double[]> sp = new ArrayList<>();
            double start;
            String describe;
            boolean same = true;
            long t0 = System.nanoTime();
            try (RunExecutor spark = RunExecutors.spark(new SparkSettings(master, slots, cores, List.of(), 0, 4,
                    false, Map.of(), launch, false))) {
                start = seconds(t0);
                describe = spark.describe();
                for (int k = 1; k <= repeat; k++) {
                    Path localRuns = dir.resolve("local-" + k);
                    l.add(sweep(localRuns, prototype, dataset, seeds, new LocalExecutor(launch, slots, cores,
                            List.of())));
                    Path sparkRuns = dir.resolve("spark-" + k);
                    sp.add(sweep(sparkRuns, prototype, dataset, seeds, spark));
                    same &= sameMetrics(localRuns, sparkRuns);
                    out.printf(Locale.ROOT, "  sweep %d: local %.1f s, spark %.1f s%n", k, l.get(k - 1)[0],
                            sp.get(k - 1)[0]);
                    out.flush();
                }
            }
            double[] lm = medians(l);
            double[] sm = medians(sp);
            out.printf(Locale.ROOT, "%-22s %14s %12s %14s %20s%n", "executor (medians)", "context start",
                    "sweep wall", "mean run wall", "launch+reap per run");
            out.printf(Locale.ROOT, "%-22s %14s %10.1f s %12.1f s %18.2f s%n", "local, " + slots + " slots", "-",
                    lm[0], lm[1], lm[2]);
            out.printf(Locale.ROOT, "%-22s %12.1f s %10.1f s %12.1f s %18.2f s%n", "spark " + master, start, sm[0],
                    sm[1], sm[2]);
            out.printf(Locale.ROOT, "Spark overhead per run: %.2f s launch+reap (scheduler start to the attempt's "
                    + "log header, plus the trainer's last state write to the scheduler's end), %.2f s by sweep wall "
                    + "/ runs; plus %.1f s once for the context (%s)%n", sm[2] - lm[2], (sm[0] - lm[0]) / runs,
                    start, describe);
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

    /**
     * Queues the sweep into runs and runs it on x; returns its wall time, the mean run wall time (scheduler start
     * to end) and the mean launch+reap time per run, in seconds.
     */
    private static double[] sweep(Path runs, Path prototype, Path dataset, String seeds, RunExecutor x)
            throws IOException {
        queue(runs, prototype, dataset, seeds);
        RunQueue q = RunQueue.open(runs);
        long t = System.nanoTime();
        new Scheduler(q, x, new Scheduler.Settings(false, Duration.ofMillis(100), Duration.ofSeconds(60)),
                line -> { }).run();
        double wall = seconds(t);
        double run = 0;
        double overhead = 0;
        List<QueueEntry> all = q.list();
        for (QueueEntry e : all) {
            if (e.state() != RunState.DONE) {
                throw new IOException(e.id() + " on " + x.name() + " ended " + e.state().json() + ": " + e.error());
            }
            run += Duration.between(e.started(), e.finishedAt()).toMillis() / 1000.0;
            // the attempt's header holds the moment the executor began it; state.json the trainer's last write
            String header = Files.readString(e.runDir().resolve(RunFiles.LOG)).lines()
                    .filter(line -> line.startsWith("=== attempt ")).findFirst().orElseThrow();
            Instant began = Instant.parse(header.substring(header.indexOf(" at ") + 4, header.indexOf(',')));
            Instant last = Instant.parse(JSON.readTree(e.runDir().resolve(RunFiles.STATE).toFile()).path("updated")
                    .asText());
            overhead += (Duration.between(e.started(), began).toMillis()
                    + Duration.between(last, e.finishedAt()).toMillis()) / 1000.0;
        }
        return new double[] {wall, run / all.size(), overhead / all.size()};
    }

    private static double[] medians(List<double[]> rows) {
        double[] m = new double[rows.get(0).length];
        for (int c = 0; c < m.length; c++) {
            int col = c;
            double[] v = rows.stream().mapToDouble(r -> r[col]).sorted().toArray();
            m[c] = v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
        }
        return m;
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
