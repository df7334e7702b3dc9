package org.ecgworkbench.engine.synth;

/**
 * Amplitudes of the additive noises, all in mV; 0 switches a noise off.
 *
 * @param gaussianMv  standard deviation of white Gaussian (measurement) noise, mV
 * @param baselineMv  peak amplitude of baseline wander (0.15-0.3 Hz respiration plus a slower drift), mV
 * @param powerlineMv peak amplitude of powerline interference, mV
 * @param powerlineHz powerline frequency, Hz (50 or 60)
 * @param emgMv       standard deviation of EMG-like noise (high-passed noise in bursts), mV
 * @param motionMv    typical peak amplitude of electrode-motion transients, mV
 */
public record NoiseLevels(double gaussianMv, double baselineMv, double powerlineMv, double powerlineHz,
                          double emgMv, double motionMv) {

    /** Validates every amplitude (finite, >= 0) and the powerline frequency (> 0). */
    public NoiseLevels {
        nonNegative("noise-mv", gaussianMv);
        nonNegative("bw-mv", baselineMv);
        nonNegative("powerline-mv", powerlineMv);
        nonNegative("emg-mv", emgMv);
        nonNegative("motion-mv", motionMv);
        if (!(powerlineHz > 0) || Double.isInfinite(powerlineHz)) {
            throw new IllegalArgumentException("powerline-hz must be positive, got " + powerlineHz);
        }
    }

    /** No noise at all. */
    public static NoiseLevels none() {
        return new NoiseLevels(0, 0, 0, 50, 0, 0);
    }

    /** The defaults of a rhythm: a little white noise and wander for nsr, af and other; heavy noise for noise. */
    public static NoiseLevels defaults(Rhythm rhythm) {
        return rhythm == Rhythm.NOISE
                ? new NoiseLevels(0.05, 0.8, 0.05, 50, 0.3, 1.0)
                : new NoiseLevels(0.01, 0.05, 0, 50, 0, 0);
    }

    static void nonNegative(String name, double v) {
        if (!(v >= 0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException(name + " must be a finite amplitude >= 0, got " + v);
        }
    }
}
