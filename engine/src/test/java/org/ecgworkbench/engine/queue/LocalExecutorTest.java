package org.ecgworkbench.engine.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Slots and device shares, the child command line, and finding and killing orphaned children. */
class LocalExecutorTest {

    static final String MAIN = "org.ecgworkbench.app.Main";

    @TempDir
    Path dir;

    @Test
    void slotsShareTheCoresAndTakeOneGpuEach() {
        LocalExecutor.Launch l = new LocalExecutor.Launch("java", "cp", List.of(), MAIN);
        assertEquals(List.of(new Slot(0, 8, null), new Slot(1, 8, null)), new LocalExecutor(l, 2, 16, List.of()).slots());
        assertEquals(List.of(new Slot(0, 1, null), new Slot(1, 1, null), new Slot(2, 1, null)),
                new LocalExecutor(l, 3, 2, List.of()).slots(), "at least one thread");
        assertEquals(List.of(new Slot(0, 5, "0"), new Slot(1, 5, "1"), new Slot(2, 5, "0")),
                new LocalExecutor(l, 3, 16, List.of("0", "1")).slots());
        assertEquals("slot 1, GPU 1, 5 threads", new Slot(1, 5, "1").describe());
    }

    @Test
    void theChildTrainsOrResumesWithTheEntrysSettings() throws Exception {
        RunQueue q = RunQueue.open(dir.resolve("runs"));
        QueueEntry e = q.add(List.of(QueueFixtures.request(dir, List.of()))).get(0);
        LocalExecutor x = new LocalExecutor(new LocalExecutor.Launch("/jdk/bin/java", "a.jar", List.of("-Xmx2g"), MAIN),
                1, 2, List.of());
        assertEquals(List.of("/jdk/bin/java", "--enable-native-access=ALL-UNNAMED", "-Xmx2g", MAIN, "train",
                "--prototype", e.prototypeFile().toString(), "--dataset", e.dataset().toString(), "--run-dir",
                e.runDir().toString(), "--checkpoint-minutes", "5.0", "--workers", "2"), x.command(e, false));
        assertEquals(List.of("/jdk/bin/java", "--enable-native-access=ALL-UNNAMED", "-Xmx2g", MAIN, "train",
                "--resume", e.runDir().toString(), "--checkpoint-minutes", "5.0", "--workers", "2"), x.command(e, true));
    }

    @Test
    void abandonKillsOnlyOurChildOfThatRunEvenBehindALongCommandLine() throws Exception {
        RunQueue q = RunQueue.open(dir.resolve("runs"));
        List<QueueEntry> es = q.add(List.of(QueueFixtures.request(dir, List.of()),
                QueueFixtures.request(dir, List.of(new Setting("seed", "5")))));
        QueueEntry e = es.get(0);
        // Stand-ins for orphaned children: "sh -c CMD $0 $1 ..." keeps the arguments on its command line; a 70 KB
        // argument first pushes the rest past the 4 KiB that ProcessHandle.Info shows.
        String longArg = "x".repeat(70_000);
        Process ours = new ProcessBuilder("sh", "-c", "sleep 60; true", longArg, MAIN, "train", "--resume",
                e.runDir().toString()).start();
        Process otherRun = new ProcessBuilder("sh", "-c", "sleep 60; true", MAIN, "train", "--resume",
                es.get(1).runDir().toString()).start();
        Process notTraining = new ProcessBuilder("sh", "-c", "sleep 60; true", "tail", "-f",
                e.runDir().toString()).start();
        try {
            Thread.sleep(200);
            LocalExecutor x = new LocalExecutor(new LocalExecutor.Launch("java", "cp", List.of(), MAIN), 1, 2, List.of());
            e.pid = otherRun.pid(); // a recorded pid is checked too: here it trains another run, so it is spared
            assertEquals("killed orphaned child pid " + ours.pid(), x.abandon(e));
            assertTrue(ours.waitFor(10, TimeUnit.SECONDS));
            assertTrue(otherRun.isAlive());
            assertTrue(notTraining.isAlive());
            assertFalse(LocalExecutor.running(ours.toHandle()));
            assertEquals("its child (pid " + otherRun.pid() + ") is gone", x.abandon(e));
        } finally {
            ours.destroyForcibly();
            otherRun.destroyForcibly();
            notTraining.destroyForcibly();
        }
    }
}
