package org.ecgworkbench.engine.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The guards of a Spark task's trainer JVM, with a sleeping stand-in trainer: it ends when its parent's end of
 * its standard input closes (as when the executor JVM dies, kill -9 included), and a second trainer of the same run
 * directory waits for the first to end before it starts.
 */
class GuardedTrainTest {

    @TempDir
    Path dir;

    private final List<Process> started = new java.util.ArrayList<>();

    @AfterEach
    void killLeftovers() {
        started.forEach(Process::destroyForcibly);
    }

    private Process guarded(Path lock, String name) throws IOException {
        Process p = new ProcessBuilder(QueueFixtures.java(), "-cp", QueueFixtures.testClassPath(),
                GuardedTrain.class.getName(), lock.toString(), Sleeper.class.getName(), "train", name)
                .redirectErrorStream(true).start();
        started.add(p);
        return p;
    }

    private static BufferedReader lines(Process p) {
        return new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    }

    @Test
    void theTrainerEndsWhenItsParentsEndOfStandardInputCloses() throws Exception {
        Process p = guarded(dir.resolve(".run.lock"), "a");
        BufferedReader out = lines(p);
        assertEquals("started train a", out.readLine());
        assertTrue(p.isAlive());
        p.getOutputStream().close(); // what the OS does when the parent dies
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the trainer outlived its parent's end of the pipe");
        assertEquals(GuardedTrain.PARENT_GONE, p.exitValue());
        String rest = out.lines().reduce("", (x, y) -> x + y + "\n");
        assertTrue(rest.contains("error: the Spark task that started this trainer is gone"), rest);
    }

    @Test
    void aSecondTrainerOfTheRunWaitsForTheFirstToEnd() throws Exception {
        Path lock = dir.resolve(".run.lock");
        Process first = guarded(lock, "first");
        BufferedReader a = lines(first);
        assertEquals("started train first", a.readLine());

        Process second = guarded(lock, "second");
        BufferedReader b = lines(second);
        String waiting = b.readLine();
        assertTrue(waiting.startsWith("waiting for an earlier trainer of this run directory to end"), waiting);
        assertTrue(second.isAlive());

        first.getOutputStream().close();
        assertTrue(first.waitFor(60, TimeUnit.SECONDS));
        assertEquals("started train second", b.readLine(), "the second trainer starts once the first is gone");
        assertFalse(first.isAlive());
    }
}
