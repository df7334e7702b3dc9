package org.ecgworkbench.engine.dataset;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * The stratified train/test split of a dataset: within every class, the records (in dataset order) are shuffled
 * with a {@link Random} seeded once with the seed, classes taken in index order, and the first
 * round(count x testFraction) of the shuffled class go to the test set. The same labels, seed and fraction always
 * give the same split, and every class's test share is within half a record of the fraction.
 */
public final class Split {

    /** Split value of a training record. */
    public static final byte TRAIN = 0;
    /** Split value of a test record. */
    public static final byte TEST = 1;

    private Split() {
    }

    /** One split value ({@link #TRAIN} or {@link #TEST}) per label; labels are class indices in [0, classCount). */
    public static byte[] stratified(int[] labels, int classCount, long seed, double testFraction) {
        if (!(testFraction >= 0 && testFraction <= 1)) {
            throw new IllegalArgumentException("test fraction must be in [0, 1], got " + testFraction);
        }
        List<List<Integer>> byClass = new ArrayList<>();
        for (int c = 0; c < classCount; c++) {
            byClass.add(new ArrayList<>());
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= classCount) {
                throw new IllegalArgumentException("label " + labels[i] + " of item " + i + " is not in [0, "
                        + classCount + ")");
            }
            byClass.get(labels[i]).add(i);
        }
        byte[] split = new byte[labels.length];
        Random random = new Random(seed);
        for (List<Integer> members : byClass) {
            Collections.shuffle(members, random);
            long test = Math.round(members.size() * testFraction);
            for (int k = 0; k < test; k++) {
                split[members.get(k)] = TEST;
            }
        }
        return split;
    }
}
