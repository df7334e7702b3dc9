package org.ecgworkbench.engine.filter;

import java.math.BigDecimal;

import org.apache.commons.math3.exception.MathArithmeticException;
import org.apache.commons.math3.exception.MathIllegalStateException;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.SingularValueDecomposition;

/**
 * Discrete state-space form of a filter: z[n+1] = A z[n] + B x[n], y[n] = C z[n] + D x[n].
 * The state is lfilter's direct-form-II-transposed delay line (for a cascade: section by section),
 * so a SciPy {@code zi} is a valid initial state as it is.
 */
public final class StateSpace {
    private final double[][] a;
    private final double[] b;
    private final double[] c;
    private final double d;

    private StateSpace(double[][] a, double[] b, double[] c, double d) {
        this.a = a;
        this.b = b;
        this.c = c;
        this.d = d;
    }

    /** State-space form of lfilter's recursion for normalised, equal-length b and a (a[0] = 1). */
    static StateSpace ofDirectFormII(double[] bn, double[] an) {
        int k = bn.length - 1;
        double[][] a = new double[k][k];
        double[] b = new double[k];
        double[] c = new double[k];
        for (int i = 0; i < k; i++) {
            a[i][0] = -an[i + 1];
            if (i + 1 < k) {
                a[i][i + 1] = 1.0;
            }
            b[i] = bn[i + 1] - an[i + 1] * bn[0];
        }
        if (k > 0) {
            c[0] = 1.0;
        }
        return new StateSpace(a, b, c, bn[0]);
    }

    /** This filter followed by {@code next}: the state is this filter's state, then next's. */
    StateSpace then(StateSpace next) {
        int k1 = size();
        int k2 = next.size();
        int k = k1 + k2;
        double[][] a2 = new double[k][k];
        double[] b2 = new double[k];
        double[] c2 = new double[k];
        for (int i = 0; i < k1; i++) {
            System.arraycopy(a[i], 0, a2[i], 0, k1);
            b2[i] = b[i];
            c2[i] = next.d * c[i];
        }
        for (int i = 0; i < k2; i++) {
            for (int j = 0; j < k1; j++) {
                a2[k1 + i][j] = next.b[i] * c[j];
            }
            System.arraycopy(next.a[i], 0, a2[k1 + i], k1, k2);
            b2[k1 + i] = next.b[i] * d;
            c2[k1 + i] = next.c[i];
        }
        return new StateSpace(a2, b2, c2, next.d * d);
    }

    /**
     * The same filter in real modal coordinates w = T⁻¹ z, where A is block diagonal (1×1 and 2×2
     * blocks) and its powers do not grow; or this realization (T = I) when the eigenvector basis is
     * too ill-conditioned to transform through. The chunked path needs this: in lfilter's own
     * coordinates, A^t of a narrow-band filter reaches 10⁴–10⁵ and a chunked solve loses digits to it.
     */
    Realization wellConditioned() {
        int k = size();
        if (k == 0) {
            return new Realization(this, identity(0), identity(0));
        }
        try {
            EigenDecomposition eig = new EigenDecomposition(new Array2DRowRealMatrix(a, false));
            RealMatrix t = eig.getV();
            equilibrate(t, eig.getD());
            double cond = new SingularValueDecomposition(t).getConditionNumber();
            if (!(cond < MAX_TRANSFORM_CONDITION)) {
                return new Realization(this, identity(k), identity(k));
            }
            // The transform is carried out in 40-digit decimal arithmetic: done in doubles it would cost
            // cond(T)·ε of accuracy, the largest error term of the chunked path for narrow-band filters.
            double[][] tm = t.getData();
            BigDecimal[][] tb = Exact.of(tm);
            BigDecimal[][] tInv = Exact.inverse(tb);
            double[][] am = Exact.round(Exact.multiply(Exact.multiply(tInv, Exact.of(a)), tb));
            double[] bm = Exact.apply(tInv, b);
            double[] cm = Exact.round(Exact.multiply(Exact.row(c), tb))[0];
            return new Realization(new StateSpace(am, bm, cm, d), Exact.round(tInv), tm);
        } catch (MathIllegalStateException | MathArithmeticException e) {
            // no convergence or a singular basis: the original coordinates are still exact, only less accurate
            return new Realization(this, identity(k), identity(k));
        }
    }

