package org.ecgworkbench.engine.features;

/** Spectral features from Welch PSDs of the ECG itself and of the RR tachogram (formulas in docs/features.md). */
public final class SpectralFeatures {

    /** Welch segment length for the ECG, in seconds (0.25 Hz resolution). */
    public static final double ECG_SEGMENT_S = 4.0;
    /** Rate in Hz at which the RR tachogram is resampled (linear interpolation) before its PSD. */
    public static final double TACHOGRAM_HZ = 4.0;
    /** Welch segment length for the tachogram, in samples at 4 Hz (64 s). */
    public static final int TACHOGRAM_SEGMENT = 256;

    private SpectralFeatures() {
    }

    /** The PSD of an ECG lead (mV) at fs Hz, in mV^2/Hz, with 4 s Hann segments. */
    public static WelchPsd ecgPsd(double[] ecg, double fs) {
        return WelchPsd.of(ecg, fs, (int) Math.round(ECG_SEGMENT_S * fs));
    }

    /**
     * The RR tachogram resampled at 4 Hz: RR interval k (seconds) placed at the time of the beat that ends it,
     * linearly interpolated between beats, from the first such time to the last. Empty for fewer than 2 intervals.
     */
    public static double[] tachogram(double[] beatSeconds) {
        int n = beatSeconds.length - 1;
        if (n < 2) {
            return new double[0];
        }
        double t0 = beatSeconds[1];
        double t1 = beatSeconds[n];
        int samples = (int) Math.floor((t1 - t0) * TACHOGRAM_HZ) + 1;
        double[] out = new double[samples];
        int k = 1;
        for (int s = 0; s < samples; s++) {
            double t = t0 + s / TACHOGRAM_HZ;
            while (k < n && beatSeconds[k + 1] < t) {
                k++;
            }
            double ta = beatSeconds[k];
            double tb = beatSeconds[Math.min(k + 1, n)];
            double ra = beatSeconds[k] - beatSeconds[k - 1];
            double rb = beatSeconds[Math.min(k + 1, n)] - beatSeconds[Math.min(k + 1, n) - 1];
            out[s] = tb > ta ? ra + (rb - ra) * (t - ta) / (tb - ta) : ra;
        }
        return out;
    }

    /** The PSD of the 4 Hz tachogram of beats at the given times (s), in s^2/Hz; null for too few beats. */
    public static WelchPsd tachogramPsd(double[] beatSeconds) {
        double[] t = tachogram(beatSeconds);
        return t.length < 2 ? null : WelchPsd.of(t, TACHOGRAM_HZ, TACHOGRAM_SEGMENT);
    }
}
