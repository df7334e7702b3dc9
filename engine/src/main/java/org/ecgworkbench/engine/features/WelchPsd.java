package org.ecgworkbench.engine.features;

import org.jtransforms.fft.DoubleFFT_1D;

/**
 * Power spectral density by Welch's method, as {@code scipy.signal.welch(x, fs, window='hann', nperseg,
 * noverlap=nperseg // 2, detrend='constant', scaling='density', average='mean')}: periodic Hann windows over
 * half-overlapping segments, each segment's mean removed, one-sided periodograms averaged. The FFT is JTransforms'.
 *
 * @param frequencies bin frequencies in Hz, 0 to fs/2 in steps of fs/nperseg
 * @param density     power spectral density in (signal unit)^2/Hz, e.g. mV^2/Hz
 */
public record WelchPsd(double[] frequencies, double[] density) {

    /** The PSD of x sampled at fs Hz with segments of nperseg samples (fewer when x is shorter, as SciPy). */
    public static WelchPsd of(double[] x, double fs, int nperseg) {
        if (!(fs > 0) || Double.isInfinite(fs)) {
            throw new IllegalArgumentException("sampling frequency must be positive, got " + fs);
        }
        if (nperseg < 1) {
            throw new IllegalArgumentException("nperseg must be >= 1, got " + nperseg);
        }
        if (x.length == 0) {
            throw new IllegalArgumentException("cannot take the PSD of an empty signal");
        }
        int n = Math.min(nperseg, x.length);
        int noverlap = n / 2;
        int step = n - noverlap;
        int segments = (x.length - n) / step + 1;
        double[] w = new double[n];
        double wss = 0;
        for (int i = 0; i < n; i++) {
            w[i] = 0.5 - 0.5 * Math.cos(2 * Math.PI * i / n);   // periodic Hann, scipy's get_window default
            wss += w[i] * w[i];
        }
        double scale = 1.0 / (fs * wss);
        int bins = n / 2 + 1;
        double[] p = new double[bins];
        DoubleFFT_1D fft = new DoubleFFT_1D(n);
        double[] buf = new double[2 * n];
        for (int s = 0; s < segments; s++) {
            int off = s * step;
            double mean = 0;
            for (int i = 0; i < n; i++) {
                mean += x[off + i];
            }
            mean /= n;
            java.util.Arrays.fill(buf, 0);
            for (int i = 0; i < n; i++) {
                buf[i] = (x[off + i] - mean) * w[i];
            }
            fft.realForwardFull(buf);
            for (int k = 0; k < bins; k++) {
                double re = buf[2 * k];
                double im = buf[2 * k + 1];
                double v = (re * re + im * im) * scale;
                boolean nyquist = n % 2 == 0 && k == n / 2;
                p[k] += (k == 0 || nyquist) ? v : 2 * v;
            }
        }
        double[] f = new double[bins];
        for (int k = 0; k < bins; k++) {
            p[k] /= segments;
            f[k] = k * fs / n;
        }
        return new WelchPsd(f, p);
    }

    /** Frequency resolution in Hz (bin spacing). */
    public double resolution() {
        return frequencies.length > 1 ? frequencies[1] - frequencies[0] : Double.NaN;
    }

    /** Power in [lowHz, highHz): the sum of the density over those bins times the bin spacing, in unit^2. */
    public double bandPower(double lowHz, double highHz) {
        double sum = 0;
        for (int k = 0; k < frequencies.length; k++) {
            if (frequencies[k] >= lowHz && frequencies[k] < highHz) {
                sum += density[k];
            }
        }
        return sum * resolution();
    }

    /** The frequency in Hz of the largest density in [lowHz, highHz); NaN when no bin lies there. */
    public double dominantFrequency(double lowHz, double highHz) {
        int best = -1;
        for (int k = 0; k < frequencies.length; k++) {
            if (frequencies[k] >= lowHz && frequencies[k] < highHz && (best < 0 || density[k] > density[best])) {
                best = k;
            }
        }
        return best < 0 ? Double.NaN : frequencies[best];
    }
}
