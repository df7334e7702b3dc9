package org.ecgworkbench.engine.train;

import java.util.ArrayList;
import java.util.List;

/**
 * A confusion matrix (rows: reference class, columns: predicted class) and the scores derived from it: accuracy,
 * per-class precision, recall and F1, and the PhysioNet/CinC 2017 score, the mean F1 of the classes N, A and O
 * (noise ~ excluded, as the challenge scored it); for other class sets, the mean F1 over all classes.
 */
public final class Confusion {

    private final List<String> classes;
    private final long[][] counts;

    /** An empty matrix over the given classes. */
    public Confusion(List<String> classes) {
        this.classes = List.copyOf(classes);
        this.counts = new long[classes.size()][classes.size()];
    }

    /** Counts one example. */
    public void add(int reference, int predicted) {
        counts[reference][predicted]++;
    }

    /** The class names. */
    public List<String> classes() {
        return classes;
    }

    /** Copy of the counts, [reference][predicted]. */
    public long[][] counts() {
        long[][] c = new long[counts.length][];
        for (int i = 0; i < c.length; i++) {
            c[i] = counts[i].clone();
        }
        return c;
    }

    /** Number of examples counted. */
    public long total() {
        long n = 0;
        for (long[] r : counts) {
            for (long v : r) {
                n += v;
            }
        }
        return n;
    }

    /** Fraction of examples predicted right. */
    public double accuracy() {
        long right = 0;
        for (int i = 0; i < counts.length; i++) {
            right += counts[i][i];
        }
        long n = total();
        return n == 0 ? Double.NaN : (double) right / n;
    }

    /** Precision of class k: right among predicted k (NaN when none predicted). */
    public double precision(int k) {
        long col = 0;
        for (long[] r : counts) {
            col += r[k];
        }
        return col == 0 ? Double.NaN : (double) counts[k][k] / col;
    }

    /** Recall of class k: right among reference k (NaN when none). */
    public double recall(int k) {
        long row = 0;
        for (long v : counts[k]) {
            row += v;
        }
        return row == 0 ? Double.NaN : (double) counts[k][k] / row;
    }

    /** F1 of class k = 2 TP / (2 TP + FP + FN), as the challenge defined it (0 when the class never occurs). */
    public double f1(int k) {
        long row = 0;
        long col = 0;
        for (int i = 0; i < counts.length; i++) {
            row += counts[k][i];
            col += counts[i][k];
        }
        return row + col == 0 ? 0 : 2.0 * counts[k][k] / (row + col);
    }

    /** The classes the score averages: N, A, O when all three exist, else all. */
    public List<String> scoredClasses() {
        if (classes.containsAll(List.of("N", "A", "O"))) {
            return List.of("N", "A", "O");
        }
        return classes;
    }

    /** CinC 2017 score: mean F1 over {@link #scoredClasses()}. */
    public double score() {
        List<String> scored = scoredClasses();
        double s = 0;
        for (String c : scored) {
            s += f1(classes.indexOf(c));
        }
        return s / scored.size();
    }

    /** Per-class rows "class precision recall f1 support" for printing. */
    public List<String> table() {
        List<String> out = new ArrayList<>();
        out.add(String.format("%-8s %9s %9s %9s %8s", "class", "precision", "recall", "F1", "support"));
        for (int k = 0; k < classes.size(); k++) {
            long row = 0;
            for (long v : counts[k]) {
                row += v;
            }
            out.add(String.format("%-8s %9.3f %9.3f %9.3f %8d", classes.get(k), precision(k), recall(k), f1(k), row));
        }
        out.add(String.format("accuracy %.4f   score (mean F1 of %s) %.4f", accuracy(), String.join(", ",
                scoredClasses()), score()));
        return out;
    }

    /** The matrix as text rows (reference down, predicted across). */
    public List<String> matrix() {
        List<String> out = new ArrayList<>();
        StringBuilder h = new StringBuilder(String.format("%-10s", "ref\\pred"));
        for (String c : classes) {
            h.append(String.format("%8s", c));
        }
        out.add(h.toString());
        for (int i = 0; i < classes.size(); i++) {
            StringBuilder r = new StringBuilder(String.format("%-10s", classes.get(i)));
            for (long v : counts[i]) {
                r.append(String.format("%8d", v));
            }
            out.add(r.toString());
        }
        return out;
    }
}
