package org.ecgworkbench.engine.train;

/**
 * One network input to assemble: dataset item, and where its window starts in the item's signal (samples), or
 * {@link #RANDOM} for a random crop drawn by the batch's generator (training).
 */
public record Example(int item, int offset) {

    /** Offset value asking for a random crop. */
    public static final int RANDOM = -1;
}
