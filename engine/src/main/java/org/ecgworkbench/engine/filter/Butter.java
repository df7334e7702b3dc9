package org.ecgworkbench.engine.filter;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.apache.commons.numbers.complex.Complex;

/**
 * Digital Butterworth filter design, as {@code scipy.signal.butter(N, Wn, btype, fs=fs)}:
 * analog prototype, pre-warping, frequency transformation, bilinear transform, then (b, a) or SOS.
 */
public final class Butter {

    private Butter() {
    }

    /** Transfer function of an order-N Butterworth filter; {@code wn} in Hz when fs is given (one edge, or two for bands). */
    public static TransferFunction ba(int order, double[] wn, BandType btype, double fs) {
        return zpk(order, wn, btype, fs).toTransferFunction();
    }

    /** Second-order sections of an order-N Butterworth filter; {@code wn} in Hz, fs in Hz. */
    public static Sos sos(int order, double[] wn, BandType btype, double fs) {
        return zpk(order, wn, btype, fs).toSos();
    }

    /** Zeros, poles and gain of an order-N digital Butterworth filter; {@code wn} in Hz, fs in Hz. */
    public static Zpk zpk(int order, double[] wn, BandType btype, double fs) {
        if (order < 1) {
            throw new IllegalArgumentException("Filter order must be a positive integer, got " + order);
        }
        if (!(fs > 0) || Double.isInfinite(fs)) {
            throw new IllegalArgumentException("Sampling frequency fs must be a positive number, got " + fs);
        }
        int edges = btype.isBand() ? 2 : 1;
        if (wn.length != edges) {
            throw new IllegalArgumentException(btype.isBand()
                    ? "Wn must specify start and stop frequencies for bandpass or bandstop filter"
                    : "Must specify a single critical frequency Wn for lowpass or highpass filter");
        }
        double[] w = new double[edges];
        for (int i = 0; i < edges; i++) {
            w[i] = wn[i] / (fs / 2);
            if (!(w[i] > 0) || !(w[i] < 1)) {
                throw new IllegalArgumentException("Digital filter critical frequencies must be 0 < Wn < fs/2 (fs="
                        + fs + " -> fs/2=" + fs / 2 + "), got " + wn[i]);
            }
        }
        if (edges == 2 && !(w[0] < w[1])) {
            throw new IllegalArgumentException("Wn[0] must be less than Wn[1]");
        }
        // Pre-warp for the bilinear transform at SciPy's internal fs = 2.
        double[] warped = new double[edges];
        for (int i = 0; i < edges; i++) {
            warped[i] = 2 * 2.0 * Math.tan(Math.PI * w[i] / 2.0);
        }
        List<Complex> z = new ArrayList<>();
        List<Complex> p = prototypePoles(order);
        double k = 1.0;
        int degree = p.size() - z.size();
        switch (btype) {
            case LOWPASS -> {
                z = scale(z, warped[0]);
                p = scale(p, warped[0]);
                k = k * Math.pow(warped[0], degree);
            }
            case HIGHPASS -> {
                k = k * prodNeg(z).divide(prodNeg(p)).real();
                z = invert(z, warped[0]);
                p = invert(p, warped[0]);
                z.addAll(Collections.nCopies(degree, Complex.ZERO));
            }
            case BANDPASS -> {
                double bw = warped[1] - warped[0];
                double wo = Math.sqrt(warped[0] * warped[1]);
                z = shiftToBand(scaleHalfBw(z, bw), wo);
                p = shiftToBand(scaleHalfBw(p, bw), wo);
                z.addAll(Collections.nCopies(degree, Complex.ZERO));
                k = k * Math.pow(bw, degree);
            }
            case BANDSTOP -> {
                double bw = warped[1] - warped[0];
                double wo = Math.sqrt(warped[0] * warped[1]);
                k = k * prodNeg(z).divide(prodNeg(p)).real();
                z = shiftToBand(invert(z, bw / 2), wo);
                p = shiftToBand(invert(p, bw / 2), wo);
                z.addAll(Collections.nCopies(degree, Complex.ofCartesian(0, wo)));
                z.addAll(Collections.nCopies(degree, Complex.ofCartesian(0, -wo)));
            }
        }
        return bilinear(z, p, k, 2.0);
    }

    /** Analog Butterworth prototype poles, as scipy.signal.buttap. */
    private static List<Complex> prototypePoles(int order) {
        List<Complex> p = new ArrayList<>();
        for (int m = -order + 1; m < order; m += 2) {
            p.add(Complex.ofCartesian(0, Math.PI * m / (2.0 * order)).exp().negate());
        }
        return p;
    }

    private static Zpk bilinear(List<Complex> z, List<Complex> p, double k, double fs) {
        double fs2 = 2.0 * fs;
        int degree = p.size() - z.size();
        Complex num = Complex.ONE;
        Complex den = Complex.ONE;
        List<Complex> zz = new ArrayList<>();
        List<Complex> pz = new ArrayList<>();
        for (Complex c : z) {
            Complex f = Complex.ofCartesian(fs2, 0);
            zz.add(f.add(c).divide(f.subtract(c)));
            num = num.multiply(f.subtract(c));
        }
        for (Complex c : p) {
            Complex f = Complex.ofCartesian(fs2, 0);
            pz.add(f.add(c).divide(f.subtract(c)));
            den = den.multiply(f.subtract(c));
        }
        zz.addAll(Collections.nCopies(degree, Complex.ofCartesian(-1, 0)));
        return new Zpk(zz, pz, k * num.divide(den).real());
    }

    private static List<Complex> scale(List<Complex> list, double factor) {
        List<Complex> out = new ArrayList<>();
        for (Complex c : list) {
            out.add(c.multiply(factor));
        }
        return out;
    }

    private static List<Complex> scaleHalfBw(List<Complex> list, double bw) {
        List<Complex> out = new ArrayList<>();
        for (Complex c : list) {
            out.add(c.multiply(bw).divide(2));
        }
        return out;
    }

    private static List<Complex> invert(List<Complex> list, double numerator) {
        List<Complex> out = new ArrayList<>();
        for (Complex c : list) {
            out.add(Complex.ofCartesian(numerator, 0).divide(c));
        }
        return out;
    }

    /** Each root r becomes r + sqrt(r^2 - wo^2) and r - sqrt(r^2 - wo^2), all "+" roots first as SciPy orders them. */
    private static List<Complex> shiftToBand(List<Complex> list, double wo) {
        List<Complex> plus = new ArrayList<>();
        List<Complex> minus = new ArrayList<>();
        for (Complex c : list) {
            Complex root = symmetricSqrt(c.multiply(c).subtract(wo * wo));
            plus.add(c.add(root));
            minus.add(c.subtract(root));
        }
        plus.addAll(minus);
        return plus;
    }

    /** √w with √conj(w) = conj(√w) exactly, as C99's csqrt (numpy) guarantees, so conjugate pairs stay exact. */
    private static Complex symmetricSqrt(Complex w) {
        return w.imag() < 0 ? w.conj().sqrt().conj() : w.sqrt();
    }

    private static Complex prodNeg(List<Complex> list) {
        Complex out = Complex.ONE;
        for (Complex c : list) {
            out = out.multiply(c.negate());
        }
        return out;
    }
}
