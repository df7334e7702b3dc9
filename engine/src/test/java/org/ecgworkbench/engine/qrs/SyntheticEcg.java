package org.ecgworkbench.engine.qrs;

import java.util.Random;

/** A generated ECG-like signal with known R peaks: Gaussian P, QRS and T waves, baseline wander and noise. */
final class SyntheticEcg {

    final double fs;
    final double[] signal;
    final double[] rSeconds;

    /** seconds of signal at fs Hz; RR intervals between 0.6 and 1.1 s from a seeded generator; polarity +1 or -1. */
    SyntheticEcg(double fs, double seconds, long seed, double polarity) {
        this.fs = fs;
        Random rnd = new Random(seed);
        int n = (int) Math.round(seconds * fs);
        java.util.List<Double> beats = new java.util.ArrayList<>();
        for (double t = 0.5 + 0.3 * rnd.nextDouble(); t < seconds - 0.6; t += 0.6 + 0.5 * rnd.nextDouble()) {
            beats.add(t);
        }
        rSeconds = beats.stream().mapToDouble(Double::doubleValue).toArray();
        signal = new double[n];
        for (int i = 0; i < n; i++) {
            double t = i / fs;
            double v = 0.2 * Math.sin(2 * Math.PI * 0.3 * t) + 0.01 * rnd.nextGaussian();
            for (double r : rSeconds) {
                if (Math.abs(t - r) < 0.6) {
                    v += 0.15 * gauss(t, r - 0.16, 0.025)            // P wave
                            + polarity * (gauss(t, r, 0.010)        // R
                            - 0.15 * gauss(t, r - 0.025, 0.008)     // Q
                            - 0.25 * gauss(t, r + 0.025, 0.008))    // S
                            + 0.3 * gauss(t, r + 0.28, 0.045);      // T wave
                }
            }
            signal[i] = v;
        }
    }

    long[] rSamples() {
        long[] s = new long[rSeconds.length];
        for (int i = 0; i < s.length; i++) {
            s[i] = Math.round(rSeconds[i] * fs);
        }
        return s;
    }

    private static double gauss(double t, double mu, double sigma) {
        double z = (t - mu) / sigma;
        return Math.exp(-0.5 * z * z);
    }
}
