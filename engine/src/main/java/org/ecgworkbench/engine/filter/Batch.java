package org.ecgworkbench.engine.filter;

import java.nio.DoubleBuffer;
import java.util.Arrays;

import org.ecgworkbench.engine.backend.HugePages;
import org.ecgworkbench.engine.backend.RecycledMemory;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Rows of samples in one row-major float64 array: row r holds {@code lengths[r]} samples from {@code r * stride};
 * the rest of the row is zero. This is how a batch of recordings of different lengths travels. The samples
 * are read and written in place in the ND4J buffer ({@code data} is a view of {@code array}'s memory), so
 * the CPU path copies nothing it does not have to.
 */
record Batch(INDArray array, DoubleBuffer data, int rows, int stride, int[] lengths) {

    /** Reads a 1-D or 2-D array (float32 or float64) as a batch, every row full length unless lengths are given. */
    static Batch of(INDArray x, int[] lengths) {
        if (x == null) {
            throw new IllegalArgumentException("input array is null");
        }
        if (x.rank() != 1 && x.rank() != 2) {
            throw new IllegalArgumentException("input must be 1-D or 2-D [rows, samples], got shape "
                    + Arrays.toString(x.shape()));
        }
        if (!x.dataType().isFPType()) {
            throw new IllegalArgumentException("input must be float32 or float64, got " + x.dataType());
        }
        long rows = x.rank() == 1 ? 1 : x.size(0);
        long stride = x.size(x.rank() - 1);
        if (rows * stride > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("input too large for one call: " + rows + " x " + stride);
        }
        int[] len = lengths;
        if (len == null) {
            len = new int[(int) rows];
            Arrays.fill(len, (int) stride);
        } else if (len.length != rows) {
            throw new IllegalArgumentException("lengths has " + len.length + " entries for " + rows + " rows");
        } else {
            for (int r = 0; r < len.length; r++) {
                if (len[r] < 0 || len[r] > stride) {
                    throw new IllegalArgumentException("lengths[" + r + "] = " + len[r] + " is outside [0, "
                            + stride + "]");
                }
            }
            len = len.clone();
        }
        INDArray c = x.dataType() == DataType.DOUBLE && x.ordering() == 'c' && !x.isView() && x.offset() == 0
                ? x : x.castTo(DataType.DOUBLE).dup('c');
        return new Batch(c, view(c), (int) rows, (int) stride, len);
    }

    /**
     * This batch's rows and lengths over a caller's array (float64, C order, contiguous, the input's shape)
     * that a filter writes into; it may be the input itself, since every block reads its rows before it
     * writes them.
     */
    Batch over(INDArray out, long[] shape) {
        if (out.dataType() != DataType.DOUBLE || out.ordering() != 'c' || out.isView() || out.offset() != 0
                || !Arrays.equals(out.shape(), shape)) {
            throw new IllegalArgumentException("out must be a contiguous float64 C-order array of shape "
                    + Arrays.toString(shape) + ", got " + out.dataType() + " " + Arrays.toString(out.shape())
                    + (out.isView() ? " (a view)" : ""));
        }
        return new Batch(out, view(out), rows, stride, lengths);
    }

    /**
     * A batch with the same rows and lengths, over a new array of the given shape (the input's), whose samples
     * are not yet written: the writer must fill every sample of every row, padding included (ND4J's zeros costs
     * as much as a filter pass at these sizes).
     */
    Batch uninitializedLike(long[] shape) {
        long n = (long) rows * stride;
        // Large outputs come from RecycledMemory: warm memory of a closed earlier result, or fresh memory with
        // huge pages asked for before its first write (ND4J's own allocation writes every page, 4 KB at a time).
        INDArray out = n * Double.BYTES >= HugePages.MIN_BYTES && FilterPath.AUTO.resolve() == FilterPath.SERIAL
                ? RecycledMemory.float64(shape) : Nd4j.createUninitialized(DataType.DOUBLE, shape);
        return new Batch(out, view(out), rows, stride, lengths);
    }

    /** This batch's array in the given data type; a float64 original is released once cast. */
    INDArray toArray(DataType type) {
        if (type == DataType.DOUBLE) {
            return array;
        }
        INDArray cast = array.castTo(type);
        if (array.closeable()) {
            // Nothing else holds this float64 result: closing it hands its memory back for the next call.
            array.close();
        }
        return cast;
    }

    private static DoubleBuffer view(INDArray a) {
        DoubleBuffer b = a.data().asNioDouble();
        return b.limit((int) a.length());
    }
}
