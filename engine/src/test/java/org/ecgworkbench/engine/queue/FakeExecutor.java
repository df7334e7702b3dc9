package org.ecgworkbench.engine.queue;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.ecgworkbench.engine.train.RunFiles;

/**
 * An executor without processes: a run "trains" for a number of polls, then writes state.json finished (exit 0),
 * or fails with the exit code given for its id; it stops when asked. Records what the scheduler did.
 */
final class FakeExecutor implements RunExecutor {

    final List<Slot> slots;
    final Map<String, Integer> failWith = new ConcurrentHashMap<>();
    final List<String> starts = Collections.synchronizedList(new ArrayList<>());
    final List<String> abandoned = Collections.synchronizedList(new ArrayList<>());
    final AtomicInteger running = new AtomicInteger();
    final AtomicInteger maxRunning = new AtomicInteger();
    final AtomicLong pids = new AtomicLong(1000);
    volatile int polls;
    volatile boolean ignoreStop;

    FakeExecutor(int slots, int polls) {
        List<Slot> s = new ArrayList<>();
        for (int i = 0; i < slots; i++) {
            s.add(new Slot(i, 1, null));
        }
        this.slots = List.copyOf(s);
        this.polls = polls;
    }

    @Override
    public String name() {
        return "fake";
    }

    @Override
    public List<Slot> slots() {
        return slots;
    }

    @Override
    public RunHandle start(QueueEntry e, Slot s, boolean resume) throws IOException {
        starts.add(e.id() + (resume ? " resume" : " new") + " slot " + s.index());
        maxRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
        Files.createDirectories(e.runDir());
        if (!resume) {
            writeState(e, false);
        }
        return new Handle(e, pids.incrementAndGet());
    }

    @Override
    public String abandon(QueueEntry e) {
        abandoned.add(e.id());
        return "fake: nothing to kill";
    }

    private static void writeState(QueueEntry e, boolean finished) throws IOException {
        Files.writeString(e.runDir().resolve(RunFiles.STATE), "{\"epoch\": " + (finished ? 2 : 0)
                + ", \"batch\": 0, \"finished\": " + finished + "}");
    }

    private final class Handle implements RunHandle {
        final QueueEntry entry;
        final long pid;
        int left = polls;
        Integer exit;
        boolean stop;
        boolean killed;

        Handle(QueueEntry entry, long pid) {
            this.entry = entry;
            this.pid = pid;
        }

        @Override
        public long pid() {
            return pid;
        }

        @Override
        public synchronized boolean alive() {
            if (exit != null) {
                return false;
            }
            try {
                if (killed) {
                    exit = 137;
                } else if (stop && !ignoreStop) {
                    exit = 0;
                } else if (--left <= 0) {
                    Integer fail = failWith.get(entry.id());
                    if (fail == null) {
                        writeState(entry, true);
                    } else {
                        Files.writeString(entry.runDir().resolve(RunFiles.LOG), "error: broken on purpose\n");
                    }
                    exit = fail == null ? 0 : fail;
                }
            } catch (IOException x) {
                throw new IllegalStateException(x);
            }
            if (exit != null) {
                running.decrementAndGet();
                return false;
            }
            return true;
        }

        @Override
        public synchronized int exitCode() {
            return exit;
        }

        @Override
        public synchronized void requestStop() {
            stop = true;
        }

        @Override
        public synchronized void kill() {
            killed = true;
        }
    }
}
