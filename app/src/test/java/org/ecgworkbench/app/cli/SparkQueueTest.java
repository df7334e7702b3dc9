package org.ecgworkbench.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.ecgworkbench.app.Main;
import org.ecgworkbench.engine.queue.LocalExecutor;
import org.ecgworkbench.engine.queue.QueueEntry;
import org.ecgworkbench.engine.queue.RunQueue;
import org.ecgworkbench.engine.queue.RunState;
import org.ecgworkbench.engine.train.RunFiles;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * queue run --executor spark on Spark local[2] in this JVM, trainers in child JVMs, on a tiny synthetic dataset:
 * a sweep of 4 runs gives complete run directories and the metrics of the local executor for the same seeds; a
 * task whose trainer is killed mid-run is retried by Spark and resumes from its checkpoint, nothing lost; a cancel
 * past its grace cancels the run's Spark job group.
 */
class SparkQueueTest {

    @TempDir
    static Path data;

    static Path dataset;
    static Path prototype;
    /** The local executor's runs of seeds 1..4 by seed, made once (by whichever test needs them first). */
    private static Map<Integer, Path> localRuns;

    /** 16 records of 8 s at 250 Hz, half sinus rhythm, half AF, packed; a prototype that trains them in seconds. */
    @BeforeAll
    static void makeData() throws IOException {
        Path rec = SyntheticRecords.alternating(data.resolve("records"), 16);
        dataset = data.resolve("tiny.h5");
        assertEquals(0, cli("pack", "--input", rec.toString(), "--out", dataset.toString()).code());
        prototype = data.resolve("tiny.json");
        Files.writeString(prototype, """
                {"name": "tiny", "family": "fcn1d", "blocks": 3, "filters": [8, 16, 8], "kernel_size": [8, 5, 3],
                 "reduction": {"every": 1, "factor": 4, "shortcut": "max"}, "pooling": "avg", "batch_norm": true,
                 "input": {"seconds": 4, "fs": 250, "channels": ["raw"]},
                 "optimizer": {"name": "adam", "learning_rate": 0.001}, "batch_size": 8, "epochs": 2,
                 "early_stopping": null, "seed": 1}
                """);
    }

    @Test
    void aSweepOfFourRunsOnLocal2EqualsTheLocalExecutor() throws Exception {
        Map<Integer, Path> local = localRuns();
        Path runs = data.resolve("spark-sweep");
        add(runs, "1,2,3,4", "0");
        Result r = cli("queue", "run", "--executor", "spark", "--master", "local[2]", "--cores", "2",
                "--poll-seconds", "0.05", "--runs", runs.toString());
        System.out.println(r.out());
        assertEquals(0, r.code(), r.out());
        assertTrue(r.out().contains("Spark 4.1.1, master local[2,4]"), r.out());
        assertTrue(r.out().contains("UI off"), r.out());

        for (QueueEntry e : RunQueue.open(runs).list()) {
            assertEquals(RunState.DONE, e.state(), e.id() + ": " + e.error());
            assertEquals(1, e.attempts());
            assertTrue(e.where().matches("spark local\\[2] task \\d+ attempt 1"), e.where());
            complete(e.runDir(), 1);
            int seed = seed(e);
            assertEquals(BenchQueueCommand.metrics(local.get(seed)), BenchQueueCommand.metrics(e.runDir()),
                    "seed " + seed + ": Spark and local metrics differ");
            assertEquals(QueueCrashTest.withoutTimes(state(local.get(seed))), QueueCrashTest.withoutTimes(
                    state(e.runDir())));
        }
        Result list = cli("queue", "list", "--runs", runs.toString());
        assertTrue(list.out().lines().skip(1).allMatch(l -> l.matches(".*done .* spark local\\[2] task \\d+ "
                + "attempt 1 .*")), list.out());
    }

    @Test
    void aTaskKilledMidRunIsRetriedAndResumesFromItsCheckpoint() throws Exception {
        Map<Integer, Path> local = localRuns();
        Path runs = data.resolve("spark-drill");
        add(runs, "1", "0.0001"); // a checkpoint after every batch: the drill kills the trainer mid-epoch
        Result r = cli("queue", "run", "--executor", "spark", "--master", "local[2]", "--cores", "2",
                "--fault-drill", "--poll-seconds", "0.05", "--runs", runs.toString());
        System.out.println(r.out());
        assertEquals(0, r.code(), r.out());
        for (QueueEntry e : RunQueue.open(runs).list()) {
            assertEquals(RunState.DONE, e.state(), e.id() + ": " + e.error());
            assertEquals(1, e.attempts(), "one queue attempt; the retry is Spark's");
            assertTrue(e.where().matches("spark local\\[2] task \\d+ attempt 2"), e.where());
            String log = Files.readString(e.runDir().resolve(RunFiles.LOG));
            List<String> headers = log.lines().filter(l -> l.startsWith("=== attempt ")).toList();
            assertEquals(2, headers.size(), log);
            assertTrue(headers.get(0).matches(".*spark local\\[2] task \\d+ attempt 1 .*: train --prototype .*"),
                    headers.get(0));
            assertTrue(headers.get(1).matches(".*spark local\\[2] task \\d+ attempt 2 .*: train --resume .*"),
                    headers.get(1));
            assertTrue(log.contains("error: fault drill: killed the trainer of " + e.id()
                    + " after its first checkpoint"), log);
            complete(e.runDir(), 2);
            // nothing lost, nothing twice: every epoch once, equal to the uninterrupted local run of the same seed
            int seed = seed(e);
            assertEquals(BenchQueueCommand.metrics(local.get(seed)), BenchQueueCommand.metrics(e.runDir()),
                    "seed " + seed);
            assertEquals(QueueCrashTest.withoutTimes(state(local.get(seed))), QueueCrashTest.withoutTimes(
                    state(e.runDir())));
        }
    }

