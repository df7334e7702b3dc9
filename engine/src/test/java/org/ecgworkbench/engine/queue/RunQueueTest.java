package org.ecgworkbench.engine.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.ecgworkbench.engine.net.Prototype;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Queue files: round trip through a fresh RunQueue (a restart), ids, state transitions, errors. */
class RunQueueTest {

    @TempDir
    Path dir;

    @Test
    void entriesSurviveReopeningWithEveryField() throws Exception {
        Path runs = dir.resolve("runs");
        RunQueue q = RunQueue.open(runs);
        List<QueueEntry> added = q.add(List.of(
                QueueFixtures.request(dir, List.of()),
                QueueFixtures.request(dir, List.of(new Setting("optimizer.learning_rate", "0.01"),
                        new Setting("filters", "[2,4]")))));
        assertEquals(List.of("q0001", "q0002"), added.stream().map(QueueEntry::id).toList());
        q.update("q0002", e -> {
            e.become(RunState.RUNNING);
            e.attempts = 2;
            e.started = Instant.parse("2026-01-02T03:04:05Z");
            e.pid = 4242L;
            e.where = "local slot 1, 1 thread";
            e.cancelRequested = true;
        });

        RunQueue again = RunQueue.open(runs); // as after a restart: everything comes from the files
        List<QueueEntry> l = again.list();
        assertEquals(2, l.size());
        QueueEntry a = l.get(0);
        assertEquals(RunState.QUEUED, a.state());
        assertEquals("tiny", a.prototypeName());
        assertEquals(runs.toAbsolutePath().resolve("tiny-q0001"), a.runDir());
        assertEquals(dir.resolve("d.h5").toAbsolutePath(), a.dataset());
        assertEquals(5, a.checkpointMinutes());
        assertEquals(2, a.workers());
        assertEquals(0, a.attempts());
        assertNull(a.pid());
        QueueEntry b = again.get("q0002");
        assertEquals(RunState.RUNNING, b.state());
        assertEquals(List.of(new Setting("optimizer.learning_rate", "0.01"), new Setting("filters", "[2,4]")),
                b.overrides());
        assertEquals("optimizer.learning_rate=0.01, filters=[2,4]", b.overridesText());
        assertEquals(runs.toAbsolutePath().resolve("tiny-q0002-learning_rate-0.01-filters-2_4"), b.runDir());
        assertEquals(2, b.attempts());
        assertEquals(4242L, b.pid());
        assertEquals(Instant.parse("2026-01-02T03:04:05Z"), b.started());
        assertEquals("local slot 1, 1 thread", b.where());
        assertTrue(b.cancelRequested());
        assertTrue(b.created() != null && !b.created().isAfter(Instant.now()));

        // the stored prototype is the resolved one, overrides applied
        Prototype stored = Prototype.read(b.prototypeFile());
        assertEquals(0.01, stored.optimizer().learningRate());
        assertEquals(List.of(2, 4), stored.filters());
        assertEquals(QueueFixtures.prototype().withClasses(List.of()).seed(), stored.seed());

        // ids continue after the highest, also in a fresh queue object
        assertEquals("q0003", again.add(List.of(QueueFixtures.request(dir, List.of(new Setting("seed", "9")))))
                .get(0).id());
    }

