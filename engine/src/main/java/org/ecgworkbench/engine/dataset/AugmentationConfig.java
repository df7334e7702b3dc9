package org.ecgworkbench.engine.dataset;

/**
 * Parameters of an {@link Augmentation}; every transform is off at its neutral value ({@link #NONE} turns all off).
 *
 * @param cropMin     random crop: the fraction of the length kept is uniform in [cropMin, 1]; 1 disables; (0, 1]
 * @param scale       amplitude scaling: the factor is uniform in [1 - scale, 1 + scale]; 0 disables; [0, 1)
 * @param wanderMv    baseline wander: a sinusoid of 0.1-0.5 Hz, random phase, amplitude uniform in [0, wanderMv] mV;
 *                    0 disables
 * @param noiseMv     Gaussian noise: standard deviation in mV; 0 disables
 * @param powerlineMv powerline-like noise: a sinusoid at powerlineHz, random phase, amplitude powerlineMv mV;
 *                    0 disables
 * @param powerlineHz powerline frequency in Hz (50 or 60 in practice; must lie below fs/2 when used); > 0
 * @param shiftS      time shift: circular shift by a whole number of samples uniform in [-shiftS, shiftS] seconds;
 *                    0 disables
 */
public record AugmentationConfig(double cropMin, double scale, double wanderMv, double noiseMv, double powerlineMv,
                                 double powerlineHz, double shiftS) {

    /** Defaults: keep 80-100 %, scale x0.8-1.2, wander up to 0.1 mV, noise 0.02 mV, 50 Hz at 0.02 mV, shift 0.5 s. */
    public static final AugmentationConfig DEFAULT = new AugmentationConfig(0.8, 0.2, 0.1, 0.02, 0.02, 50, 0.5);
    /** Every transform off: the identity. */
    public static final AugmentationConfig NONE = new AugmentationConfig(1, 0, 0, 0, 0, 50, 0);

    /** Lowest and highest baseline-wander frequency in Hz. */
    public static final double WANDER_MIN_HZ = 0.1;
    public static final double WANDER_MAX_HZ = 0.5;

    /** Checks every parameter; IllegalArgumentException names the one out of range. */
    public AugmentationConfig {
        if (!(cropMin > 0 && cropMin <= 1)) {
            throw new IllegalArgumentException("crop (minimum kept fraction) must be in (0, 1], got " + cropMin);
        }
        if (!(scale >= 0 && scale < 1)) {
            throw new IllegalArgumentException("scale must be in [0, 1), got " + scale);
        }
        nonNegative("wander-mv", wanderMv);
        nonNegative("noise-mv", noiseMv);
        nonNegative("powerline-mv", powerlineMv);
        if (!(powerlineHz > 0 && Double.isFinite(powerlineHz))) {
            throw new IllegalArgumentException("powerline-hz must be positive and finite, got " + powerlineHz);
        }
        nonNegative("shift-s", shiftS);
    }

    private static void nonNegative(String name, double v) {
        if (!(v >= 0 && Double.isFinite(v))) {
            throw new IllegalArgumentException(name + " must be >= 0 and finite, got " + v);
        }
    }

    public AugmentationConfig withCropMin(double v) {
        return new AugmentationConfig(v, scale, wanderMv, noiseMv, powerlineMv, powerlineHz, shiftS);
    }

    public AugmentationConfig withScale(double v) {
        return new AugmentationConfig(cropMin, v, wanderMv, noiseMv, powerlineMv, powerlineHz, shiftS);
    }

    public AugmentationConfig withWanderMv(double v) {
        return new AugmentationConfig(cropMin, scale, v, noiseMv, powerlineMv, powerlineHz, shiftS);
    }

    public AugmentationConfig withNoiseMv(double v) {
        return new AugmentationConfig(cropMin, scale, wanderMv, v, powerlineMv, powerlineHz, shiftS);
    }

    public AugmentationConfig withPowerline(double mv, double hz) {
        return new AugmentationConfig(cropMin, scale, wanderMv, noiseMv, mv, hz, shiftS);
    }

    public AugmentationConfig withShiftS(double v) {
        return new AugmentationConfig(cropMin, scale, wanderMv, noiseMv, powerlineMv, powerlineHz, v);
    }
}
