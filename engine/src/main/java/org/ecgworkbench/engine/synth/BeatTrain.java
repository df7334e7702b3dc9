package org.ecgworkbench.engine.synth;

import java.util.Arrays;

/**
 * The planned beats: R-peak times in seconds (relative to the record start; the first ones lie before it,
 * to let the model settle) and whether each beat is ventricular (a PVC).
 */
public record BeatTrain(double[] times, boolean[] ventricular) {

    /** Checks that times increase and both arrays have the same length, at least 2. */
    public BeatTrain {
        if (times.length != ventricular.length || times.length < 2) {
            throw new IllegalArgumentException("a beat train needs at least 2 beats, one kind per time");
        }
        for (int i = 1; i < times.length; i++) {
            if (!(times[i] > times[i - 1])) {
                throw new IllegalArgumentException("beat times must increase, beat " + i + " at " + times[i] + " s");
            }
        }
    }

    /** Number of beats. */
    public int size() {
        return times.length;
    }

    /** RR interval from beat k to beat k+1, seconds. */
    public double rr(int k) {
        return times[k + 1] - times[k];
    }

    /** The index k of the interval [times[k], times[k+1]) holding t, clamped to 0..size-2. */
    public int segmentAt(double t) {
        int i = Arrays.binarySearch(times, t);
        int k = i >= 0 ? i : -i - 2;
        return Math.max(0, Math.min(times.length - 2, k));
    }
}
