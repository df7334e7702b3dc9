package org.ecgworkbench.engine.serve;

/**
 * A recording the model cannot classify, with the reason in words a client can act on (wrong sampling frequency,
 * empty, NaN, too short for QRS detection, unreadable bytes). An HTTP server answers it with 400.
 */
public final class InvalidInputException extends Exception {

    /** The input refused, and why. */
    public InvalidInputException(String reason) {
        super(reason);
    }

    /** The input refused, and why, caused by a reader's or the model's exception. */
    public InvalidInputException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
