package org.ecgworkbench.engine.filter;

import java.nio.DoubleBuffer;
import java.util.Locale;

/** How filtfilt extends a signal at both ends before filtering, as SciPy's {@code padtype}. */
public enum PadType {
    /** 2·x[0] − x[k] on the left, 2·x[-1] − x[-1-k] on the right (point symmetry; SciPy's default). */
    ODD,
    /** x[k] on the left, x[-1-k] on the right (mirror). */
    EVEN,
    /** x[0] on the left, x[-1] on the right. */
    CONSTANT,
    /** No extension (SciPy's padtype=None). */
    NONE;

    /** Parses odd, even, constant, none (case-insensitive). */
    public static PadType parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Unknown value '" + text
                    + "' given to padtype. padtype must be 'even', 'odd', 'constant', or 'none'.", e);
        }
    }

    /** Source index and weights of extended sample t (0-based in the extended signal) for a row of n samples. */
    int source(int t, int edge, int n) {
        int i = t - edge;
        if (i >= 0 && i < n) {
            return i;
        }
        return switch (this) {
            case ODD, EVEN -> i < 0 ? -i : 2 * (n - 1) - i;
            case CONSTANT -> i < 0 ? 0 : n - 1;
            case NONE -> throw new IllegalStateException("no padding with padtype none");
        };
    }

    /** Extended sample t of x[off .. off+n): the value SciPy's odd_ext/even_ext/const_ext put there. */
    double extended(DoubleBuffer x, int off, int n, int t, int edge) {
        int i = t - edge;
        if (i >= 0 && i < n) {
            return x.get(off + i);
        }
        double v = x.get(off + source(t, edge, n));
        if (this == ODD) {
            double end = i < 0 ? x.get(off) : x.get(off + n - 1);
            return 2 * end - v;
        }
        return v;
    }
}
