package org.ecgworkbench.engine.filter;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.apache.commons.numbers.complex.Complex;

/**
 * A digital filter as zeros, poles and gain, with SciPy's conversions to transfer-function
 * ({@code zpk2tf}) and second-order-section ({@code zpk2sos}, pairing "nearest") form.
 * Ported operation for operation from scipy.signal 1.17 so coefficients agree to rounding.
 */
public record Zpk(List<Complex> zeros, List<Complex> poles, double gain) {

    /** Makes a zero-pole-gain description; the lists are copied. */
    public Zpk {
        zeros = List.copyOf(zeros);
        poles = List.copyOf(poles);
    }

    /** Transfer function (b, a) of this filter, as {@code scipy.signal.zpk2tf}. */
    public TransferFunction toTransferFunction() {
        double[] b = realPoly(zeros);
        for (int i = 0; i < b.length; i++) {
            b[i] = gain * b[i];
        }
        return new TransferFunction(b, realPoly(poles));
    }

    /** Second-order sections of this filter, as {@code scipy.signal.zpk2sos(z, p, k)} (digital, nearest pairing). */
    public Sos toSos() {
        List<Complex> z = new ArrayList<>(zeros);
        List<Complex> p = new ArrayList<>(poles);
        if (z.isEmpty() && p.isEmpty()) {
            return new Sos(new double[][] {{gain, 0, 0, 1, 0, 0}});
        }
        while (p.size() < z.size()) {
            p.add(Complex.ZERO);
        }
        while (z.size() < p.size()) {
            z.add(Complex.ZERO);
        }
        int nSections = (Math.max(p.size(), z.size()) + 1) / 2;
        if (p.size() % 2 == 1) {
            p.add(Complex.ZERO);
            z.add(Complex.ZERO);
        }
        z = cplxReal(z);
        p = cplxReal(p);
        double[][] sos = new double[nSections][];
        for (int si = nSections - 1; si >= 0; si--) {
            Complex p1 = p.remove(worst(p));
            if (isReal(p1) && countReal(p) == 0) {
                Complex z1 = z.remove(nearest(z, p1, Which.REAL));
                sos[si] = singleSection(List.of(z1, Complex.ZERO), List.of(p1, Complex.ZERO));
            } else if (p.size() + 1 == z.size() && !isReal(p1) && countReal(p) == 1 && countReal(z) == 1) {
                // One real pole and one real zero left: this complex pole must take a complex zero.
                Complex z1 = z.remove(nearest(z, p1, Which.COMPLEX));
                sos[si] = singleSection(List.of(z1, z1.conj()), List.of(p1, p1.conj()));
            } else {
                Complex p2;
                if (isReal(p1)) {
                    List<Integer> realIdx = new ArrayList<>();
                    List<Complex> reals = new ArrayList<>();
                    for (int i = 0; i < p.size(); i++) {
                        if (isReal(p.get(i))) {
                            realIdx.add(i);
                            reals.add(p.get(i));
                        }
                    }
                    p2 = p.remove((int) realIdx.get(worst(reals)));
                } else {
                    p2 = p1.conj();
                }
                if (!z.isEmpty()) {
                    Complex z1 = z.remove(nearest(z, p1, Which.ANY));
                    if (!isReal(z1)) {
                        sos[si] = singleSection(List.of(z1, z1.conj()), List.of(p1, p2));
                    } else if (!z.isEmpty()) {
                        Complex z2 = z.remove(nearest(z, p1, Which.REAL));
                        sos[si] = singleSection(List.of(z1, z2), List.of(p1, p2));
                    } else {
                        sos[si] = singleSection(List.of(z1), List.of(p1, p2));
                    }
                } else {
                    sos[si] = singleSection(List.of(), List.of(p1, p2));
                }
            }
        }
        for (int i = 0; i < 3; i++) {
            sos[0][i] *= gain;
        }
        return new Sos(sos);
    }

    private enum Which { REAL, COMPLEX, ANY }

    private static boolean isReal(Complex c) {
        return c.imag() == 0.0;
    }

    private static int countReal(List<Complex> list) {
        return (int) list.stream().filter(Zpk::isReal).count();
    }