    /**
     * Scales each eigenvector (each re/im column pair of a complex pair, by one factor so that the
     * rotation blocks stay as they are) to unit norm: the eigen solver leaves them unscaled, and the
     * condition number of the basis, which bounds the digits lost in the transform, depends on it.
     */
    private static void equilibrate(RealMatrix t, RealMatrix d) {
        int k = t.getColumnDimension();
        for (int j = 0; j < k; j++) {
            int width = j + 1 < k && d.getEntry(j, j + 1) != 0.0 ? 2 : 1;
            double norm = 0;
            for (int w = 0; w < width; w++) {
                for (int i = 0; i < k; i++) {
                    norm += t.getEntry(i, j + w) * t.getEntry(i, j + w);
                }
            }
            double scale = 1 / Math.sqrt(norm);
            for (int w = 0; w < width; w++) {
                for (int i = 0; i < k; i++) {
                    t.multiplyEntry(i, j + w, scale);
                }
            }
            j += width - 1;
        }
    }

    /** A realization of a filter and the maps between its state and lfilter's: w = toInternal z, z = toExternal w. */
    record Realization(StateSpace system, double[][] toInternal, double[][] toExternal) {

        /** w = T⁻¹ z for one state vector, computed from T in 40 digits (T⁻¹ in doubles would cost cond(T)·ε). */
        double[] internalState(double[] z) {
            return z.length == 0 ? z : Exact.apply(Exact.inverse(Exact.of(toExternal)), z);
        }
    }

    private static final double MAX_TRANSFORM_CONDITION = 1e8;

    /** Number of state values. */
    public int size() {
        return b.length;
    }

    /** Direct feed-through D (the impulse response at lag 0). */
    double feedThrough() {
        return d;
    }

    /** A^n by repeated products (exact to rounding, n small). */
    double[][] power(int n) {
        double[][] p = identity(size());
        for (int i = 0; i < n; i++) {
            p = multiply(a, p);
        }
        return p;
    }

    /** Impulse response h[0..n-1]: h[0] = D, h[t] = C A^(t-1) B. */
    double[] impulseResponse(int n) {
        double[] h = new double[n];
        h[0] = d;
        double[] v = b.clone();
        for (int t = 1; t < n; t++) {
            h[t] = dot(c, v);
            v = multiply(a, v);
        }
        return h;
    }

    /** Row t of the result is C A^t (the output's response to the initial state), for t in [0, n). */
    double[][] stateToOutput(int n) {
        int k = size();
        double[][] out = new double[n][k];
        double[] row = c.clone();
        for (int t = 0; t < n; t++) {
            out[t] = row.clone();
            // C A^(t+1) = (C A^t) A
            double[] next = new double[k];
            for (int j = 0; j < k; j++) {
                double s = 0;
                for (int i = 0; i < k; i++) {
                    s += row[i] * a[i][j];
                }
                next[j] = s;
            }
            row = next;
        }
        return out;
    }

    /** Row j of the result is A^(n-1-j) B: how input j of an n-sample chunk reaches the state after it. */
    double[][] inputToState(int n) {
        int k = size();
        double[][] out = new double[n][k];
        double[] v = b.clone();
        for (int j = n - 1; j >= 0; j--) {
            out[j] = v.clone();
            v = multiply(a, v);
        }
        return out;
    }

    static double[][] identity(int k) {
        double[][] m = new double[k][k];
        for (int i = 0; i < k; i++) {
            m[i][i] = 1.0;
        }
        return m;
    }

    static double[][] multiply(double[][] x, double[][] y) {
        int n = x.length;
        int m = y.length == 0 ? 0 : y[0].length;
        double[][] out = new double[n][m];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < y.length; k++) {
                double v = x[i][k];
                if (v != 0.0) {
                    for (int j = 0; j < m; j++) {
                        out[i][j] += v * y[k][j];
                    }
                }
            }
        }
        return out;
    }

    private static double[] multiply(double[][] x, double[] v) {
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = dot(x[i], v);
        }
        return out;
    }

    private static double dot(double[] x, double[] y) {
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            s += x[i] * y[i];
        }
        return s;
    }
}
