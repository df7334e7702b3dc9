package org.ecgworkbench.engine.filter;

import java.util.Arrays;

/** Filter coefficients b (numerator) and a (denominator), highest power of z^-1 last, as SciPy's (b, a). */
public record TransferFunction(double[] b, double[] a) implements LinearFilter {

    /** Checks and copies the coefficients; a[0] must not be 0 (SciPy rejects it too). */
    public TransferFunction {
        if (b.length == 0 || a.length == 0) {
            throw new IllegalArgumentException("filter coefficients b and a must not be empty");
        }
        if (a[0] == 0.0) {
            throw new IllegalArgumentException("filter coefficient a[0] == 0 is not supported");
        }
        for (double v : b) {
            requireFinite(v);
        }
        for (double v : a) {
            requireFinite(v);
        }
        b = b.clone();
        a = a.clone();
    }

    private static void requireFinite(double v) {
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException("filter coefficients must be finite, got " + v);
        }
    }

    @Override
    public double[] b() {
        return b.clone();
    }

    @Override
    public double[] a() {
        return a.clone();
    }

    @Override
    public int stateSize() {
        return Math.max(a.length, b.length) - 1;
    }

    @Override
    public int ntaps() {
        return Math.max(a.length, b.length);
    }

    /** b and a divided by a[0] and zero-padded to one length, the form lfilter's recursion runs on. */
    double[][] normalizedPadded() {
        int n = ntaps();
        double[] bn = new double[n];
        double[] an = new double[n];
        double a0 = a[0];
        // SciPy divides only when a[0] != 1, so that exact coefficients stay exact.
        for (int i = 0; i < b.length; i++) {
            bn[i] = a0 == 1.0 ? b[i] : b[i] / a0;
        }
        for (int i = 0; i < a.length; i++) {
            an[i] = a0 == 1.0 ? a[i] : a[i] / a0;
        }
        return new double[][] {bn, an};
    }

    /** {@code scipy.signal.lfilter_zi(b, a)}: the state for which a unit step input gives a constant output. */
    @Override
    public double[] steadyState() {
        double[] aa = a;
        int lead = 0;
        while (aa.length - lead > 1 && aa[lead] == 0.0) {
            lead++;
        }
        aa = Arrays.copyOfRange(aa, lead, aa.length);
        double[] bb = b.clone();
        if (aa[0] != 1.0) {
            double a0 = aa[0];
            for (int i = 0; i < bb.length; i++) {
                bb[i] = bb[i] / a0;
            }
            for (int i = 0; i < aa.length; i++) {
                aa[i] = aa[i] / a0;
            }
        }
        int n = Math.max(aa.length, bb.length);
        aa = Arrays.copyOf(aa, n);
        bb = Arrays.copyOf(bb, n);
        int k = n - 1;
        // I - companion(a).T: companion's first row is -a[1:], its subdiagonal ones.
        double[][] m = new double[k][k];
        double[] rhs = new double[k];
        for (int i = 0; i < k; i++) {
            m[i][i] = 1.0;
            m[i][0] -= -aa[i + 1];
            if (i + 1 < k) {
                m[i][i + 1] -= 1.0;
            }
            rhs[i] = bb[i + 1] - aa[i + 1] * bb[0];
        }
        return LinearSolve.solve(m, rhs);
    }

    @Override
    public StateSpace stateSpace() {
        double[][] ba = normalizedPadded();
        return StateSpace.ofDirectFormII(ba[0], ba[1]);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TransferFunction t && Arrays.equals(b, t.b) && Arrays.equals(a, t.a);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(b) + Arrays.hashCode(a);
    }

    @Override
    public String toString() {
        return "TransferFunction[b=" + Arrays.toString(b) + ", a=" + Arrays.toString(a) + "]";
    }
}
