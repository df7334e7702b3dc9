package org.ecgworkbench.views.runs;

import java.util.Arrays;
import java.util.List;

/**
 * A confusion matrix: counts[reference][predicted] over classes, as measured on the validation set after an epoch.
 *
 * @param classes class labels, the order of rows and columns
 * @param counts  counts[i][j]: items of reference class i predicted as j
 * @param epoch   the 1-based epoch it was measured after (0 when unknown)
 */
public record ConfusionData(List<String> classes, long[][] counts, int epoch) {

    /** Checks the shape and copies the counts. */
    public ConfusionData {
        classes = List.copyOf(classes);
        if (counts.length != classes.size()) {
            throw new IllegalArgumentException(counts.length + " rows for " + classes.size() + " classes");
        }
        long[][] c = new long[counts.length][];
        for (int i = 0; i < counts.length; i++) {
            if (counts[i].length != classes.size()) {
                throw new IllegalArgumentException("row " + i + " has " + counts[i].length + " columns for "
                        + classes.size() + " classes");
            }
            c[i] = counts[i].clone();
        }
        counts = c;
    }

    /** Items of reference class row. */
    public long rowTotal(int row) {
        return Arrays.stream(counts[row]).sum();
    }

    /** The largest count of the matrix (0 when empty). */
    public long maxCount() {
        return Arrays.stream(counts).flatMapToLong(Arrays::stream).max().orElse(0);
    }

    /** Each row divided by its total (recall on the diagonal); a row without items stays all 0. */
    public double[][] rowNormalised() {
        double[][] out = new double[counts.length][counts.length];
        for (int i = 0; i < counts.length; i++) {
            long total = rowTotal(i);
            for (int j = 0; j < counts.length && total > 0; j++) {
                out[i][j] = counts[i][j] / (double) total;
            }
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ConfusionData d && d.epoch == epoch && d.classes.equals(classes)
                && Arrays.deepEquals(d.counts, counts);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * classes.hashCode() + Arrays.deepHashCode(counts)) + epoch;
    }

    @Override
    public String toString() {
        return "ConfusionData" + classes + " epoch " + epoch + " " + Arrays.deepToString(counts);
    }
}
