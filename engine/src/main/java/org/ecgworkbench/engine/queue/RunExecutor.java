package org.ecgworkbench.engine.queue;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

/**
 * Where queued runs execute: {@link LocalExecutor} starts child JVMs on this machine; other executors (a cluster)
 * implement the same few operations.
 */
public interface RunExecutor extends AutoCloseable {

    /** Short name shown by queue list, e.g. "local". */
    String name();

    /** The slots: the scheduler runs at most one run per slot at a time. */
    List<Slot> slots();

    /**
     * Starts the run of entry e in slot s: a new run when resume is false (its run directory holds at most the log),
     * else {@code train --resume} from the run directory's last checkpoint.
     */
    RunHandle start(QueueEntry e, Slot s, boolean resume) throws IOException;

    /**
     * Makes sure nothing an earlier scheduler started for e still runs (a child orphaned by a crash would go on
     * writing the run directory beside the resumed one); returns what it found and did, in words.
     */
    String abandon(QueueEntry e);

    /** One line about the executor for the scheduler's first output (e.g. Spark's version, master and app id). */
    default String describe() {
        return name();
    }

    /**
     * Runs hook when the JVM shuts down (Ctrl-C, a TERM signal) before the executor's own clean-up, giving it up to
     * within; returns what removes the hook again (once the scheduler ended by itself).
     */
    default Runnable onShutdown(Runnable hook, Duration within) {
        Thread t = new Thread(hook, "queue-shutdown");
        Runtime.getRuntime().addShutdownHook(t);
        return () -> {
            try {
                Runtime.getRuntime().removeShutdownHook(t);
            } catch (IllegalStateException shuttingDown) {
                // the JVM is exiting: the hook is running
            }
        };
    }

    /** Releases what the executor holds (a Spark context); nothing for the local one. */
    @Override
    default void close() {
    }
}
