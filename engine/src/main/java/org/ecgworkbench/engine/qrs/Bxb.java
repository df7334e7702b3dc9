package org.ecgworkbench.engine.qrs;

import java.util.Arrays;
import java.util.List;
import java.util.Set;

import org.ecgworkbench.engine.record.Annotation;

/**
 * Beat-by-beat comparison of detections with reference annotations, after WFDB's bxb (ANSI/AAMI EC38/EC57).
 *
 * <p>Reference beats are the annotations with a beat code (N L R B A a J S V r F e j n E / f Q ?). Each
 * reference beat, in time order, is matched to the nearest still unmatched detection within ± the match
 * window (150 ms by default); matched pairs are TP, unmatched reference beats FN, unmatched detections FP.
 * Scoring can start later than the record (bxb's -f; by default bxb skips a 5-minute learning period):
 * then only reference beats and detections at or after the start are counted, though matching itself uses
 * the whole record so that a pair straddling the start is not split into an FN and an FP. Detections within
 * the reference's ventricular flutter/fibrillation episodes are not scored (EC38; see {@link ReferenceBeats}).
 */
public final class Bxb {

    /** bxb's match window, in seconds. */
    public static final double DEFAULT_TOLERANCE_S = 0.15;
    /** bxb's default learning period skipped before scoring, in seconds. */
    public static final double LEARNING_PERIOD_S = 300.0;
    /** The paced records of the MIT-BIH Arrhythmia Database, reported apart by convention (AAMI EC57). */
    public static final Set<String> PACED_MITDB = Set.of("102", "104", "107", "217");

    private Bxb() {
    }

    /** The sample indices of the beat annotations, ascending. */
    public static long[] referenceBeats(List<Annotation> annotations) {
        long[] s = annotations.stream().filter(Annotation::isBeat).mapToLong(Annotation::sample).toArray();
        Arrays.sort(s);
        return s;
    }

    /** Match window in samples for a tolerance in seconds at fs Hz (rounded to the nearest sample). */
    public static long toleranceSamples(double toleranceSeconds, double fs) {
        if (!(toleranceSeconds >= 0) || Double.isInfinite(toleranceSeconds)) {
            throw new IllegalArgumentException("match tolerance must be a finite number of seconds >= 0, got "
                    + toleranceSeconds);
        }
        return Math.round(toleranceSeconds * fs);
    }

    /** Scores detections (sample indices) against a reference annotation, from startSample on. */
    public static BeatScore compare(ReferenceBeats reference, long[] detections, long toleranceSamples,
                                    long startSample) {
        long[] det = Arrays.stream(detections).filter(d -> !reference.inFlutter(d)).toArray();
        return compare(reference.beats(), det, toleranceSamples, startSample);
    }

    /** Scores detections against reference beats (both sample indices) over the whole record. */
    public static BeatScore compare(long[] reference, long[] detections, long toleranceSamples) {
        return compare(reference, detections, toleranceSamples, 0);
    }

    /**
     * Scores detections against reference beats (sample indices, any order) with a match window of
     * ± toleranceSamples, counting only beats and detections at or after startSample.
     */
    public static BeatScore compare(long[] reference, long[] detections, long toleranceSamples, long startSample) {
        if (toleranceSamples < 0) {
            throw new IllegalArgumentException("match tolerance must be >= 0 samples, got " + toleranceSamples);
        }
        long[] ref = reference.clone();
        long[] det = detections.clone();
        Arrays.sort(ref);
        Arrays.sort(det);
        boolean[] used = new boolean[det.length];
        long tp = 0;
        long fn = 0;
        int lo = 0;
        for (long r : ref) {
            while (lo < det.length && det[lo] < r - toleranceSamples) {
                lo++;
            }
            int best = -1;
            for (int j = lo; j < det.length && det[j] <= r + toleranceSamples; j++) {
                if (!used[j] && (best < 0 || Math.abs(det[j] - r) < Math.abs(det[best] - r))) {
                    best = j;
                }
            }
            if (best >= 0) {
                used[best] = true;
            }
            if (r >= startSample) {
                if (best >= 0) {
                    tp++;
                } else {
                    fn++;
                }
            }
        }
        long fp = 0;
        for (int j = 0; j < det.length; j++) {
            if (!used[j] && det[j] >= startSample) {
                fp++;
            }
        }
        return new BeatScore(tp, fn, fp);
    }
}