    @Test
    void aDriverKilledWithSigkillLeavesNoTrainerAndTheNextSchedulerResumesTheRunExactly() throws Exception {
        Map<Integer, Path> local = localRuns();
        Path runs = data.resolve("spark-crash");
        add(runs, "2", "0.0001");
        RunQueue q = RunQueue.open(runs);
        Path run = q.get("q0001").runDir();
        Path log = data.resolve("spark-crash.log");
        Process driver = sparkScheduler(runs, log);
        JsonNode at = QueueCrashTest.waitForState(run, n -> n.path("batch").asInt() >= 1, driver, log);
        List<ProcessHandle> trainers = ProcessHandle.allProcesses()
                .filter(ph -> LocalExecutor.trains(ph, Main.class.getName(), run)).toList();
        assertEquals(1, trainers.size(), "one trainer of the run, a child of the driver");
        driver.destroyForcibly(); // SIGKILL: no shutdown hook, no Spark clean-up
        assertTrue(driver.waitFor(60, TimeUnit.SECONDS));
        // the trainer notices its parent's end (GuardedTrain) and ends by itself
        QueueCrashTest.waitGone(trainers.get(0).pid());
        System.out.println("killed the Spark driver at " + at + "; trainer pid " + trainers.get(0).pid()
                + " ended by itself:\n" + Files.readString(log));
        assertEquals(RunState.RUNNING, q.get("q0001").state(), "a dead driver cannot record anything");

        Result r = cli("queue", "run", "--executor", "spark", "--master", "local[1]", "--cores", "1",
                "--poll-seconds", "0.05", "--runs", runs.toString());
        System.out.println(r.out());
        assertEquals(0, r.code(), r.out());
        assertTrue(r.out().contains("q0001 interrupted (scheduler gone while it ran"), r.out());
        QueueEntry e = q.get("q0001");
        assertEquals(RunState.DONE, e.state(), e.error());
        assertEquals(2, e.attempts());
        String train = Files.readString(run.resolve(RunFiles.LOG));
        assertTrue(train.contains("error: the Spark task that started this trainer is gone"), train);
        assertTrue(train.lines().filter(l -> l.startsWith("=== attempt 2 ")).allMatch(l -> l.contains(
                ": train --resume ")), train);
        complete(run, 2);
        assertEquals(BenchQueueCommand.metrics(local.get(2)), BenchQueueCommand.metrics(run));
        assertEquals(QueueCrashTest.withoutTimes(state(local.get(2))), QueueCrashTest.withoutTimes(state(run)));
    }

