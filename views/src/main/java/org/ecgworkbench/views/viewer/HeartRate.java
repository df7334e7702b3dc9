package org.ecgworkbench.views.viewer;

/**
 * Instantaneous heart rate from successive R peaks: 60 / RR in beats per minute, placed at the second beat of each
 * pair (the moment the interval is known).
 *
 * @param samples sample index of each rate value (the later peak of its RR interval)
 * @param bpm     heart rate in beats per minute
 */
public record HeartRate(int[] samples, double[] bpm) {

    /** Rates from R peaks (ascending sample indices) at fs Hz; intervals of zero samples are skipped. */
    public static HeartRate of(int[] rPeaks, double fs) {
        int n = Math.max(0, rPeaks.length - 1);
        int[] at = new int[n];
        double[] bpm = new double[n];
        int k = 0;
        for (int i = 0; i < n; i++) {
            int rr = rPeaks[i + 1] - rPeaks[i];
            if (rr > 0) {
                at[k] = rPeaks[i + 1];
                bpm[k] = 60.0 * fs / rr;
                k++;
            }
        }
        return new HeartRate(java.util.Arrays.copyOf(at, k), java.util.Arrays.copyOf(bpm, k));
    }

    /** Number of rate values. */
    public int size() {
        return bpm.length;
    }

    /** Index of the first value at or after the given sample (binary search). */
    public int firstAtOrAfter(double sample) {
        int lo = 0;
        int hi = samples.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (samples[mid] < sample) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
