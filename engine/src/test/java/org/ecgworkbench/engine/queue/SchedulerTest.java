package org.ecgworkbench.engine.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.ecgworkbench.engine.train.RunFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The scheduler's decisions, with an executor that starts no processes. */
class SchedulerTest {

    @TempDir
    Path dir;

    final List<String> log = Collections.synchronizedList(new ArrayList<>());

    private Scheduler scheduler(RunQueue q, FakeExecutor x, boolean wait) {
        return new Scheduler(q, x, new Scheduler.Settings(wait, Duration.ofMillis(5), Duration.ofMillis(200)), log::add);
    }

    private RunQueue queueOf(int runs) throws Exception {
        RunQueue q = RunQueue.open(dir.resolve("runs"));
        for (int i = 0; i < runs; i++) {
            q.add(List.of(QueueFixtures.request(dir, List.of(new Setting("seed", Integer.toString(i))))));
        }
        return q;
    }

    @Test
    void runsEverythingAtMostSlotsAtATimeAndRecordsHowEachEnded() throws Exception {
        RunQueue q = queueOf(5);
        FakeExecutor x = new FakeExecutor(2, 4);
        x.failWith.put("q0003", 3);
        Path broken = q.folder().resolve("q0099.json");
        Files.writeString(broken, "{ half an entry");
        scheduler(q, x, false).run();
        assertEquals(1, log.stream().filter(s -> s.startsWith("skipping an unreadable entry: " + broken)).count(),
                String.join("\n", log));
        Files.delete(broken);

        assertEquals(2, x.maxRunning.get(), String.join("\n", log));
        assertEquals(5, x.starts.size());
        List<QueueEntry> l = q.list();
        for (QueueEntry e : l) {
            boolean failing = e.id().equals("q0003");
            assertEquals(failing ? RunState.FAILED : RunState.DONE, e.state(), e.id());
            assertEquals(failing ? 3 : 0, e.exitCode());
            assertEquals(1, e.attempts());
            assertTrue(e.where().startsWith("fake slot "), e.where());
            assertTrue(e.pid() > 1000);
        }
        assertEquals("exit code 3: error: broken on purpose", q.get("q0003").error());
    }

    @Test
    void cancelStopsARunningRunAndRetryResumesIt() throws Exception {
        RunQueue q = queueOf(1);
        FakeExecutor x = new FakeExecutor(1, 1_000_000);
        Thread t = new Thread(() -> {
            try {
                scheduler(q, x, false).run();
            } catch (Exception e) {
                log.add("scheduler died: " + e);
            }
        });
        t.start();
        waitFor(() -> q.get("q0001").state() == RunState.RUNNING);
        q.cancel("q0001");
        t.join(10_000);
        QueueEntry c = q.get("q0001");
        assertEquals(RunState.CANCELLED, c.state(), String.join("\n", log));
        assertTrue(!c.cancelRequested());
        assertTrue(log.stream().anyMatch(s -> s.equals("q0001 asked to stop (cancel)")), String.join("\n", log));
        assertTrue(!Files.exists(c.runDir().resolve(RunFiles.STOP)), "the stop request is cleared");

        q.retry("q0001");
        x.polls = 2;
        scheduler(q, x, false).run();
        assertEquals(RunState.DONE, q.get("q0001").state());
        assertEquals(2, q.get("q0001").attempts());
        assertEquals(List.of("q0001 new slot 0", "q0001 resume slot 0"), x.starts, "retry resumes: state.json exists");
    }

    @Test
    void aChildThatIgnoresTheStopRequestIsKilledAfterTheGrace() throws Exception {
        RunQueue q = queueOf(1);
        FakeExecutor x = new FakeExecutor(1, 1_000_000);
        x.ignoreStop = true;
        Thread t = new Thread(() -> {
            try {
                scheduler(q, x, false).run();
            } catch (Exception e) {
                log.add("scheduler died: " + e);
            }
        });
        t.start();
        waitFor(() -> q.get("q0001").state() == RunState.RUNNING);
        q.cancel("q0001");
        t.join(10_000);
        assertEquals(RunState.CANCELLED, q.get("q0001").state(), String.join("\n", log));
        assertEquals(137, q.get("q0001").exitCode());
    }