    @Test
    void aCancelPastItsGraceCancelsTheSparkJobGroupAndEndsTheTrainer() throws Exception {
        Path runs = data.resolve("spark-cancel");
        add(runs, "3", "0.0001");
        RunQueue q = RunQueue.open(runs);
        Path run = q.get("q0001").runDir();
        CompletableFuture<Result> s = CompletableFuture.supplyAsync(() -> cli("queue", "run", "--executor", "spark",
                "--master", "local[2]", "--cores", "2", "--stop-grace-seconds", "0", "--poll-seconds", "0.05",
                "--runs", runs.toString()));
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!Files.isRegularFile(run.resolve(RunFiles.STATE))) {
            assertFalse(s.isDone(), () -> "scheduler ended: " + s.join().out());
            assertTrue(System.nanoTime() < end, "no state.json in 120 s");
            Thread.sleep(20);
        }
        assertEquals(0, cli("queue", "cancel", "q0001", "--runs", runs.toString()).code());
        Result r = s.get(120, TimeUnit.SECONDS);
        System.out.println(r.out());
        QueueEntry e = q.get("q0001");
        assertEquals(RunState.CANCELLED, e.state(), r.out());
        assertEquals(143, e.exitCode());
        String log = Files.readString(run.resolve(RunFiles.LOG));
        assertTrue(log.contains("error: spark: Spark job group q0001 cancelled"), log);
        assertFalse(ProcessHandle.allProcesses().anyMatch(ph -> LocalExecutor.trains(ph, Main.class.getName(), run)
                && LocalExecutor.running(ph)), "a trainer of the cancelled run still runs");
        assertFalse(Files.exists(run.resolve(RunFiles.STOP)));
    }

    @Test
    void sparkOptionsNeedTheSparkExecutorAndRunsMustBeAPathOrFileUri() throws IOException {
        Path runs = data.resolve("refused");
        Result r = cli("queue", "run", "--master", "local[2]", "--runs", runs.toString());
        assertEquals(2, r.code());
        assertTrue(r.out().contains("need --executor spark"), r.out());
        r = cli("queue", "run", "--executor", "mesos", "--runs", runs.toString());
        assertEquals(2, r.code());
        assertTrue(r.out().contains("--executor is local or spark, got \"mesos\""), r.out());
        r = cli("queue", "list", "--runs", "hdfs://namenode:8020/runs");
        assertEquals(2, r.code());
        assertTrue(r.out().contains("mount the shared file system (for HDFS: its NFS gateway or fuse-dfs)"), r.out());
        r = cli("queue", "list", "--runs", runs.toUri().toString());
        assertEquals(0, r.code(), r.out());
        assertTrue(r.out().contains("the queue in " + runs.resolve("queue") + " is empty"), r.out());
    }

    // ---- helpers

    /** The local executor's sweep of seeds 1..4 with 2 slots on 2 cores (1 thread per run, as on local[2]). */
    private static synchronized Map<Integer, Path> localRuns() throws IOException {
        if (localRuns == null) {
            Path runs = data.resolve("local-sweep");
            add(runs, "1,2,3,4", "0");
            Result r = cli("queue", "run", "--slots", "2", "--cores", "2", "--poll-seconds", "0.05", "--runs",
                    runs.toString());
            assertEquals(0, r.code(), r.out());
            Map<Integer, Path> m = new TreeMap<>();
            for (QueueEntry e : RunQueue.open(runs).list()) {
                assertEquals(RunState.DONE, e.state(), e.id() + ": " + e.error());
                m.put(seed(e), e.runDir());
            }
            localRuns = m;
        }
        return localRuns;
    }

    /**
     * queue run --executor spark on local[1] in a child JVM: this test JVM's class path and the module options
     * Spark needs (surefire's argLine gave them to this JVM).
     */
    private static Process sparkScheduler(Path runs, Path log) throws IOException {
        String exe = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> cmd = new ArrayList<>(List.of(exe, "--enable-native-access=ALL-UNNAMED"));
        cmd.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> a.startsWith("--add-opens") || a.startsWith("-Dio.netty")).toList());
        cmd.addAll(List.of("-cp", System.getProperty("surefire.test.class.path", System.getProperty(
                "java.class.path")), Main.class.getName(), "queue", "run", "--executor", "spark", "--master",
                "local[1]", "--cores", "1", "--poll-seconds", "0.05", "--runs", runs.toString()));
        return new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    }

    /** Queues the prototype with the seeds (a grid), checkpoints every checkpointMinutes (0: at epoch ends). */
    private static void add(Path runs, String seeds, String checkpointMinutes) {
        Result r = cli("queue", "add", prototype.toString(), "--dataset", dataset.toString(), "--grid",
                "seed=" + seeds, "--checkpoint-minutes", checkpointMinutes, "--runs", runs.toString());
        assertEquals(0, r.code(), r.out());
    }

    private static int seed(QueueEntry e) {
        return Integer.parseInt(e.overrides().get(0).value());
    }

    /** A finished run directory: state, epochs 1..2 once each, both checkpoints, attempts log headers. */
    private static void complete(Path run, int attempts) throws IOException {
        JsonNode st = state(run);
        assertTrue(st.path("finished").asBoolean(), st.toString());
        assertEquals(2, st.path("epoch").asInt());
        assertEquals(List.of(1, 2), QueueCrashTest.metrics(run).stream().map(n -> n.path("epoch").asInt()).toList());
        for (String f : List.of(RunFiles.PROTOTYPE, RunFiles.RUN, RunFiles.LAST, RunFiles.BEST)) {
            assertTrue(Files.isRegularFile(run.resolve(f)), run + " lacks " + f);
        }
        assertFalse(Files.exists(run.resolve(RunFiles.STOP)));
        assertEquals(attempts, Files.readString(run.resolve(RunFiles.LOG)).lines()
                .filter(l -> l.startsWith("=== attempt ")).count());
    }

    private static JsonNode state(Path run) throws IOException {
        return QueueCrashTest.JSON.readTree(run.resolve(RunFiles.STATE).toFile());
    }

    record Result(int code, String out) {
    }

    static Result cli(String... args) {
        StringWriter o = new StringWriter();
        CommandLine c = new CommandLine(new Main());
        c.setOut(new PrintWriter(o, true));
        c.setErr(new PrintWriter(o, true));
        int code = c.execute(args);
        return new Result(code, o.toString());
    }
}