    /** Index of the pole closest to the unit circle (first one on ties, as numpy's argmin). */
    private static int worst(List<Complex> p) {
        int best = 0;
        double bestDist = Double.POSITIVE_INFINITY;
        for (int i = 0; i < p.size(); i++) {
            double d = Math.abs(1 - p.get(i).abs());
            if (d < bestDist) {
                bestDist = d;
                best = i;
            }
        }
        return best;
    }

    private static int nearest(List<Complex> from, Complex to, Which which) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < from.size(); i++) {
            order.add(i);
        }
        order.sort(Comparator.comparingDouble(i -> from.get(i).subtract(to).abs()));
        for (int i : order) {
            boolean real = isReal(from.get(i));
            if (which == Which.ANY || (which == Which.REAL) == real) {
                return i;
            }
        }
        throw new IllegalStateException("no " + which + " zero left to pair with pole " + to);
    }

    private static double[] singleSection(List<Complex> z, List<Complex> p) {
        double[] section = new double[6];
        double[] b = realPoly(z);
        double[] a = realPoly(p);
        System.arraycopy(b, 0, section, 3 - b.length, b.length);
        System.arraycopy(a, 0, section, 6 - a.length, a.length);
        return section;
    }

    /** Polynomial with the given roots, highest power first, as numpy's poly; real when roots pair up. */
    static double[] realPoly(List<Complex> roots) {
        Complex[] c = {Complex.ONE};
        for (Complex root : roots) {
            Complex[] next = new Complex[c.length + 1];
            Complex minus = root.negate();
            next[0] = c[0];
            for (int i = 1; i < c.length; i++) {
                next[i] = c[i].add(c[i - 1].multiply(minus));
            }
            next[c.length] = c[c.length - 1].multiply(minus);
            c = next;
        }
        double[] imag = roots.stream().mapToDouble(Complex::imag).sorted().toArray();
        double[] conjImag = roots.stream().mapToDouble(r -> -r.imag()).sorted().toArray();
        boolean paired = true;
        for (int i = 0; i < imag.length; i++) {
            paired &= imag[i] == conjImag[i]; // numeric ==, so that 0.0 and -0.0 agree as in numpy
        }
        if (!paired) {
            throw new IllegalArgumentException("roots are not in complex-conjugate pairs: polynomial is not real");
        }
        double[] out = new double[c.length];
        for (int i = 0; i < c.length; i++) {
            out[i] = c[i].real();
        }
        return out;
    }

    /** SciPy's _cplxreal: one of each conjugate pair (positive imaginary part) first, then the real roots. */
    private static List<Complex> cplxReal(List<Complex> z) {
        final double tol = 100 * Math.ulp(1.0);
        List<Complex> sorted = new ArrayList<>(z);
        sorted.sort(Comparator.comparingDouble(Complex::real).thenComparingDouble(c -> Math.abs(c.imag())));
        List<Complex> reals = new ArrayList<>();
        List<Complex> pos = new ArrayList<>();
        List<Complex> neg = new ArrayList<>();
        for (Complex c : sorted) {
            if (Math.abs(c.imag()) <= tol * c.abs()) {
                reals.add(Complex.ofCartesian(c.real(), 0));
            } else if (c.imag() > 0) {
                pos.add(c);
            } else {
                neg.add(c);
            }
        }
        if (pos.size() != neg.size()) {
            throw new IllegalArgumentException("Array contains complex value with no matching conjugate.");
        }
        sortRunsByImag(pos, tol);
        sortRunsByImag(neg, tol);
        List<Complex> out = new ArrayList<>();
        for (int i = 0; i < pos.size(); i++) {
            Complex zp = pos.get(i);
            Complex zn = neg.get(i);
            if (zp.subtract(zn.conj()).abs() > tol * zn.abs()) {
                throw new IllegalArgumentException("Array contains complex value with no matching conjugate.");
            }
            out.add(zp.add(zn.conj()).divide(2));
        }
        out.addAll(reals);
        return out;
    }

    /** Within runs of equal real part (judged on the positive half, as SciPy does), sort by |imag|. */
    private static void sortRunsByImag(List<Complex> list, double tol) {
        int start = 0;
        while (start < list.size()) {
            int stop = start;
            while (stop + 1 < list.size()
                    && list.get(stop + 1).real() - list.get(stop).real() <= tol * list.get(stop).abs()) {
                stop++;
            }
            list.subList(start, stop + 1).sort(Comparator.comparingDouble(c -> Math.abs(c.imag())));
            start = stop + 1;
        }
    }
}
