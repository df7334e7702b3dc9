package org.ecgworkbench.engine.dataset;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** Stratified split: deterministic per seed, every class within one record of the test fraction. */
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
}
