package org.ecgworkbench.views.viewer;

import java.util.Arrays;
import java.util.List;

/**
 * One lane of the viewer: a signal with its min/max pyramid, how to scale it and what to draw over it.
 *
 * @param id         stable identifier ("lead-0", "bandpassed", "filtered-1" ...)
 * @param label      what the lane is called on screen, e.g. "MLII" or "band-passed 5-15 Hz (MLII)"
 * @param unit       physical unit of the values, e.g. "mV" or "(mV/s)²"
 * @param kind       what the signal is; decides lane height and colour
 * @param pyramid    the samples (in unit) and their min/max pyramid
 * @param calibrated whether values are millivolts drawn at 10 mm/mV on the paper grid (else scaled to the lane)
 * @param center     value drawn at the lane's middle when calibrated (the signal's median, in unit)
 * @param lo         lowest value the lane shows when not calibrated (a robust minimum, in unit)
 * @param hi         highest value the lane shows when not calibrated (a robust maximum, in unit)
 * @param gain       adu per mV for the adu readout of a lead (NaN: no ADC values)
 * @param baseline   adu of 0 mV for the adu readout of a lead
 * @param thresholds step lines drawn over the lane (Pan-Tompkins thresholds), possibly none
 */
public record Track(String id, String label, String unit, Kind kind, MinMaxPyramid pyramid, boolean calibrated,
                    double center, double lo, double hi, double gain, int baseline, List<StepLine> thresholds) {

    /** What a track's signal is. */
    public enum Kind {
        /** A recorded lead. */
        LEAD,
        /** A recorded lead after the preview filter. */
        FILTERED,
        /** A Pan-Tompkins stage. */
        STAGE
    }

    /**
     * A step function drawn over a lane: values[k] holds from sample from[k] up to from[k + 1].
     *
     * @param label    legend text
     * @param from     first sample of each step (ascending)
     * @param values   value of each step, in the lane's unit
     * @param dashed   drawn dashed
     * @param mirrored also drawn at -value (a threshold on an absolute value)
     */
    public record StepLine(String label, int[] from, double[] values, boolean dashed, boolean mirrored) {
    }

    /** A lane for a millivolt lead drawn at 10 mm/mV around its median. */
    public static Track calibrated(String id, String label, Kind kind, double[] mv, double gain, int baseline) {
        MinMaxPyramid p = new MinMaxPyramid(mv);
        double[] q = quantiles(mv, 0.5, 0.001, 0.999);
        return new Track(id, label, "mV", kind, p, true, q[0], q[1], q[2], gain, baseline, List.of());
    }

    /** A lane scaled to the robust range (0.1 to 99.9 %, plus a margin) of a signal in any unit. */
    public static Track scaled(String id, String label, String unit, Kind kind, double[] values, boolean fromZero,
                               List<StepLine> thresholds) {
        MinMaxPyramid p = new MinMaxPyramid(values);
        double[] q = quantiles(values, 0.5, 0.001, 0.999);
        double lo = fromZero ? 0 : q[1];
        double hi = q[2];
        if (!(hi > lo)) {
            hi = lo + 1;
        }
        double margin = 0.08 * (hi - lo);
        return new Track(id, label, unit, kind, p, false, q[0], fromZero ? 0 : lo - margin, hi + margin, Double.NaN, 0,
                thresholds);
    }

    /** Number of samples. */
    public int samples() {
        return pyramid.length();
    }

    /** Whether adu values can be shown for this track. */
    public boolean hasAdu() {
        return !Double.isNaN(gain) && gain != 0;
    }

    /** Quantiles of up to 50,000 evenly spaced samples: a robust range without sorting 650,000 values. */
    static double[] quantiles(double[] v, double... q) {
        int n = v.length;
        if (n == 0) {
            double[] z = new double[q.length];
            return z;
        }
        int step = Math.max(1, n / 50_000);
        double[] s = new double[(n + step - 1) / step];
        int k = 0;
        for (int i = 0; i < n && k < s.length; i += step) {
            s[k++] = v[i];
        }
        s = Arrays.copyOf(s, k);
        Arrays.sort(s);
        double[] out = new double[q.length];
        for (int i = 0; i < q.length; i++) {
            out[i] = s[(int) Math.min(s.length - 1, Math.round(q[i] * (s.length - 1)))];
        }
        return out;
    }
}
