package org.ecgworkbench.app.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
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
 * The queue with real child JVMs on a tiny synthetic dataset: a scheduler killed with -9 (first with its child, then
 * alone, leaving the child orphaned) is restarted and finishes the run exactly as an uninterrupted run with the same
 * seed; a cancelled run stops with a checkpoint and a retry finishes it.
 */
class QueueCrashTest {

    @TempDir
    static Path data;

    @TempDir
    Path dir;

    static Path dataset;
    static Path prototype;
    static final ObjectMapper JSON = new ObjectMapper();

    /** 64 records of 8 s at 250 Hz, half sinus rhythm, half AF, packed; a prototype that trains them in seconds. */
    @BeforeAll
    static void makeData() throws IOException {
        Path rec = SyntheticRecords.alternating(data.resolve("records"), 64);
        dataset = data.resolve("tiny.h5");
        assertEquals(0, cli("pack", "--input", rec.toString(), "--out", dataset.toString()));
        prototype = data.resolve("tiny.json");
        Files.writeString(prototype, """
                {"name": "tiny", "family": "fcn1d", "blocks": 3, "filters": [16, 32, 16], "kernel_size": [8, 5, 3],
                 "reduction": {"every": 1, "factor": 4, "shortcut": "max"}, "pooling": "avg", "batch_norm": true,
                 "input": {"seconds": 4, "fs": 250, "channels": ["raw"]},
                 "optimizer": {"name": "adam", "learning_rate": 0.001}, "batch_size": 8, "epochs": 3,
                 "early_stopping": null, "seed": 7}
                """);
    }

