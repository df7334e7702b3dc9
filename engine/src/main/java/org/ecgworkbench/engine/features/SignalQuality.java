package org.ecgworkbench.engine.features;

import org.ecgworkbench.engine.qrs.BeatScore;
import org.ecgworkbench.engine.qrs.Bxb;

/** Signal-quality indices computed from detections (formulas in docs/features.md). */
public final class SignalQuality {

    /** Shortest physiologically plausible RR interval in seconds (300 beats/min). */
    public static final double MIN_RR_S = 0.2;
    /** Longest physiologically plausible RR interval in seconds (20 beats/min). */
    public static final double MAX_RR_S = 3.0;

    private SignalQuality() {
    }

    /** Share (0..1) of RR intervals (s) within [0.2 s, 3.0 s]; NaN without intervals. */
    public static double plausibleRrShare(double[] rr) {
        if (rr.length == 0) {
            return Double.NaN;
        }
        int c = 0;
        for (double v : rr) {
            if (v >= MIN_RR_S && v <= MAX_RR_S) {
                c++;
            }
        }
        return (double) c / rr.length;
    }

    /**
     * Agreement (0..1) of two beat series (sample indices), as in the bSQI of Li, Mark and Clifford (2008):
     * matched / (matched + only in a + only in b), beats matched within 150 ms as bxb does; NaN when both are empty.
     */
    public static double agreement(long[] a, long[] b, double fs) {
        BeatScore s = Bxb.compare(a, b, Bxb.toleranceSamples(Bxb.DEFAULT_TOLERANCE_S, fs));
        long all = s.tp() + s.fn() + s.fp();
        return all == 0 ? Double.NaN : (double) s.tp() / all;
    }
}
