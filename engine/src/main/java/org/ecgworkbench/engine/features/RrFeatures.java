package org.ecgworkbench.engine.features;

import java.util.Arrays;

/**
 * Time-domain and irregularity features of an RR-interval series (seconds). Every method returns NaN when
 * the series is too short for it (formulas in docs/features.md).
 *
 * <table>
 *   <caption>RR features</caption>
 *   <tr><th>method</th><th>unit</th><th>formula</th></tr>
 *   <tr><td>meanRr</td><td>s</td><td>mean(RR)</td></tr>
 *   <tr><td>sdnn</td><td>s</td><td>sample standard deviation of RR (n - 1)</td></tr>
 *   <tr><td>rmssd</td><td>s</td><td>sqrt(mean(diff(RR)^2))</td></tr>
 *   <tr><td>pnn50</td><td>fraction</td><td>share of |diff(RR)| &gt; 0.050 s</td></tr>
 *   <tr><td>cv</td><td>1</td><td>sdnn / meanRr</td></tr>
 *   <tr><td>medianHeartRate</td><td>1/min</td><td>median(60 / RR)</td></tr>
 *   <tr><td>sampleEntropy</td><td>nats</td><td>SampEn(m = 2, r = 0.2 sdnn)</td></tr>
 *   <tr><td>cosen</td><td>nats</td><td>SampEn(m = 1, r = 0.030 s) + ln(2 r) - ln(meanRr)</td></tr>
 * </table>
 */
public final class RrFeatures {

    /** Successive-difference limit of pNN50, in seconds. */
    public static final double NN50_S = 0.050;
    /** COSEn's fixed tolerance r, in seconds (Lake and Moorman 2011). */
    public static final double COSEN_R_S = 0.030;

    private RrFeatures() {
    }

    /** Mean RR interval in seconds. */
    public static double meanRr(double[] rr) {
        return rr.length == 0 ? Double.NaN : Arrays.stream(rr).average().orElse(Double.NaN);
    }

    /** SDNN: sample standard deviation (n - 1) of the RR intervals, in seconds. */
    public static double sdnn(double[] rr) {
        if (rr.length < 2) {
            return Double.NaN;
        }
        double m = meanRr(rr);
        double s = 0;
        for (double v : rr) {
            s += (v - m) * (v - m);
        }
        return Math.sqrt(s / (rr.length - 1));
    }

    /** RMSSD: root mean square of successive RR differences, in seconds. */
    public static double rmssd(double[] rr) {
        if (rr.length < 2) {
            return Double.NaN;
        }
        double s = 0;
        for (int i = 1; i < rr.length; i++) {
            double d = rr[i] - rr[i - 1];
            s += d * d;
        }
        return Math.sqrt(s / (rr.length - 1));
    }

    /** pNN50: the fraction (0..1) of successive RR differences larger than 50 ms in magnitude. */
    public static double pnn50(double[] rr) {
        if (rr.length < 2) {
            return Double.NaN;
        }
        int c = 0;
        for (int i = 1; i < rr.length; i++) {
            if (Math.abs(rr[i] - rr[i - 1]) > NN50_S) {
                c++;
            }
        }
        return (double) c / (rr.length - 1);
    }

    /** Coefficient of variation of RR: SDNN / mean RR (dimensionless). */
    public static double cv(double[] rr) {
        return sdnn(rr) / meanRr(rr);
    }

    /** Median heart rate in beats per minute: the median of 60 / RR. */
    public static double medianHeartRate(double[] rr) {
        if (rr.length == 0) {
            return Double.NaN;
        }
        double[] hr = Arrays.stream(rr).map(v -> 60.0 / v).sorted().toArray();
        int n = hr.length;
        return n % 2 == 1 ? hr[n / 2] : 0.5 * (hr[n / 2 - 1] + hr[n / 2]);
    }

    /**
     * Sample entropy (Richman and Moorman 2000) of x with template length m and tolerance r (units of x):
     * -ln(A / B), where B counts pairs of length-m templates within Chebyshev distance r and A the pairs that
     * still match at length m + 1, over the same N - m templates, self-matches excluded. NaN when A or B is 0.
     * O(N^2) time: fine for the few thousand beats of a record.
     */
    public static double sampleEntropy(double[] x, int m, double r) {
        if (m < 1) {
            throw new IllegalArgumentException("template length m must be >= 1, got " + m);
        }
        int templates = x.length - m;
        if (templates < 2 || !(r >= 0)) {
            return Double.NaN;
        }
        long a = 0;
        long b = 0;
        for (int i = 0; i < templates; i++) {
            for (int j = i + 1; j < templates; j++) {
                boolean match = true;
                for (int k = 0; k < m && match; k++) {
                    match = Math.abs(x[i + k] - x[j + k]) <= r;
                }
                if (match) {
                    b++;
                    if (Math.abs(x[i + m] - x[j + m]) <= r) {
                        a++;
                    }
                }
            }
        }
        return a == 0 || b == 0 ? Double.NaN : -Math.log((double) a / b);
    }

    /** Sample entropy of the RR series with m = 2 and r = 0.2 SDNN, in nats. */
    public static double sampleEntropy(double[] rr) {
        return sampleEntropy(rr, 2, 0.2 * sdnn(rr));
    }

    /**
     * Coefficient of sample entropy (Lake and Moorman, Am J Physiol 2011), an atrial-fibrillation measure for
     * short series: SampEn(m = 1, r = 30 ms) + ln(2 r) - ln(mean RR), r and RR in seconds.
     */
    public static double cosen(double[] rr) {
        return sampleEntropy(rr, 1, COSEN_R_S) + Math.log(2 * COSEN_R_S) - Math.log(meanRr(rr));
    }
}