    @Test
    void aSchedulerKilledTwiceFinishesTheRunExactlyAsAnUninterruptedOne() throws Exception {
        Path runs = dir.resolve("runs");
        // q0001 runs uninterrupted (the reference); q0002 is killed. Both in the same slot, same thread count.
        assertEquals(0, cli("queue", "add", prototype.toString(), prototype.toString(), "--dataset",
                dataset.toString(), "--checkpoint-minutes", "0.0001", "--runs", runs.toString()));
        RunQueue q = RunQueue.open(runs);
        Path ref = q.get("q0001").runDir();
        Path run = q.get("q0002").runDir();
        Path log = dir.resolve("scheduler.log");

        // 1: kill -9 the scheduler and its child once q0002 has a mid-epoch checkpoint of epoch 1
        Process s1 = scheduler(runs, log);
        JsonNode at1 = waitForState(run, n -> n.path("epoch").asInt() == 0 && n.path("batch").asInt() >= 1, s1, log);
        long child1 = q.get("q0002").pid();
        s1.destroyForcibly(); // SIGKILL
        ProcessHandle.of(child1).ifPresent(ProcessHandle::destroyForcibly);
        s1.waitFor(30, TimeUnit.SECONDS);
        waitGone(child1);
        System.out.println("crash 1: killed scheduler pid " + s1.pid() + " and child pid " + child1 + " at " + at1);
        assertEquals(RunState.DONE, q.get("q0001").state());
        assertEquals(RunState.RUNNING, q.get("q0002").state(), "a dead scheduler cannot record anything");

        // 2: restart; kill -9 only the scheduler once epoch 2 is under way: the child is orphaned
        Process s2 = scheduler(runs, log);
        JsonNode at2 = waitForState(run, n -> {
            Long pid = q.get("q0002").pid();
            return n.path("epoch").asInt() >= 1 && pid != null && pid != child1;
        }, s2, log);
        long child2 = q.get("q0002").pid();
        s2.destroyForcibly();
        s2.waitFor(30, TimeUnit.SECONDS);
        // The orphan is stopped (SIGSTOP) until the next scheduler finds it: left running, the tiny run may finish
        // in the time a JVM takes to start, and the restart would find nothing to kill.
        new ProcessBuilder("kill", "-STOP", Long.toString(child2)).start().waitFor();
        boolean orphanAlive = ProcessHandle.of(child2).map(LocalExecutor::running).orElse(false);
        System.out.println("crash 2: killed scheduler pid " + s2.pid() + " only; child pid " + child2
                + (orphanAlive ? " orphaned, still training" : " had already exited") + " at " + at2);

        // 3: restart: it kills the orphan, resumes from the last checkpoint and finishes
        Process s3 = scheduler(runs, log);
        assertTrue(s3.waitFor(600, TimeUnit.SECONDS), "scheduler did not finish:\n" + Files.readString(log));
        assertEquals(0, s3.exitValue(), Files.readString(log));
        // killed: gone, or a zombie until whatever adopted it reaps it
        assertFalse(ProcessHandle.of(child2).map(LocalExecutor::running).orElse(false), "orphan still running");
        String slog = Files.readString(log);
        System.out.println("scheduler output:\n" + slog);
        if (orphanAlive) {
            assertTrue(slog.contains("killed orphaned child pid " + child2), slog);
        }

        QueueEntry e = q.get("q0002");
        assertEquals(RunState.DONE, e.state(), Files.readString(run.resolve(RunFiles.LOG)));
        assertEquals(3, e.attempts());
        assertEquals(0, e.exitCode());
        JsonNode state = JSON.readTree(run.resolve(RunFiles.STATE).toFile());
        assertTrue(state.path("finished").asBoolean());
        assertEquals(3, state.path("epoch").asInt());

        // metrics: epochs 1..3, each exactly once, each line valid JSON, equal to the reference but for timings
        List<JsonNode> m = metrics(run);
        List<JsonNode> r = metrics(ref);
        assertEquals(List.of(1, 2, 3), m.stream().map(n -> n.path("epoch").asInt()).toList());
        for (int k = 0; k < 3; k++) {
            assertEquals(withoutSeconds(r.get(k)), withoutSeconds(m.get(k)), "epoch " + (k + 1));
        }
        assertEquals(withoutTimes(JSON.readTree(ref.resolve(RunFiles.STATE).toFile())), withoutTimes(state));

        // the final network: parameters and updater state bit for bit those of the uninterrupted run
        ComputationGraph a = ModelSerializer.restoreComputationGraph(ref.resolve(RunFiles.LAST).toFile(), true);
        ComputationGraph b = ModelSerializer.restoreComputationGraph(run.resolve(RunFiles.LAST).toFile(), true);
        assertArrayEquals(a.params().data().asFloat(), b.params().data().asFloat(), 0f, "parameters");
        assertArrayEquals(a.getUpdater().getStateViewArray().data().asFloat(),
                b.getUpdater().getStateViewArray().data().asFloat(), 0f, "updater state");
        assertEquals(a.getConfiguration().getIterationCount(), b.getConfiguration().getIterationCount());
        assertTrue(Files.isRegularFile(run.resolve(RunFiles.BEST)));
        assertFalse(Files.exists(run.resolve(RunFiles.STOP)));
        System.out.println("resumed run equals the uninterrupted one: " + a.params().length() + " parameters, "
                + a.getConfiguration().getIterationCount() + " iterations");
        String train = Files.readString(run.resolve(RunFiles.LOG));
        assertEquals(3, train.lines().filter(l -> l.startsWith("=== attempt ")).count(), train);
    }

