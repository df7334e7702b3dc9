package org.ecgworkbench.views.runs;

import java.util.Locale;

/** Where a run stands, as the run views show it (a mirror of the queue's states, so views need no engine types). */
public enum RunStatus {
    /** Waiting for a slot. */
    QUEUED,
    /** Training now. */
    RUNNING,
    /** Finished (all epochs, or early stopping). */
    DONE,
    /** Ended without finishing. */
    FAILED,
    /** Stopped on request; its last checkpoint is kept. */
    CANCELLED,
    /** Its scheduler went away while it ran; resumes from its checkpoint. */
    INTERRUPTED;

    /** Lower-case label, e.g. "running". */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The CSS style class of cells showing this state, e.g. "run-state-running". */
    public String styleClass() {
        return "run-state-" + label();
    }

    /** Whether a queued run in this state may be cancelled. */
    public boolean cancellable() {
        return this == QUEUED || this == RUNNING || this == INTERRUPTED;
    }

    /** Whether it may be put back in the queue. */
    public boolean retryable() {
        return this == FAILED || this == CANCELLED || this == INTERRUPTED;
    }
}
