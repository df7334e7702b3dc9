package org.ecgworkbench.engine.dataset;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

/** Every transform of {@link Augmentation} does what it says, alone; zero parameters give the identity. */
class AugmentationTest {

    static final double FS = 250;

    /** A non-periodic test signal: a ramp plus a chirp, length n. */
    static float[] signal(int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (0.5 + 0.001 * i + Math.sin(0.0003 * i * i));
        }
        return x;
    }

    @Test
    void noneAndCopyZeroAreTheIdentity() {
        float[] x = signal(2000);
        for (int copy = 0; copy < 5; copy++) {
            assertArrayEquals(x, new Augmentation(AugmentationConfig.NONE, 3).apply(x, FS, 7, copy));
        }
        assertArrayEquals(x, new Augmentation(AugmentationConfig.DEFAULT, 3).apply(x, FS, 7, 0));
    }

    @Test
    void deterministicForSeedSourceAndCopy() {
        float[] x = signal(2000);
        Augmentation a = new Augmentation(AugmentationConfig.DEFAULT, 11);
        assertArrayEquals(a.apply(x, FS, 4, 2), new Augmentation(AugmentationConfig.DEFAULT, 11).apply(x, FS, 4, 2));
        assertFalse(Arrays.equals(a.apply(x, FS, 4, 2), a.apply(x, FS, 4, 3)));
        assertFalse(Arrays.equals(a.apply(x, FS, 4, 2), a.apply(x, FS, 5, 2)));
        assertFalse(Arrays.equals(a.apply(x, FS, 4, 2), new Augmentation(AugmentationConfig.DEFAULT, 12)
                .apply(x, FS, 4, 2)));
    }

    @Test
    void cropKeepsAContiguousPartWithinTheRange() {
        float[] x = signal(2000);
        Augmentation a = new Augmentation(AugmentationConfig.NONE.withCropMin(0.8), 1);
        boolean shorter = false;
        for (int copy = 1; copy <= 30; copy++) {
            float[] y = a.apply(x, FS, 0, copy);
            assertTrue(y.length >= 1600 && y.length <= 2000, "length " + y.length);
            shorter |= y.length < 2000;
            int start = indexOf(x, y[0]);
            assertArrayEquals(Arrays.copyOfRange(x, start, start + y.length), y);
        }
        assertTrue(shorter);
    }

    @Test
    void scalingFactorWithinTheRange() {
        float[] x = signal(500);
        Augmentation a = new Augmentation(AugmentationConfig.NONE.withScale(0.2), 1);
        for (int copy = 1; copy <= 30; copy++) {
            float[] y = a.apply(x, FS, 2, copy);
            double f = y[0] / x[0];
            assertTrue(f >= 0.8 - 1e-6 && f <= 1.2 + 1e-6, "factor " + f);
            for (int i = 0; i < x.length; i++) {
                assertEquals(f * x[i], y[i], 1e-5);
            }
        }
    }

    @Test
    void shiftRotatesByAtMostTheGivenTime() {
        float[] x = signal(2000);
        Augmentation a = new Augmentation(AugmentationConfig.NONE.withShiftS(0.5), 1);
        boolean moved = false;
        for (int copy = 1; copy <= 20; copy++) {
            float[] y = a.apply(x, FS, 0, copy);
            assertEquals(x.length, y.length);
            int shift = Math.floorMod(indexOf(y, x[0]), x.length);
            int signed = shift > x.length / 2 ? shift - x.length : shift;
            assertTrue(Math.abs(signed) <= 0.5 * FS, "shift " + signed);
            for (int i = 0; i < x.length; i++) {
                assertEquals(x[i], y[(i + shift) % x.length]);
            }
            moved |= signed != 0;
        }
        assertTrue(moved);
    }

    @Test
    void powerlineAddsASinusoidOfTheGivenFrequencyAndAmplitude() {
        float[] zero = new float[5000];
        for (double hz : new double[] {50, 60}) {
            float[] y = new Augmentation(AugmentationConfig.NONE.withPowerline(0.03, hz), 5).apply(zero, FS, 1, 1);
            assertEquals(0.03, amplitudeAt(y, hz), 1e-4);
            assertEquals(0, amplitudeAt(y, hz == 50 ? 60 : 50), 1e-3);
        }
        assertThrows(IllegalArgumentException.class,
                () -> new Augmentation(AugmentationConfig.NONE.withPowerline(0.03, 200), 5).apply(zero, FS, 1, 1));
    }

    @Test
    void wanderIsSlowAndBounded() {
        float[] zero = new float[(int) (20 * FS)];
        float[] y = new Augmentation(AugmentationConfig.NONE.withWanderMv(0.1), 5).apply(zero, FS, 1, 1);
        double max = 0;
        for (int i = 0; i < y.length; i++) {
            max = Math.max(max, Math.abs(y[i]));
            if (i > 0) {
                assertTrue(Math.abs(y[i] - y[i - 1]) <= 0.1 * 2 * Math.PI * 0.5 / FS + 1e-6);
            }
        }
        assertTrue(max > 0 && max <= 0.1 + 1e-6, "max " + max);
    }

    @Test
    void gaussianNoiseHasTheGivenStandardDeviation() {
        float[] zero = new float[20000];
        float[] y = new Augmentation(AugmentationConfig.NONE.withNoiseMv(0.02), 5).apply(zero, FS, 1, 1);
        double mean = 0;
        double sq = 0;
        for (float v : y) {
            mean += v;
            sq += v * v;
        }
        mean /= y.length;
        assertEquals(0, mean, 0.001);
        assertEquals(0.02, Math.sqrt(sq / y.length), 0.001);
    }

    @Test
    void badParametersNameTheParameter() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> AugmentationConfig.NONE.withCropMin(0))
                .getMessage().contains("crop"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> AugmentationConfig.NONE.withScale(1))
                .getMessage().contains("scale"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> AugmentationConfig.NONE.withNoiseMv(-1))
                .getMessage().contains("noise-mv"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> AugmentationConfig.NONE.withPowerline(0, 0))
                .getMessage().contains("powerline-hz"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> AugmentationConfig.NONE.withShiftS(-0.1))
                .getMessage().contains("shift-s"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> AugmentationConfig.NONE.withWanderMv(Double.NaN))
                .getMessage().contains("wander-mv"));
    }

    /** Amplitude of the component of y at hz (projection onto sin and cos over whole samples). */
    static double amplitudeAt(float[] y, double hz) {
        double s = 0;
        double c = 0;
        for (int i = 0; i < y.length; i++) {
            double w = 2 * Math.PI * hz * i / FS;
            s += y[i] * Math.sin(w);
            c += y[i] * Math.cos(w);
        }
        return 2 * Math.hypot(s, c) / y.length;
    }

    private static int indexOf(float[] x, float v) {
        for (int i = 0; i < x.length; i++) {
            if (x[i] == v) {
                return i;
            }
        }
        throw new AssertionError("value not found");
    }
}
