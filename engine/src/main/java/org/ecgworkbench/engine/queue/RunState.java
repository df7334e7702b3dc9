package org.ecgworkbench.engine.queue;

import java.util.Locale;
import java.util.Set;

/** Where a queued run stands. */
public enum RunState {
    /** Waiting for a slot. */
    QUEUED,
    /** A child process trains it now. */
    RUNNING,
    /** Training finished (all epochs, or early stopping). */
    DONE,
    /** The child exited without finishing and nobody asked it to stop. */
    FAILED,
    /** Stopped on request ({@code queue cancel}); its last checkpoint is kept. */
    CANCELLED,
    /** Its scheduler went away while it ran (crash, kill, shutdown); the next scheduler resumes it. */
    INTERRUPTED;

    /** The JSON and CLI spelling. */
    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The state spelled s, or a QueueException naming the value. */
    public static RunState parse(String s) throws QueueException {
        try {
            return valueOf(s.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new QueueException(null, "unknown state \"" + s + "\"");
        }
    }

    /** Whether a scheduler may start (or resume) a run in this state. */
    public boolean runnable() {
        return this == QUEUED || this == INTERRUPTED;
    }

    /** Whether {@code queue retry} may put it back in the queue. */
    public boolean retryable() {
        return this == FAILED || this == CANCELLED || this == INTERRUPTED;
    }

    /** Whether the state is final until someone retries it. */
    public boolean finished() {
        return this == DONE || this == FAILED || this == CANCELLED;
    }

    /** Whether a run may go from this state to next (the queue refuses every other transition). */
    public boolean canBecome(RunState next) {
        return switch (this) {
            case QUEUED -> Set.of(RUNNING, CANCELLED).contains(next);
            case RUNNING -> Set.of(DONE, FAILED, CANCELLED, INTERRUPTED).contains(next);
            case INTERRUPTED -> Set.of(RUNNING, QUEUED, CANCELLED, DONE).contains(next);
            case FAILED, CANCELLED -> next == QUEUED;
            case DONE -> false;
        };
    }
}