    @Test
    void aCancelledRunStopsWithACheckpointAndRetryFinishesIt() throws Exception {
        Path runs = dir.resolve("runs");
        assertEquals(0, cli("queue", "add", prototype.toString(), "--dataset", dataset.toString(),
                "--checkpoint-minutes", "0.0001", "--runs", runs.toString()));
        RunQueue q = RunQueue.open(runs);
        Path run = q.get("q0001").runDir();
        Path log = dir.resolve("scheduler.log");
        Process s = scheduler(runs, log);
        waitForState(run, n -> n.path("batch").asInt() >= 1 && n.path("epoch").asInt() == 0, s, log);
        assertEquals(0, cli("queue", "cancel", "q0001", "--runs", runs.toString()));
        assertTrue(s.waitFor(300, TimeUnit.SECONDS), Files.readString(log));
        QueueEntry e = q.get("q0001");
        assertEquals(RunState.CANCELLED, e.state(), Files.readString(log));
        assertEquals(0, e.exitCode(), "the child stopped by itself, with a checkpoint");
        assertFalse(JSON.readTree(run.resolve(RunFiles.STATE).toFile()).path("finished").asBoolean());
        assertTrue(Files.readString(run.resolve(RunFiles.LOG)).contains("stopped; continue with: train --resume"));
        assertFalse(Files.exists(run.resolve(RunFiles.STOP)));
        System.out.println("cancelled at " + JSON.readTree(run.resolve(RunFiles.STATE).toFile()));

        assertEquals(0, cli("queue", "retry", "q0001", "--runs", runs.toString()));
        Process again = scheduler(runs, log);
        assertTrue(again.waitFor(600, TimeUnit.SECONDS), Files.readString(log));
        assertEquals(RunState.DONE, q.get("q0001").state(), Files.readString(log));
        assertEquals(List.of(1, 2, 3), metrics(run).stream().map(n -> n.path("epoch").asInt()).toList());
        assertTrue(Files.readString(log).contains("q0001 started (resume)"), Files.readString(log));
    }

    // ---- helpers

    static int cli(String... args) {
        StringWriter o = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine c = new CommandLine(new Main());
        c.setOut(new PrintWriter(o, true));
        c.setErr(new PrintWriter(err, true));
        int code = c.execute(args);
        if (code != 0) {
            System.out.println(String.join(" ", args) + "\n" + o + err);
        }
        return code;
    }

    /** queue run in a child JVM with this test's class path (surefire's own java.class.path is a manifest jar). */
    static Process scheduler(Path runs, Path log) throws IOException {
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        String java = ProcessHandle.current().info().command().orElse(
                Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> cmd = new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED", "-cp", cp,
                Main.class.getName(), "queue", "run", "--slots", "1", "--poll-seconds", "0.05", "--runs",
                runs.toString()));
        return new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    }

    interface StateCheck {
        boolean test(JsonNode state) throws IOException;
    }

    /** Polls the run's state.json (written atomically) every 10 ms until the check holds; returns that state. */
    static JsonNode waitForState(Path run, StateCheck check, Process scheduler, Path log) throws Exception {
        long end = System.nanoTime() + 300_000_000_000L;
        Path f = run.resolve(RunFiles.STATE);
        while (System.nanoTime() < end) {
            if (Files.isRegularFile(f)) {
                JsonNode n = JSON.readTree(f.toFile());
                if (n.path("finished").asBoolean()) {
                    throw new AssertionError("the run finished before it could be interrupted: " + n);
                }
                if (check.test(n)) {
                    return n;
                }
            }
            if (!scheduler.isAlive()) {
                throw new AssertionError("scheduler exited:\n" + Files.readString(log));
            }
            Thread.sleep(10);
        }
        throw new AssertionError("state not reached in 300 s:\n" + Files.readString(log));
    }

    static void waitGone(long pid) throws Exception {
        long end = System.nanoTime() + 30_000_000_000L;
        while (ProcessHandle.of(pid).map(LocalExecutor::running).orElse(false)) {
            assertTrue(System.nanoTime() < end, "pid " + pid + " still runs 30 s after kill -9");
            Thread.sleep(10);
        }
    }

    static List<JsonNode> metrics(Path run) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        for (String line : Files.readAllLines(run.resolve(RunFiles.METRICS))) {
            out.add(JSON.readTree(line));
        }
        return out;
    }

    static JsonNode withoutSeconds(JsonNode n) {
        ObjectNode c = n.deepCopy();
        c.remove("seconds");
        return c;
    }

    static JsonNode withoutTimes(JsonNode n) {
        ObjectNode c = n.deepCopy();
        c.remove("elapsed_seconds");
        c.remove("updated");
        return c;
    }
}
