package org.ecgworkbench.engine.dataset;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * The train/test split of a dataset, seeded and deterministic: the same labels, sources, seed and fraction always
 * give the same split.
 *
 * <p>{@link #stratified}: for datasets whose items are whole records. Within every class, the records (in dataset
 * order) are shuffled with a {@link Random} seeded once with the seed, classes taken in index order, and the first
 * round(count x testFraction) of the shuffled class go to the test set; every class's test share is within half a
 * record of the fraction.
 *
 * <p>{@link #bySource}: for datasets of many items per source record (rhythm windows). Whole sources go to one
 * side, so no source record feeds both training and test; the sources are chosen so that every class's test share
 * comes close to the fraction (see that method).
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

    /** Flips whose cost change is within this of zero are not improvements (guards against rounding noise). */
    private static final double EPSILON = 1e-12;

    /**
     * One split value per item with all items of a source on the same side (group-aware stratification). Items are
     * labelled with class indices in [0, classCount) and belong to sources given as indices (any int >= 0).
     *
     * <p>With t_c the test items of class c, n_c its items and f the fraction, the split minimises (greedily) the
     * cost sum over classes of (t_c / n_c - f)^2, every class counting alike whatever its size:
     * <ol>
     *   <li>the distinct sources, ascending, are shuffled with one {@code java.util.Random(seed)};</li>
     *   <li>all start in train; in that order, each source moves to test when that lowers the cost;</li>
     *   <li>then, in the same order, pass after pass, any single source changes side when that lowers the cost,
     *       until a pass changes nothing;</li>
     *   <li>when 0 &lt; f &lt; 1 and there are at least two sources, neither side is left empty: no move may empty a
     *       side, and if test is still empty, the source whose move costs least (first in the order on ties) goes
     *       to test.</li>
     * </ol>
     * A class found in one source only ends up wholly on one side, usually train (moving it costs (1 - f)^2 - f^2).
     */
    public static byte[] bySource(int[] labels, int classCount, int[] sources, long seed, double testFraction) {
        if (!(testFraction >= 0 && testFraction <= 1)) {
            throw new IllegalArgumentException("test fraction must be in [0, 1], got " + testFraction);
        }
        if (sources.length != labels.length) {
            throw new IllegalArgumentException(labels.length + " labels but " + sources.length + " sources");
        }
        TreeMap<Integer, long[]> perSource = new TreeMap<>();
        long[] total = new long[classCount];
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= classCount) {
                throw new IllegalArgumentException("label " + labels[i] + " of item " + i + " is not in [0, "
                        + classCount + ")");
            }
            if (sources[i] < 0) {
                throw new IllegalArgumentException("source " + sources[i] + " of item " + i + " is negative");
            }
            perSource.computeIfAbsent(sources[i], s -> new long[classCount])[labels[i]]++;
            total[labels[i]]++;
        }
        List<Integer> order = new ArrayList<>(perSource.keySet());
        Collections.shuffle(order, new Random(seed));
        SourceAssignment a = new SourceAssignment(order.stream().map(perSource::get).toList(), total, testFraction);
        for (int k = 0; k < order.size(); k++) {
            a.moveIfBetter(k);
        }
        boolean changed = true;
        while (changed) {
            changed = false;
            for (int k = 0; k < order.size(); k++) {
                changed |= a.moveIfBetter(k);
            }
        }
        a.fillEmptyTest();
        Map<Integer, Boolean> test = new HashMap<>();
        for (int k = 0; k < order.size(); k++) {
            test.put(order.get(k), a.inTest[k]);
        }
        byte[] split = new byte[labels.length];
        for (int i = 0; i < labels.length; i++) {
            split[i] = test.get(sources[i]) ? TEST : TRAIN;
        }
        return split;
    }

    /** Sources (their class counts, in the shuffled order) on the two sides, and the cost of the assignment. */
    private static final class SourceAssignment {
        private final List<long[]> counts;
        private final long[] total;
        private final double fraction;
        private final long[] test;
        private final boolean[] inTest;
        private final boolean keepBothSides;
        private int testSources;

        SourceAssignment(List<long[]> counts, long[] total, double fraction) {
            this.counts = counts;
            this.total = total;
            this.fraction = fraction;
            this.test = new long[total.length];
            this.inTest = new boolean[counts.size()];
            this.keepBothSides = fraction > 0 && fraction < 1 && counts.size() >= 2;
        }

        /** Change of the cost if source k changed side. */
        double delta(int k) {
            long[] c = counts.get(k);
            int sign = inTest[k] ? -1 : 1;
            double d = 0;
            for (int cls = 0; cls < c.length; cls++) {
                if (c[cls] == 0) {
                    continue;
                }
                double before = (double) test[cls] / total[cls] - fraction;
                double after = (double) (test[cls] + sign * c[cls]) / total[cls] - fraction;
                d += after * after - before * before;
            }
            return d;
        }

        /** Whether moving source k would leave its side empty while both sides must be kept. */
        private boolean emptiesASide(int k) {
            int sideSize = inTest[k] ? testSources : counts.size() - testSources;
            return keepBothSides && sideSize == 1;
        }

        boolean moveIfBetter(int k) {
            if (emptiesASide(k) || !(delta(k) < -EPSILON)) {
                return false;
            }
            move(k);
            return true;
        }

        void move(int k) {
            long[] c = counts.get(k);
            int sign = inTest[k] ? -1 : 1;
            for (int cls = 0; cls < c.length; cls++) {
                test[cls] += sign * c[cls];
            }
            inTest[k] = !inTest[k];
            testSources += sign;
        }

        /** Moves the cheapest source to test when both sides must be kept and test is empty. */
        void fillEmptyTest() {
            if (!keepBothSides || testSources > 0) {
                return;
            }
            int best = 0;
            for (int k = 1; k < counts.size(); k++) {
                if (delta(k) < delta(best) - EPSILON) {
                    best = k;
                }
            }
            move(best);
        }
    }
}
