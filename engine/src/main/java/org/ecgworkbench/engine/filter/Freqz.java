package org.ecgworkbench.engine.filter;

/**
 * Frequency response of a digital filter (b, a), as {@code scipy.signal.freqz(b, a, worN, fs=fs)}: H at
 * {@code worN} frequencies spaced evenly from 0 Hz up to (not including) the Nyquist frequency fs/2, or at
 * frequencies given in Hz. H(e^{jw}) = B(e^{-jw}) / A(e^{-jw}) with both polynomials in z^-1 evaluated by
 * Horner's rule, as SciPy does for IIR filters (its FFT shortcut is for FIR filters only).
 */
public final class Freqz {

    private Freqz() {
    }

    /**
     * The complex response of one filter.
     *
     * @param frequencies frequencies in Hz
     * @param re          real part of H at each frequency
     * @param im          imaginary part of H at each frequency
     */
    public record Response(double[] frequencies, double[] re, double[] im) {

        /** Number of frequencies. */
        public int size() {
            return frequencies.length;
        }

        /** |H| at each frequency (linear gain). */
        public double[] magnitude() {
            double[] m = new double[size()];
            for (int i = 0; i < m.length; i++) {
                m[i] = Math.hypot(re[i], im[i]);
            }
            return m;
        }

        /** 20·log10|H| in dB at each frequency; -Infinity where H is exactly 0. */
        public double[] magnitudeDb() {
            double[] m = magnitude();
            for (int i = 0; i < m.length; i++) {
                m[i] = 20 * Math.log10(m[i]);
            }
            return m;
        }

        /** arg H in radians, wrapped to (-π, π]. */
        public double[] phase() {
            double[] p = new double[size()];
            for (int i = 0; i < p.length; i++) {
                p[i] = Math.atan2(im[i], re[i]);
            }
            return p;
        }

        /** arg H in radians, unwrapped as {@code numpy.unwrap(np.angle(h))}. */
        public double[] phaseUnwrapped() {
            return unwrap(phase());
        }

        /** Unwrapped arg H in degrees. */
        public double[] phaseUnwrappedDegrees() {
            double[] p = phaseUnwrapped();
            for (int i = 0; i < p.length; i++) {
                p[i] = Math.toDegrees(p[i]);
            }
            return p;
        }
    }

    /** freqz(b, a, worN, fs=fs): worN frequencies in Hz, linspace(0, fs/2, worN, endpoint=False). */
    public static Response of(double[] b, double[] a, int worN, double fs) {
        if (worN < 1) {
            throw new IllegalArgumentException("worN must be a positive number of frequencies, got " + worN);
        }
        requireFs(fs);
        // as SciPy: w = linspace(0, π, worN, endpoint=False) in rad/sample, evaluated there, reported in Hz. Near
        // z = 1 a high-order (b, a) is ill-conditioned, so H is taken at SciPy's very w, not at w recomputed from Hz.
        double step = Math.PI / worN;
        double[] w = new double[worN];
        double[] f = new double[worN];
        for (int i = 0; i < worN; i++) {
            w[i] = i * step;
            f[i] = w[i] * fs / (2 * Math.PI);
        }
        return evaluate(b, a, w, f);
    }

    /** freqz(b, a, worN=frequenciesHz, fs=fs): the response at the given frequencies in Hz. */
    public static Response at(double[] b, double[] a, double[] frequenciesHz, double fs) {
        requireFs(fs);
        double[] w = new double[frequenciesHz.length];
        for (int i = 0; i < w.length; i++) {
            w[i] = 2 * Math.PI * frequenciesHz[i] / fs;
        }
        return evaluate(b, a, w, frequenciesHz.clone());
    }

    /** H at angular frequencies w (rad/sample), reported at frequencies f (Hz). */
    private static Response evaluate(double[] b, double[] a, double[] w, double[] f) {
        if (b.length == 0 || a.length == 0) {
            throw new IllegalArgumentException("filter coefficients b and a must not be empty");
        }
        int n = w.length;
        double[] re = new double[n];
        double[] im = new double[n];
        for (int i = 0; i < n; i++) {
            // z^-1 = e^{-jw}
            double zr = Math.cos(w[i]);
            double zi = -Math.sin(w[i]);
            double[] num = horner(b, zr, zi);
            double[] den = horner(a, zr, zi);
            double[] q = divide(num[0], num[1], den[0], den[1]);
            re[i] = q[0];
            im[i] = q[1];
        }
        return new Response(f, re, im);
    }

    /** (ar + j·ai) / (br + j·bi) by Smith's algorithm, as numpy divides complex numbers. */
    private static double[] divide(double ar, double ai, double br, double bi) {
        if (Math.abs(br) >= Math.abs(bi)) {
            double rat = bi / br;
            double scl = 1.0 / (br + bi * rat);
            return new double[] {(ar + ai * rat) * scl, (ai - ar * rat) * scl};
        }
        double rat = br / bi;
        double scl = 1.0 / (bi + br * rat);
        return new double[] {(ar * rat + ai) * scl, (ai * rat - ar) * scl};
    }

    /** The response of a transfer function at worN frequencies in Hz from 0 to below fs/2. */
    public static Response of(TransferFunction tf, int worN, double fs) {
        return of(tf.b(), tf.a(), worN, fs);
    }

    /** numpy.unwrap(p) with discont π: adds multiples of 2π so that successive values differ by at most π. */
    public static double[] unwrap(double[] p) {
        double[] out = p.clone();
        double correction = 0;
        for (int i = 1; i < p.length; i++) {
            double d = p[i] - p[i - 1];
            // numpy: ddmod = mod(d + π, 2π) - π, with ddmod = π where ddmod == -π and d > 0
            double dd = mod(d + Math.PI, 2 * Math.PI) - Math.PI;
            if (dd == -Math.PI && d > 0) {
                dd = Math.PI;
            }
            double corr = dd - d;
            if (Math.abs(d) < Math.PI) {
                corr = 0;
            }
            correction += corr;
            out[i] = p[i] + correction;
        }
        return out;
    }

    private static double mod(double x, double m) {
        double r = x % m;
        return r < 0 ? r + m : r;
    }

    /** Σ c[k]·z^k with z = zr + j·zi, highest power last, by Horner's rule: {re, im}. */
    private static double[] horner(double[] c, double zr, double zi) {
        double sr = 0;
        double si = 0;
        for (int k = c.length - 1; k >= 0; k--) {
            double tr = sr * zr - si * zi + c[k];
            si = sr * zi + si * zr;
            sr = tr;
        }
        return new double[] {sr, si};
    }

    private static void requireFs(double fs) {
        if (!(fs > 0) || Double.isInfinite(fs)) {
            throw new IllegalArgumentException("Sampling frequency fs must be a positive number, got " + fs);
        }
    }
}
