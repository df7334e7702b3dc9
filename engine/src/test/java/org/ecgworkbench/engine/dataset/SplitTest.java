package org.ecgworkbench.engine.dataset;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * Stratified split: deterministic per seed, every class within one record of the test fraction. Split by source:
 * no source on both sides, deterministic per seed, every class's test share near the fraction.
 */
class SplitTest {

    /** 1000 labels over 4 unbalanced classes (about 59 %, 9 %, 28 %, 4 %, like CinC 2017). */
    static int[] labels() {
        Random r = new Random(1);
        int[] labels = new int[1000];
        for (int i = 0; i < labels.length; i++) {
            double u = r.nextDouble();
            labels[i] = u < 0.59 ? 0 : u < 0.68 ? 1 : u < 0.96 ? 2 : 3;
        }
        return labels;
    }

    @Test
    void sameSeedSameSplit() {
        int[] labels = labels();
        assertArrayEquals(Split.stratified(labels, 4, 42, 0.2), Split.stratified(labels, 4, 42, 0.2));
        assertFalse(Arrays.equals(Split.stratified(labels, 4, 42, 0.2), Split.stratified(labels, 4, 43, 0.2)));
    }

    @Test
    void everyClassWithinOneRecordOfTheFraction() {
        int[] labels = labels();
        for (double fraction : new double[] {0.2, 0.1, 0.33}) {
            byte[] split = Split.stratified(labels, 4, 5, fraction);
            for (int c = 0; c < 4; c++) {
                int n = 0;
                int test = 0;
                for (int i = 0; i < labels.length; i++) {
                    if (labels[i] == c) {
                        n++;
                        test += split[i];
                    }
                }
                assertTrue(n > 0);
                assertTrue(Math.abs(test - fraction * n) <= 1, "class " + c + ": " + test + " of " + n);
            }
        }
    }

    @Test
    void badArgumentsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> Split.stratified(new int[] {0, 3}, 2, 1, 0.2));
        assertThrows(IllegalArgumentException.class, () -> Split.stratified(new int[] {0}, 1, 1, 1.5));
    }

    /** 60 sources of 20 to 200 windows each, mixing 4 classes in proportions that vary from source to source. */
    static int[][] windows() {
        Random r = new Random(2);
        int[] sizes = new int[60];
        int n = 0;
        for (int s = 0; s < sizes.length; s++) {
            sizes[s] = 20 + r.nextInt(181);
            n += sizes[s];
        }
        int[] labels = new int[n];
        int[] sources = new int[n];
        int i = 0;
        for (int s = 0; s < sizes.length; s++) {
            // a dominant class per source, and some windows of the others
            int main = r.nextDouble() < 0.6 ? 0 : 1 + r.nextInt(3);
            for (int k = 0; k < sizes[s]; k++, i++) {
                labels[i] = r.nextDouble() < 0.7 ? main : r.nextInt(4);
                sources[i] = 1000 + 7 * s;
            }
        }
        return new int[][] {labels, sources};
    }

    static void assertNoSourceOnBothSides(int[] sources, byte[] split) {
        Map<Integer, Byte> side = new HashMap<>();
        for (int i = 0; i < sources.length; i++) {
            Byte old = side.putIfAbsent(sources[i], split[i]);
            assertTrue(old == null || old == split[i], "source " + sources[i] + " on both sides");
        }
    }

    @Test
    void bySourceKeepsEverySourceOnOneSideWithEveryClassNearTheFraction() {
        int[][] w = windows();
        for (double fraction : new double[] {0.2, 0.1, 0.33}) {
            byte[] split = Split.bySource(w[0], 4, w[1], 5, fraction);
            assertNoSourceOnBothSides(w[1], split);
            for (int c = 0; c < 4; c++) {
                int n = 0;
                int test = 0;
                for (int i = 0; i < split.length; i++) {
                    if (w[0][i] == c) {
                        n++;
                        test += split[i];
                    }
                }
                assertTrue(Math.abs((double) test / n - fraction) < 0.02,
                        "fraction " + fraction + ", class " + c + ": " + test + " of " + n);
            }
        }
    }

    @Test
    void bySourceIsDeterministicPerSeed() {
        int[][] w = windows();
        assertArrayEquals(Split.bySource(w[0], 4, w[1], 42, 0.2), Split.bySource(w[0], 4, w[1], 42, 0.2));
        assertFalse(Arrays.equals(Split.bySource(w[0], 4, w[1], 42, 0.2), Split.bySource(w[0], 4, w[1], 43, 0.2)));
    }

    @Test
    void bySourceEdgeFractions() {
        int[][] w = windows();
        byte[] none = Split.bySource(w[0], 4, w[1], 1, 0);
        byte[] all = Split.bySource(w[0], 4, w[1], 1, 1);
        for (int i = 0; i < none.length; i++) {
            assertEquals(Split.TRAIN, none[i]);
            assertEquals(Split.TEST, all[i]);
        }
    }

    @Test
    void bySourceLeavesNeitherSideEmpty() {
        // two sources, each the only holder of its class: any move costs, yet the test side gets one
        int[] labels = {0, 0, 0, 1, 1};
        int[] sources = {4, 4, 4, 9, 9};
        for (long seed = 0; seed < 5; seed++) {
            byte[] split = Split.bySource(labels, 2, sources, seed, 0.2);
            assertNoSourceOnBothSides(sources, split);
            assertTrue(split[0] != split[3], Arrays.toString(split));
        }
        assertArrayEquals(new byte[] {0, 0}, Split.bySource(new int[] {1, 0}, 2, new int[] {3, 3}, 1, 0.5));
    }

    @Test
    void bySourceRefusesBadArguments() {
        assertThrows(IllegalArgumentException.class,
                () -> Split.bySource(new int[] {0, 3}, 2, new int[] {0, 1}, 1, 0.2));
        assertThrows(IllegalArgumentException.class, () -> Split.bySource(new int[] {0}, 1, new int[] {0, 1}, 1, 0.2));
        assertThrows(IllegalArgumentException.class, () -> Split.bySource(new int[] {0}, 1, new int[] {-1}, 1, 0.2));
        assertThrows(IllegalArgumentException.class, () -> Split.bySource(new int[] {0}, 1, new int[] {0}, 1, -0.1));
    }
}
