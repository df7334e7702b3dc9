package org.ecgworkbench.engine.filter;

/**
 * Gaussian elimination with partial pivoting (LAPACK gesv's method) for the small systems of
 * lfilter_zi. Kept in Java: the systems are at most a few dozen unknowns, where a native LAPACK call
 * through ND4J costs more in marshalling than the solve itself.
 */
final class LinearSolve {

    private LinearSolve() {
    }

    /** Solves m x = rhs; m is n×n and is not modified. */
    static double[] solve(double[][] m, double[] rhs) {
        int n = rhs.length;
        double[][] a = new double[n][];
        for (int i = 0; i < n; i++) {
            a[i] = m[i].clone();
        }
        double[] x = rhs.clone();
        for (int col = 0; col < n; col++) {
            int pivot = col;
            for (int r = col + 1; r < n; r++) {
                if (Math.abs(a[r][col]) > Math.abs(a[pivot][col])) {
                    pivot = r;
                }
            }
            if (a[pivot][col] == 0.0) {
                throw new IllegalArgumentException("singular system: the filter has a pole at z = 1");
            }
            double[] tmpRow = a[col];
            a[col] = a[pivot];
            a[pivot] = tmpRow;
            double tmp = x[col];
            x[col] = x[pivot];
            x[pivot] = tmp;
            for (int r = col + 1; r < n; r++) {
                double f = a[r][col] / a[col][col];
                for (int c = col; c < n; c++) {
                    a[r][c] -= f * a[col][c];
                }
                x[r] -= f * x[col];
            }
        }
        for (int r = n - 1; r >= 0; r--) {
            double s = x[r];
            for (int c = r + 1; c < n; c++) {
                s -= a[r][c] * x[c];
            }
            x[r] = s / a[r][r];
        }
        return x;
    }
}
