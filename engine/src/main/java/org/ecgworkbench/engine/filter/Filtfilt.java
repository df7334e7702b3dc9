package org.ecgworkbench.engine.filter;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * {@code scipy.signal.filtfilt} (method "pad") on ND4J arrays: zero-phase filtering by a forward and a
 * backward pass, each started from lfilter_zi scaled by the pass's first sample, over a signal extended
 * by {@code padlen} samples at both ends. 1-D or [rows, samples], float32 or float64, ragged rows allowed.
 */
public final class Filtfilt {

    private Filtfilt() {
    }

    /** filtfilt(b, a, x) with SciPy's defaults: odd padding of 3·max(len(a), len(b)) samples. */
    public static INDArray filtfilt(double[] b, double[] a, INDArray x) {
        return run(new TransferFunction(b, a), x, null, PadType.ODD, null, FilterPath.AUTO);
    }

    /** filtfilt(b, a, x, padtype, padlen); padlen null means 3·max(len(a), len(b)). */
    public static INDArray filtfilt(double[] b, double[] a, INDArray x, PadType padtype, Integer padlen) {
        return run(new TransferFunction(b, a), x, null, padtype, padlen, FilterPath.AUTO);
    }

    /**
     * Zero-phase filtering of every row of x over its first lengths[r] samples (null: all), on the given
     * path. Throws IllegalArgumentException, as SciPy raises ValueError, when a row is not longer than padlen.
     */
    public static INDArray run(LinearFilter f, INDArray x, int[] lengths, PadType padtype, Integer padlen,
                               FilterPath path) {
        return run(f, x, lengths, padtype, padlen, path, null);
    }

    /**
     * As {@link #run(LinearFilter, INDArray, int[], PadType, Integer, FilterPath)}, but writes into out
     * (float64, C order, x's shape; may be x itself) and returns it: a pipeline that filters batch after
     * batch reuses one output array instead of paying for fresh memory every call. out null: a new array.
     */
    public static INDArray run(LinearFilter f, INDArray x, int[] lengths, PadType padtype, Integer padlen,
                               FilterPath path, INDArray out) {
        Batch batch = Batch.of(x, lengths);
        int edge = edge(f, padtype, padlen);
        for (int r = 0; r < batch.rows(); r++) {
            if (batch.lengths()[r] <= edge) {
                throw new IllegalArgumentException("The length of the input vector x must be greater than padlen, "
                        + "which is " + edge + "." + (batch.rows() > 1
                        ? " Row " + r + " has " + batch.lengths()[r] + " samples." : ""));
            }
        }
        Batch target = out == null ? null : batch.over(out, x.shape());
        if (path.resolve() == FilterPath.CHUNKED) {
            INDArray y = ChunkedFilter.filtfilt(f, batch, x, padtype, edge).reshape(x.shape());
            if (out != null) {
                return out.assign(y);
            }
            return y.dataType() == x.dataType() ? y : y.castTo(x.dataType());
        }
        if (target != null) {
            SerialFilter.filtfilt(f, batch, padtype, edge, target);
            return out;
        }
        return SerialFilter.filtfilt(f, batch, padtype, edge, batch.uninitializedLike(x.shape())).toArray(x.dataType());
    }

    /** Samples of padding at each end: 0 for padtype none, padlen when given, else 3·ntaps. */
    static int edge(LinearFilter f, PadType padtype, Integer padlen) {
        if (padtype == PadType.NONE) {
            return 0;
        }
        if (padlen == null) {
            return 3 * f.ntaps();
        }
        if (padlen < 0) {
            throw new IllegalArgumentException("padlen must be >= 0, got " + padlen);
        }
        return padlen;
    }
}