    @Test
    void cancelRetryAndTheTransitionsTheyRefuse() throws Exception {
        RunQueue q = RunQueue.open(dir.resolve("runs"));
        q.add(List.of(QueueFixtures.request(dir, List.of(new Setting("seed", "1"))),
                QueueFixtures.request(dir, List.of(new Setting("seed", "2")))));

        QueueEntry c = q.cancel("q0001");
        assertEquals(RunState.CANCELLED, c.state());
        assertTrue(c.finishedAt() != null);
        QueueException again = assertThrows(QueueException.class, () -> q.cancel("q0001"));
        assertEquals("q0001 is cancelled; nothing to cancel", again.getMessage());
        QueueEntry r = q.retry("q0001");
        assertEquals(RunState.QUEUED, r.state());
        assertNull(r.finishedAt());

        q.update("q0002", e -> e.become(RunState.RUNNING));
        QueueEntry running = q.cancel("q0002");
        assertEquals(RunState.RUNNING, running.state(), "a running entry waits for its scheduler");
        assertTrue(running.cancelRequested());
        QueueException retryRunning = assertThrows(QueueException.class, () -> q.retry("q0002"));
        assertTrue(retryRunning.getMessage().contains("only failed, cancelled or interrupted"), retryRunning.getMessage());

        q.update("q0002", e -> e.become(RunState.DONE));
        assertThrows(QueueException.class, () -> q.retry("q0002"));
        QueueException back = assertThrows(QueueException.class, () -> q.update("q0002",
                e -> e.become(RunState.RUNNING)));
        assertEquals("q0002: cannot go from done to running", back.getMessage());
        assertEquals(RunState.DONE, q.get("q0002").state(), "a refused change leaves the file as it was");
    }

    @Test
    void stateTransitionTable() {
        assertTrue(RunState.QUEUED.canBecome(RunState.RUNNING));
        assertTrue(RunState.RUNNING.canBecome(RunState.INTERRUPTED));
        assertTrue(RunState.INTERRUPTED.canBecome(RunState.RUNNING));
        assertTrue(RunState.FAILED.canBecome(RunState.QUEUED));
        assertFalse(RunState.QUEUED.canBecome(RunState.DONE));
        assertFalse(RunState.DONE.canBecome(RunState.QUEUED));
        assertFalse(RunState.CANCELLED.canBecome(RunState.RUNNING));
        for (RunState s : RunState.values()) {
            assertEquals(s.runnable(), s == RunState.QUEUED || s == RunState.INTERRUPTED);
        }
    }

    @Test
    void unknownIdsBrokenFilesAndTakenRunDirectoriesAreNamed() throws Exception {
        RunQueue q = RunQueue.open(dir.resolve("runs"));
        QueueException unknown = assertThrows(QueueException.class, () -> q.cancel("q0042"));
        assertEquals(q.folder() + ": no entry q0042 (queue list shows the ids)", unknown.getMessage());
        assertThrows(QueueException.class, () -> q.get("../etc/passwd"));

        Files.writeString(q.folder().resolve("q0007.json"), "{\"id\": \"q0007\", ");
        QueueException broken = assertThrows(QueueException.class, q::list);
        assertTrue(broken.getMessage().startsWith(q.folder().resolve("q0007.json") + ": not valid JSON"),
                broken.getMessage());
        Files.writeString(q.folder().resolve("q0007.json"), "{\"id\": \"q0007\", \"state\": \"sleeping\"}");
        QueueException state = assertThrows(QueueException.class, () -> q.get("q0007"));
        assertTrue(state.getMessage().contains("unknown state \"sleeping\""), state.getMessage());
        Files.delete(q.folder().resolve("q0007.json"));

        Files.createDirectories(q.runs().resolve("tiny-q0001"));
        QueueException taken = assertThrows(QueueException.class,
                () -> q.add(List.of(QueueFixtures.request(dir, List.of()))));
        assertEquals(q.runs().resolve("tiny-q0001") + ": run directory exists already", taken.getMessage());
        assertEquals(List.of(), q.list(), "nothing is added when one request is refused");
    }

    @Test
    void oneSchedulerPerFolder() throws Exception {
        RunQueue q = RunQueue.open(dir.resolve("runs"));
        try (RunQueue.SchedulerLock lock = q.lockScheduler()) {
            QueueException second = assertThrows(QueueException.class, q::lockScheduler);
            assertTrue(second.getMessage().contains("a scheduler is running"), second.getMessage());
        }
        q.lockScheduler().close(); // released
    }
}
