package org.ecgworkbench.views.viewer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.api.Test;

/** The pyramid's ranges and per-column decimation equal a brute-force scan, on random data of awkward lengths. */
class MinMaxPyramidTest {

    @Test
    void rangesEqualBruteForce() {
        Random rnd = new Random(7);
        for (int n : new int[] {1, 2, 3, 5, 17, 100, 1023, 1024, 1025, 4099}) {
            double[] x = rnd.doubles(n, -5, 5).toArray();
            MinMaxPyramid p = new MinMaxPyramid(x);
            double[] out = new double[2];
            for (int trial = 0; trial < 400; trial++) {
                int a = rnd.nextInt(n + 1);
                int b = a + rnd.nextInt(n - a + 1);
                p.range(a, b, out);
                if (a == b) {
                    assertTrue(Double.isNaN(out[0]) && Double.isNaN(out[1]));
                    continue;
                }
                double mn = Double.POSITIVE_INFINITY;
                double mx = Double.NEGATIVE_INFINITY;
                for (int i = a; i < b; i++) {
                    mn = Math.min(mn, x[i]);
                    mx = Math.max(mx, x[i]);
                }
                assertEquals(mn, out[0], 0, "min of [" + a + ", " + b + ") of " + n);
                assertEquals(mx, out[1], 0, "max of [" + a + ", " + b + ") of " + n);
            }
        }
    }

    @Test
    void columnsEqualBruteForceOverWindowsAndScales() {
        Random rnd = new Random(11);
        int n = 650_000;
        double[] x = new double[n];
        for (int i = 1; i < n; i++) {
            x[i] = x[i - 1] + rnd.nextGaussian();
        }
        MinMaxPyramid p = new MinMaxPyramid(x);
        int cols = 1920;
        double[] mins = new double[cols];
        double[] maxs = new double[cols];
        for (double spp : new double[] {1, 1.37, 3, 14.4, 97.3, 338.5}) {
            double start = rnd.nextDouble() * (n - spp * cols);
            p.columns(start, spp, cols, mins, maxs);
            for (int c = 0; c < cols; c++) {
                int from = (int) Math.floor(start + c * spp);
                int to = Math.min(n, (int) Math.floor(start + (c + 1) * spp) + 1);
                double mn = Double.POSITIVE_INFINITY;
                double mx = Double.NEGATIVE_INFINITY;
                for (int i = from; i < to; i++) {
                    mn = Math.min(mn, x[i]);
                    mx = Math.max(mx, x[i]);
                }
                assertEquals(mn, mins[c], 0, "spp " + spp + " column " + c);
                assertEquals(mx, maxs[c], 0, "spp " + spp + " column " + c);
            }
        }
    }

    @Test
    void columnsPastTheEndAreEmpty() {
        MinMaxPyramid p = new MinMaxPyramid(new double[] {1, 2, 3, 4});
        double[] mins = new double[4];
        double[] maxs = new double[4];
        p.columns(2, 1, 4, mins, maxs);
        assertEquals(3, mins[0]);
        assertEquals(4, maxs[0]);
        assertEquals(4, mins[1]);
        assertTrue(Double.isNaN(mins[2]) && Double.isNaN(maxs[3]));
    }
}
