package org.ecgworkbench.engine.filter;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@code scipy.signal.sosfilt}, {@code sosfilt_zi} and {@code sosfiltfilt} on ND4J arrays. States use
 * SciPy's shapes: zi is [n_sections, 2] for a 1-D x and [n_sections, rows, 2] for a batch.
 */
public final class Sosfilt {

    private Sosfilt() {
    }

    /** y = sosfilt(sos, x) from a zero state; sos is [n_sections][6]. */
    public static INDArray sosfilt(double[][] sos, INDArray x) {
        return Lfilter.run(new Sos(sos), x, null, null, FilterPath.AUTO).y();
    }

    /** (y, zf) = sosfilt(sos, x, zi=zi), zi and zf in SciPy's shape. */
    public static Lfilter.Result sosfilt(double[][] sos, INDArray x, INDArray zi) {
        return run(new Sos(sos), x, null, zi, FilterPath.AUTO);
    }

    /** sosfilt on the given path for rows of the given lengths (null: all samples); zi in SciPy's shape or null. */
    public static Lfilter.Result run(Sos sos, INDArray x, int[] lengths, INDArray zi, FilterPath path) {
        int n = sos.count();
        long rows = x.rank() == 1 ? 1 : x.size(0);
        INDArray flat = null;
        if (zi != null) {
            boolean single = x.rank() == 1;
            long[] expected = single ? new long[] {n, 2} : new long[] {n, rows, 2};
            if (!java.util.Arrays.equals(zi.shape(), expected)) {
                throw new IllegalArgumentException("Invalid zi shape. With x.shape = "
                        + java.util.Arrays.toString(x.shape()) + ", zi must have shape "
                        + java.util.Arrays.toString(expected) + ", got " + java.util.Arrays.toString(zi.shape()));
            }
            // [n, rows, 2] -> [rows, n·2], section-major like the filter's state vector
            flat = single ? zi.reshape(1, 2L * n)
                    : zi.permute(1, 0, 2).dup('c').reshape(rows, 2L * n);
        }
        Lfilter.Result r = Lfilter.run(sos, x, lengths, flat, path);
        if (r.zf() == null) {
            return r;
        }
        INDArray zf = x.rank() == 1 ? r.zf().reshape(n, 2)
                : r.zf().reshape(rows, n, 2).permute(1, 0, 2).dup('c');
        return new Lfilter.Result(r.y(), zf);
    }

    /** {@code scipy.signal.sosfilt_zi(sos)}: [n_sections][2] steady state of the step response. */
    public static double[][] sosfiltZi(double[][] sos) {
        double[] flat = new Sos(sos).steadyState();
        double[][] out = new double[sos.length][2];
        for (int s = 0; s < sos.length; s++) {
            out[s][0] = flat[2 * s];
            out[s][1] = flat[2 * s + 1];
        }
        return out;
    }

    /** sosfiltfilt(sos, x, padtype, padlen); padlen null means SciPy's default 3·ntaps. */
    public static INDArray sosfiltfilt(double[][] sos, INDArray x, PadType padtype, Integer padlen) {
        return Filtfilt.run(new Sos(sos), x, null, padtype, padlen, FilterPath.AUTO);
    }

    static INDArray zeros(long... shape) {
        return Nd4j.zeros(shape);
    }
}
