package org.ecgworkbench.views.viewer;

/**
 * Minimum and maximum of a signal over any sample range in O(log n), from a pyramid of block minima and maxima
 * (level k holds blocks of 2^k samples). Drawing a window of w pixel columns is then O(w log n) whatever the number of
 * samples it spans, which keeps a 650,000-sample lead as quick to pan as a ten-second strip.
 *
 * <p>Written here rather than taken from a library: ChartFX's reducers decimate a whole data set per frame (O(samples));
 * the pyramid is precomputed once per track and answers every column exactly, not approximately.
 */
public final class MinMaxPyramid {

    /** Column spans of at most this many samples are scanned directly rather than through the pyramid. */
    private static final int LINEAR = 48;

    private final double[] data;
    /** mins[k - 1] and maxs[k - 1] hold level k (blocks of 2^k samples); level 0 is the data itself. */
    private final double[][] mins;
    private final double[][] maxs;

    /** Builds the pyramid over data (kept by reference, not copied; the caller must not change it). */
    public MinMaxPyramid(double[] data) {
        this.data = data;
        int levels = 0;
        for (int len = data.length; len > 1; len = (len + 1) / 2) {
            levels++;
        }
        mins = new double[levels][];
        maxs = new double[levels][];
        double[] loBelow = data;
        double[] hiBelow = data;
        for (int k = 0; k < levels; k++) {
            int len = (loBelow.length + 1) / 2;
            double[] lo = new double[len];
            double[] hi = new double[len];
            for (int i = 0; i < len; i++) {
                int a = 2 * i;
                int b = Math.min(a + 1, loBelow.length - 1);
                lo[i] = Math.min(loBelow[a], loBelow[b]);
                hi[i] = Math.max(hiBelow[a], hiBelow[b]);
            }
            mins[k] = lo;
            maxs[k] = hi;
            loBelow = lo;
            hiBelow = hi;
        }
    }

    /** Number of samples. */
    public int length() {
        return data.length;
    }

    /** The samples (shared, not copied). */
    public double[] data() {
        return data;
    }

    /**
     * Minimum and maximum of samples [from, to) into out[0] and out[1]; NaN, NaN when the range is empty after clipping
     * to [0, length). NaN samples are ignored only in so far as Math.min/max propagate them (data should be finite).
     */
    public void range(int from, int to, double[] out) {
        int lo = Math.max(0, from);
        int hi = Math.min(data.length, to);
        if (lo >= hi) {
            out[0] = Double.NaN;
            out[1] = Double.NaN;
            return;
        }
        double mn = Double.POSITIVE_INFINITY;
        double mx = Double.NEGATIVE_INFINITY;
        double[] levelMin = data;
        double[] levelMax = data;
        int k = 0;
        // bottom-up segment-tree walk: take odd ends at this level, then halve; every block taken lies inside [lo, hi)
        while (lo < hi) {
            if ((lo & 1) == 1) {
                mn = Math.min(mn, levelMin[lo]);
                mx = Math.max(mx, levelMax[lo]);
                lo++;
            }
            if ((hi & 1) == 1) {
                hi--;
                mn = Math.min(mn, levelMin[hi]);
                mx = Math.max(mx, levelMax[hi]);
            }
            lo >>= 1;
            hi >>= 1;
            if (lo >= hi) {
                break;
            }
            levelMin = mins[k];
            levelMax = maxs[k];
            k++;
        }
        out[0] = mn;
        out[1] = mx;
    }

    /**
     * Per-pixel-column minima and maxima of a window: column c covers samples [floor(start + c·spp),
     * floor(start + (c + 1)·spp) + 1), one sample more than its share, so that neighbouring columns overlap by a
     * sample and their bars join into a continuous trace. Columns outside the signal get NaN.
     *
     * @param start   sample position of the window's left edge (fractional samples allowed)
     * @param spp     samples per pixel column (at least 1 for this to be a decimation)
     * @param columns number of pixel columns
     * @param mins    receives the column minima (length at least columns)
     * @param maxs    receives the column maxima (length at least columns)
     */
    public void columns(double start, double spp, int columns, double[] mins, double[] maxs) {
        double[] out = new double[2];
        for (int c = 0; c < columns; c++) {
            int from = (int) Math.floor(start + c * spp);
            int to = (int) Math.floor(start + (c + 1) * spp) + 1;
            if (to - from <= LINEAR && from >= 0 && to <= data.length) {
                // a short run read in order beats the tree walk's scattered reads across levels
                double mn = data[from];
                double mx = mn;
                for (int i = from + 1; i < to; i++) {
                    double v = data[i];
                    mn = Math.min(mn, v);
                    mx = Math.max(mx, v);
                }
                mins[c] = mn;
                maxs[c] = mx;
                continue;
            }
            range(from, to, out);
            mins[c] = out[0];
            maxs[c] = out[1];
        }
    }
}
