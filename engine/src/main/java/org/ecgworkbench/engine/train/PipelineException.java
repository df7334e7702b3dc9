package org.ecgworkbench.engine.train;

/** A failure inside the input pipeline, surfaced in the consumer's thread with the worker's exception as cause. */
public final class PipelineException extends RuntimeException {

    /** What failed, and the worker's exception (may be null). */
    public PipelineException(String message, Throwable cause) {
        super(message, cause);
    }
}
