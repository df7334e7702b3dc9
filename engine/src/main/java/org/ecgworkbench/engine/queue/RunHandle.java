package org.ecgworkbench.engine.queue;

import java.io.IOException;

/** A run an executor started: watched and stopped by the scheduler. */
public interface RunHandle {

    /** Process id of the child (or of whatever represents the run), for crash recovery. */
    long pid();

    /** Whether it still runs. */
    boolean alive();

    /** Its exit code; only once {@link #alive()} is false. */
    int exitCode();

    /** Asks it to stop at its next training step, with a checkpoint (cooperative; returns at once). */
    void requestStop() throws IOException;

    /** Ends it now (after a stop request was not honoured in time). */
    void kill();

    /**
     * Where it executes now, when the executor learns more after the start (a Spark task's id, attempt and host),
     * else null: the scheduler then keeps what it recorded at the start.
     */
    default String where() {
        return null;
    }
}
