package org.ecgworkbench.engine.filter;

import java.util.Arrays;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@code scipy.signal.lfilter} and {@code lfilter_zi} on ND4J arrays: filtering along the last axis of a
 * 1-D signal or a batch [rows, samples], float32 or float64 (computed in float64, returned in the input's
 * type), rows of different lengths allowed.
 */
public final class Lfilter {

    private Lfilter() {
    }

    /** Output and final filter state of a filtering call with an initial state. */
    public record Result(INDArray y, INDArray zf) {
    }

    /** y = lfilter(b, a, x) from a zero initial state; same shape and data type as x. */
    public static INDArray lfilter(double[] b, double[] a, INDArray x) {
        return run(new TransferFunction(b, a), x, null, null, FilterPath.AUTO).y();
    }

    /** (y, zf) = lfilter(b, a, x, zi=zi); zi is [K] (every row) or [rows, K], K = max(len(a), len(b)) - 1. */
    public static Result lfilter(double[] b, double[] a, INDArray x, INDArray zi) {
        return run(new TransferFunction(b, a), x, null, zi, FilterPath.AUTO);
    }

    /** {@code scipy.signal.lfilter_zi(b, a)}: the initial state for which a unit step gives a steady output. */
    public static double[] lfilterZi(double[] b, double[] a) {
        return new TransferFunction(b, a).steadyState();
    }

    /**
     * Filters every row of x from state zi (null: zero state; else [K] or [rows, K], states as the filter
     * flattens them) over its first lengths[r] samples (null: every sample), on the given path.
     * zf is [K] for 1-D x, else [rows, K]; samples past a row's length are 0 in y.
     */
    public static Result run(LinearFilter f, INDArray x, int[] lengths, INDArray zi, FilterPath path) {
        Batch batch = Batch.of(x, lengths);
        int k = f.stateSize();
        double[][] z0 = zi == null ? null : initialStates(zi, batch.rows(), k, x.rank());
        double[][] zf = new double[batch.rows()][k];
        INDArray y;
        if (path.resolve() == FilterPath.CHUNKED) {
            y = ChunkedFilter.lfilter(f, batch, x, z0, zf).reshape(x.shape());
            y = y.dataType() == x.dataType() ? y : y.castTo(x.dataType());
        } else {
            y = SerialFilter.lfilter(f, batch, z0, zf, batch.uninitializedLike(x.shape())).toArray(x.dataType());
        }
        INDArray zfArray = zi == null ? null : statesArray(zf, x.rank(), x.dataType());
        return new Result(y, zfArray);
    }

    static double[][] initialStates(INDArray zi, int rows, int k, int xRank) {
        double[][] out = new double[rows][];
        if (zi.rank() == 1 || (zi.rank() == 2 && zi.size(0) == 1 && xRank == 1)) {
            if (zi.length() != k) {
                throw new IllegalArgumentException("Expected zi of length " + k + ", got shape "
                        + Arrays.toString(zi.shape()));
            }
            double[] one = zi.castTo(DataType.DOUBLE).dup('c').data().asDouble();
            Arrays.fill(out, one);
            return out;
        }
        if (zi.rank() != 2 || zi.size(0) != rows || zi.size(1) != k) {
            throw new IllegalArgumentException("Expected zi of shape [" + k + "] or [" + rows + ", " + k
                    + "], got " + Arrays.toString(zi.shape()));
        }
        double[][] m = zi.castTo(DataType.DOUBLE).toDoubleMatrix();
        System.arraycopy(m, 0, out, 0, rows);
        return out;
    }

    static INDArray statesArray(double[][] zf, int xRank, DataType type) {
        INDArray out = xRank == 1 ? Nd4j.createFromArray(zf[0]) : Nd4j.create(zf);
        return type == DataType.DOUBLE ? out : out.castTo(type);
    }
}
