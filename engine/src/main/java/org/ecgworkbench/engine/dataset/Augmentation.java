package org.ecgworkbench.engine.dataset;

import java.util.Objects;
import java.util.SplittableRandom;

/**
 * A seeded, configurable transform of one signal (mV at fs Hz) into a new one, applied in this order: random crop,
 * amplitude scaling, circular time shift, then added baseline wander, Gaussian noise and powerline-like noise
 * (parameters in {@link AugmentationConfig}). The draws come from a {@link SplittableRandom} seeded from
 * (seed, source index, copy number), always in the same order whether a transform is on or off, so the same three
 * numbers give the same output and switching one transform off leaves the draws of the others unchanged. Copy 0 is
 * the original: returned unchanged.
 */
public final class Augmentation {

    private final AugmentationConfig config;
    private final long seed;

    public Augmentation(AugmentationConfig config, long seed) {
        this.config = Objects.requireNonNull(config);
        this.seed = seed;
    }

    public AugmentationConfig config() {
        return config;
    }

    public long seed() {
        return seed;
    }

    /** Copy number copy (0 = the original, returned as a copy) of the signal of source record source. */
    public float[] apply(float[] signal, double fs, int source, int copy) {
        if (!(fs > 0 && Double.isFinite(fs))) {
            throw new IllegalArgumentException("fs must be positive and finite, got " + fs);
        }
        if (source < 0 || copy < 0) {
            throw new IllegalArgumentException("source and copy must be >= 0, got " + source + ", " + copy);
        }
        if (signal.length == 0) {
            throw new IllegalArgumentException("signal is empty");
        }
        if (copy == 0) {
            return signal.clone();
        }
        if (config.powerlineMv() > 0 && !(config.powerlineHz() < fs / 2)) {
            throw new IllegalArgumentException("powerline-hz " + config.powerlineHz()
                    + " must be below half the sampling frequency (" + fs / 2 + " Hz)");
        }
        SplittableRandom r = new SplittableRandom(mix(seed, source, copy));
        int n = signal.length;
        // Draws, always all and in this order.
        double keep = config.cropMin() + (1 - config.cropMin()) * r.nextDouble();
        double cropStartU = r.nextDouble();
        double factor = 1 - config.scale() + 2 * config.scale() * r.nextDouble();
        double shiftU = r.nextDouble();
        double wanderAmp = config.wanderMv() * r.nextDouble();
        double wanderHz = AugmentationConfig.WANDER_MIN_HZ
                + (AugmentationConfig.WANDER_MAX_HZ - AugmentationConfig.WANDER_MIN_HZ) * r.nextDouble();
        double wanderPhase = 2 * Math.PI * r.nextDouble();
        double powerPhase = 2 * Math.PI * r.nextDouble();
        SplittableRandom gauss = r.split();

        int len = config.cropMin() < 1 ? Math.max(1, Math.min(n, (int) Math.round(n * keep))) : n;
        int start = (int) Math.min(n - len, Math.floor(cropStartU * (n - len + 1)));
        long maxShift = Math.min(len - 1L, Math.round(config.shiftS() * fs));
        int shift = (int) (Math.min(2 * maxShift, (long) Math.floor(shiftU * (2 * maxShift + 1))) - maxShift);
        double wanderW = 2 * Math.PI * wanderHz / fs;
        double powerW = 2 * Math.PI * config.powerlineHz() / fs;
        float[] out = new float[len];
        for (int i = 0; i < len; i++) {
            int from = Math.floorMod(i - shift, len);
            double v = signal[start + from] * factor;
            if (wanderAmp > 0) {
                v += wanderAmp * Math.sin(wanderW * i + wanderPhase);
            }
            if (config.noiseMv() > 0) {
                v += config.noiseMv() * gauss.nextGaussian();
            }
            if (config.powerlineMv() > 0) {
                v += config.powerlineMv() * Math.sin(powerW * i + powerPhase);
            }
            out[i] = (float) v;
        }
        return out;
    }

    /** A well-mixed 64-bit seed of (seed, source, copy). */
    static long mix(long seed, int source, int copy) {
        long h = seed;
        h = murmur(h ^ murmur(0x9E3779B97F4A7C15L + source));
        h = murmur(h ^ murmur(0xC2B2AE3D27D4EB4FL + copy));
        return h;
    }

    private static long murmur(long z) {
        z = (z ^ (z >>> 33)) * 0xFF51AFD7ED558CCDL;
        z = (z ^ (z >>> 33)) * 0xC4CEB9FE1A85EC53L;
        return z ^ (z >>> 33);
    }
}