    @Test
    void recoveryResumesWhatADeadSchedulerLeftRunning() throws Exception {
        RunQueue q = queueOf(3);
        // as a kill -9 leaves them: q0001 mid-run, q0002 finished but not recorded, q0003 cancel asked
        for (String id : List.of("q0001", "q0002", "q0003")) {
            q.update(id, e -> {
                e.become(RunState.RUNNING);
                e.attempts = 1;
                e.pid = 999_999_999L;
            });
            Files.createDirectories(q.get(id).runDir());
        }
        Files.writeString(q.get("q0001").runDir().resolve(RunFiles.STATE), "{\"epoch\": 1, \"batch\": 3}");
        Files.writeString(q.get("q0002").runDir().resolve(RunFiles.STATE), "{\"epoch\": 2, \"finished\": true}");
        q.update("q0003", e -> e.cancelRequested = true);

        FakeExecutor x = new FakeExecutor(1, 2);
        scheduler(q, x, false).run();

        assertEquals(List.of("q0001", "q0002", "q0003"), x.abandoned);
        assertEquals(List.of("q0001 resume slot 0"), x.starts);
        assertEquals(RunState.DONE, q.get("q0001").state());
        assertEquals(2, q.get("q0001").attempts());
        assertEquals(RunState.DONE, q.get("q0002").state());
        assertEquals(RunState.CANCELLED, q.get("q0003").state());
        assertTrue(log.contains("q0001 interrupted (scheduler gone while it ran; fake: nothing to kill), resumes "
                + "from epoch 2 batch 3"), String.join("\n", log));
    }

    @Test
    void aPartialStartIsClearedAndStartedAgain() throws Exception {
        RunQueue q = queueOf(1);
        Path rd = q.get("q0001").runDir();
        // died after writing prototype.json and run.json, before state.json: nothing was trained
        Files.createDirectories(rd.resolve(RunFiles.CHECKPOINTS));
        Files.writeString(rd.resolve(RunFiles.PROTOTYPE), "{}");
        Files.writeString(rd.resolve(RunFiles.LOG), "attempt 1 output\n");
        q.update("q0001", e -> e.become(RunState.RUNNING));
        FakeExecutor x = new FakeExecutor(1, 1);
        scheduler(q, x, false).run();
        assertEquals(List.of("q0001 new slot 0"), x.starts);
        assertTrue(!Files.exists(rd.resolve(RunFiles.PROTOTYPE)) && !Files.exists(rd.resolve(RunFiles.CHECKPOINTS)));
        assertEquals("attempt 1 output\n", Files.readString(rd.resolve(RunFiles.LOG)), "the log is kept");
    }

    @Test
    void shutdownMarksRunningRunsInterrupted() throws Exception {
        RunQueue q = queueOf(2);
        FakeExecutor x = new FakeExecutor(2, 1_000_000);
        Scheduler s = scheduler(q, x, true);
        Thread t = new Thread(() -> {
            try {
                s.run();
            } catch (Exception e) {
                log.add("scheduler died: " + e);
            }
        });
        t.start();
        waitFor(() -> x.running.get() == 2);
        s.shutdown(Duration.ofSeconds(10));
        t.join(10_000);
        for (QueueEntry e : q.list()) {
            assertEquals(RunState.INTERRUPTED, e.state(), String.join("\n", log));
            assertTrue(e.error().startsWith("the scheduler was stopped"), e.error());
        }
    }

    interface Check {
        boolean ok() throws Exception;
    }

    static void waitFor(Check c) throws Exception {
        long end = System.nanoTime() + 20_000_000_000L;
        while (!c.ok()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("condition not reached in 20 s");
            }
            Thread.sleep(5);
        }
    }
}
