package org.ecgworkbench.engine.queue;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * Runs a queue: starts runnable entries (interrupted ones first, then queued, by id) while slots are free, watches
 * the children, records how each ended, and honours cancel requests. One per runs folder ({@link
 * RunQueue#lockScheduler}).
 *
 * <p>Crash recovery: a scheduler that starts finds entries still marked running only if the previous one died
 * (the lock says no other is alive). It kills their orphaned children ({@link RunExecutor#abandon}), marks them
 * interrupted (or done, when state.json says training finished; or cancelled, when that was asked) and resumes them
 * with {@code train --resume} from their last checkpoint, which the trainer continues exactly.
 */
public final class Scheduler {

    /**
     * How to schedule.
     *
     * @param waitForMore keep polling for new entries when the queue is empty (else exit)
     * @param poll        how often the queue and the children are looked at
     * @param stopGrace   how long a child asked to stop may take before it is killed
     */
    public record Settings(boolean waitForMore, Duration poll, Duration stopGrace) {
    }

    private record Active(QueueEntry entry, Slot slot, RunHandle handle, Instant[] stopAsked, String[] where) {
    }

    private final RunQueue queue;
    private final RunExecutor executor;
    private final Settings settings;
    private final Consumer<String> log;
    private final Map<String, Active> active = new LinkedHashMap<>();
    private final Set<String> unreadable = new HashSet<>();
    private final CountDownLatch finished = new CountDownLatch(1);
    private volatile boolean shuttingDown;
    private volatile Thread loopThread;

    /** A scheduler of queue on executor; log receives one line per event (start, end, recovery). */
    public Scheduler(RunQueue queue, RunExecutor executor, Settings settings, Consumer<String> log) {
        this.queue = queue;
        this.executor = executor;
        this.settings = settings;
        this.log = log;
    }

    /** Recovers, then runs until nothing is runnable or running (or, with waitForMore, until {@link #shutdown}). */
    public void run() throws IOException {
        loopThread = Thread.currentThread();
        try (RunQueue.SchedulerLock lock = queue.lockScheduler()) {
            recover();
            loop();
        } finally {
            finished.countDown();
        }
    }

    /**
     * Stops the scheduler (from a shutdown hook): running children are asked to stop with a checkpoint and marked
     * interrupted, so the next scheduler resumes them; waits at most wait for that.
     */
    public void shutdown(Duration wait) {
        shuttingDown = true;
        Thread t = loopThread;
        if (t != null) {
            // unpark, not interrupt: an interrupt would close the FileChannel of a queue lock held at that moment
            LockSupport.unpark(t);
        }
        try {
            finished.await(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Whether {@link #shutdown} ended it (rather than an empty queue). */
    public boolean wasShutDown() {
        return shuttingDown;
    }

    private void recover() throws IOException {
        for (QueueEntry e : readableEntries()) {
            if (e.state() != RunState.RUNNING) {
                continue;
            }
            String what = executor.abandon(e);
            RunDirectory rd = new RunDirectory(e.runDir());
            QueueEntry after = queue.update(e.id(), x -> {
                x.finished = Instant.now();
                if (rd.finished()) {
                    x.become(RunState.DONE);
                } else if (x.cancelRequested) {
                    x.become(RunState.CANCELLED);
                    x.cancelRequested = false;
                } else {
                    x.become(RunState.INTERRUPTED);
                    x.error = "its scheduler went away during attempt " + x.attempts + "; " + what;
                }
            });
            RunDirectory.Progress p = rd.progress();
            log.accept(e.id() + " " + after.state().json() + " (scheduler gone while it ran; " + what + ")"
                    + (after.state() == RunState.INTERRUPTED ? ", resumes from "
                    + (p == null ? "the start" : "epoch " + (p.epoch() + 1) + " batch " + p.batch()) : ""));
        }
    }

    private void loop() throws IOException {
        while (true) {
            reap();
            if (shuttingDown) {
                if (active.isEmpty()) {
                    return;
                }
                for (Active a : active.values()) {
                    stopOrKill(a);
                }
            } else {
                List<QueueEntry> entries = readableEntries();
                for (QueueEntry e : entries) {
                    Active a = active.get(e.id());
                    if (a != null && e.cancelRequested()) {
                        stopOrKill(a);
                    }
                }
                startRunnable(entries);
                boolean runnable = entries.stream().anyMatch(e -> e.state().runnable());
                if (active.isEmpty() && !runnable && !settings.waitForMore()) {
                    return;
                }
            }
            LockSupport.parkNanos(settings.poll().toNanos()); // shutdown() unparks it early
        }
    }

    // A hand-edited, broken entry file must not stop the whole queue: skip it, say so once.
    private List<QueueEntry> readableEntries() throws IOException {
        return queue.list(bad -> {
            if (unreadable.add(bad.getMessage())) {
                log.accept("skipping an unreadable entry: " + bad.getMessage());
            }
        });
    }

    private void stopOrKill(Active a) throws IOException {
        if (a.stopAsked()[0] == null) {
            a.stopAsked()[0] = Instant.now();
            a.handle().requestStop();
            log.accept(a.entry().id() + " asked to stop (" + (shuttingDown ? "scheduler shutting down" : "cancel") + ")");
        } else if (Duration.between(a.stopAsked()[0], Instant.now()).compareTo(settings.stopGrace()) > 0) {
            a.handle().kill();
        }
    }

    private void startRunnable(List<QueueEntry> entries) throws IOException {
        List<QueueEntry> order = new ArrayList<>(entries.stream().filter(e -> e.state().runnable()).toList());
        // Interrupted runs first: they hold partial work and were started earlier.
        order.sort(Comparator.comparing((QueueEntry e) -> e.state() != RunState.INTERRUPTED));
        for (QueueEntry candidate : order) {
            Slot slot = freeSlot();
            if (slot == null) {
                return;
            }
            start(candidate.id(), slot);
        }
    }

    private Slot freeSlot() {
        for (Slot s : executor.slots()) {
            if (active.values().stream().noneMatch(a -> a.slot().index() == s.index())) {
                return s;
            }
        }
        return null;
    }

    private void start(String id, Slot slot) throws IOException {
        QueueEntry e;
        try {
            e = queue.update(id, x -> {
                x.become(RunState.RUNNING);
                x.attempts++;
                x.started = Instant.now();
                x.finished = null;
                x.exitCode = null;
                x.error = null;
                x.pid = null;
                x.cancelRequested = false;
                x.where = executor.name() + " " + slot.describe();
            });
        } catch (QueueException changed) {
            return; // cancelled between the listing and now
        }
        RunDirectory rd = new RunDirectory(e.runDir());
        RunHandle h;
        boolean resume = rd.hasState();
        try {
            rd.clearPartialStart();
            rd.clearStop();
            h = executor.start(e, slot, resume);
        } catch (IOException | RuntimeException x) {
            queue.update(id, y -> {
                y.become(RunState.FAILED);
                y.finished = Instant.now();
                y.error = "could not start: " + x.getMessage();
            });
            log.accept(id + " failed to start: " + x.getMessage());
            return;
        }
        long pid = h.pid();
        e = queue.update(id, y -> y.pid = pid);
        active.put(id, new Active(e, slot, h, new Instant[1], new String[] {e.where()}));
        log.accept(id + " started" + (resume ? " (resume)" : "") + " on " + e.where() + ", pid " + pid + ", attempt "
                + e.attempts() + ": " + e.runDir());
    }

    // An executor that learns where a run executes only after the start (a Spark task: its id, attempt and host,
    // a new attempt after a retry) tells through its handle; queue list and the window show the entry's where.
    private void noteWhere(Active a) throws IOException {
        String w = a.handle().where();
        if (w == null || w.equals(a.where()[0])) {
            return;
        }
        a.where()[0] = w;
        try {
            queue.update(a.entry().id(), x -> x.where = w);
        } catch (QueueException gone) {
            return; // edited or removed meanwhile: the next look tries again
        }
        log.accept(a.entry().id() + " runs on " + w);
    }

    private void reap() throws IOException {
        for (Active a : List.copyOf(active.values())) {
            noteWhere(a); // also for one that just ended: its last attempt may have begun since the last look
            if (a.handle().alive()) {
                continue;
            }
            active.remove(a.entry().id());
            int code = a.handle().exitCode();
            RunDirectory rd = new RunDirectory(a.entry().runDir());
            rd.clearStop();
            boolean done = rd.finished();
            String reason = done ? null : rd.lastError();
            QueueEntry after = queue.update(a.entry().id(), x -> {
                x.exitCode = code;
                x.finished = Instant.now();
                if (done) {
                    x.become(RunState.DONE);
                } else if (x.cancelRequested) {
                    x.become(RunState.CANCELLED);
                } else if (shuttingDown) {
                    x.become(RunState.INTERRUPTED);
                    x.error = "the scheduler was stopped during attempt " + x.attempts;
                } else {
                    x.become(RunState.FAILED);
                    x.error = code == 0 ? "train ended without finishing" + (reason == null ? "" : ": " + reason)
                            : "exit code " + code + (reason == null ? "" : ": " + reason);
                }
                x.cancelRequested = false;
            });
            log.accept(a.entry().id() + " " + after.state().json() + " (exit code " + code + ")"
                    + (after.error() == null ? "" : ": " + after.error()));
        }
    }
}
