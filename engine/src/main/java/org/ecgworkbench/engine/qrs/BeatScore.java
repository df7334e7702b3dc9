package org.ecgworkbench.engine.qrs;

import java.util.Collection;

/**
 * Beat-by-beat counts of a QRS detector against reference beats, as WFDB's bxb reports them.
 *
 * @param tp reference beats matched by a detection (true positives)
 * @param fn reference beats no detection matched (false negatives, missed beats)
 * @param fp detections that matched no reference beat (false positives, extra beats)
 */
public record BeatScore(long tp, long fn, long fp) {

    /** No beats. */
    public static final BeatScore ZERO = new BeatScore(0, 0, 0);

    public BeatScore {
        if (tp < 0 || fn < 0 || fp < 0) {
            throw new IllegalArgumentException("counts must be >= 0, got TP=" + tp + " FN=" + fn + " FP=" + fp);
        }
    }

    /** Number of reference beats scored: TP + FN. */
    public long referenceBeats() {
        return tp + fn;
    }

    /** Number of detections scored: TP + FP. */
    public long detections() {
        return tp + fp;
    }

    /** Sensitivity Se = TP / (TP + FN), a fraction in [0, 1]; NaN when there are no reference beats. */
    public double sensitivity() {
        return tp + fn == 0 ? Double.NaN : (double) tp / (tp + fn);
    }

    /** Positive predictivity +P = TP / (TP + FP), a fraction in [0, 1]; NaN when there are no detections. */
    public double positivePredictivity() {
        return tp + fp == 0 ? Double.NaN : (double) tp / (tp + fp);
    }

    /** The sum of both counts: gross statistics pool the beats of all records before dividing. */
    public BeatScore plus(BeatScore o) {
        return new BeatScore(tp + o.tp, fn + o.fn, fp + o.fp);
    }

    /** Gross counts over many records (bxb's "gross" statistics). */
    public static BeatScore gross(Collection<BeatScore> scores) {
        BeatScore s = ZERO;
        for (BeatScore b : scores) {
            s = s.plus(b);
        }
        return s;
    }
}
