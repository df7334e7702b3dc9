package org.ecgworkbench.engine.filter;

import java.math.BigDecimal;
import java.math.MathContext;

/**
 * Small-matrix arithmetic in 40 significant decimal digits, for changing a filter's state coordinates
 * without losing the digits that an ill-conditioned basis would cost in doubles. Matrices here are at
 * most a few dozen rows; no library is worth the dependency for Gauss-Jordan on BigDecimal.
 */
final class Exact {

    private static final MathContext MC = new MathContext(40);

    private Exact() {
    }

    static BigDecimal[][] of(double[][] m) {
        BigDecimal[][] out = new BigDecimal[m.length][];
        for (int i = 0; i < m.length; i++) {
            out[i] = new BigDecimal[m[i].length];
            for (int j = 0; j < m[i].length; j++) {
                out[i][j] = new BigDecimal(m[i][j]);
            }
        }
        return out;
    }

    /** A column vector [n][1]. */
    static BigDecimal[][] column(double[] v) {
        BigDecimal[][] out = new BigDecimal[v.length][1];
        for (int i = 0; i < v.length; i++) {
            out[i][0] = new BigDecimal(v[i]);
        }
        return out;
    }

    /** A row vector [1][n]. */
    static BigDecimal[][] row(double[] v) {
        return of(new double[][] {v});
    }

    static BigDecimal[][] multiply(BigDecimal[][] x, BigDecimal[][] y) {
        int n = x.length;
        int m = y[0].length;
        BigDecimal[][] out = new BigDecimal[n][m];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < m; j++) {
                BigDecimal s = BigDecimal.ZERO;
                for (int k = 0; k < y.length; k++) {
                    s = s.add(x[i][k].multiply(y[k][j], MC), MC);
                }
                out[i][j] = s;
            }
        }
        return out;
    }

    /** Inverse by Gauss-Jordan elimination with partial pivoting. */
    static BigDecimal[][] inverse(BigDecimal[][] m) {
        int n = m.length;
        BigDecimal[][] a = new BigDecimal[n][2 * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                a[i][j] = m[i][j];
                a[i][n + j] = i == j ? BigDecimal.ONE : BigDecimal.ZERO;
            }
        }
        for (int col = 0; col < n; col++) {
            int pivot = col;
            for (int r = col + 1; r < n; r++) {
                if (a[r][col].abs().compareTo(a[pivot][col].abs()) > 0) {
                    pivot = r;
                }
            }
            if (a[pivot][col].signum() == 0) {
                throw new ArithmeticException("singular basis");
            }
            BigDecimal[] tmp = a[col];
            a[col] = a[pivot];
            a[pivot] = tmp;
            BigDecimal p = a[col][col];
            for (int j = 0; j < 2 * n; j++) {
                a[col][j] = a[col][j].divide(p, MC);
            }
            for (int r = 0; r < n; r++) {
                if (r != col && a[r][col].signum() != 0) {
                    BigDecimal f = a[r][col];
                    for (int j = 0; j < 2 * n; j++) {
                        a[r][j] = a[r][j].subtract(f.multiply(a[col][j], MC), MC);
                    }
                }
            }
        }
        BigDecimal[][] out = new BigDecimal[n][n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(a[i], n, out[i], 0, n);
        }
        return out;
    }

    static double[][] round(BigDecimal[][] m) {
        double[][] out = new double[m.length][];
        for (int i = 0; i < m.length; i++) {
            out[i] = new double[m[i].length];
            for (int j = 0; j < m[i].length; j++) {
                out[i][j] = m[i][j].doubleValue();
            }
        }
        return out;
    }

    /** Product of a matrix and a double vector, rounded once at the end. */
    static double[] apply(BigDecimal[][] m, double[] v) {
        BigDecimal[][] r = multiply(m, column(v));
        double[] out = new double[v.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = r[i][0].doubleValue();
        }
        return out;
    }
}
