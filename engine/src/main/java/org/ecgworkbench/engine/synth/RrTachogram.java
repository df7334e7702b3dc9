package org.ecgworkbench.engine.synth;

import java.util.SplittableRandom;
import org.jtransforms.fft.DoubleFFT_1D;

/**
 * An RR-interval time series sampled at 4 Hz, as ECGSYN's rrprocess makes it: a bimodal power spectrum
 * S(f) = sigma1^2 G(f; 0.1 Hz, 0.01 Hz) + sigma2^2 G(f; 0.25 Hz, 0.01 Hz) (Mayer waves and respiratory sinus
 * arrhythmia, sigma1^2 / sigma2^2 = LF/HF), amplitudes sqrt(S) with random phases, an inverse FFT, then
 * scaled to the requested mean and standard deviation.
 */
public final class RrTachogram {

    /**
     * Sampling frequency of the tachogram, Hz. ECGSYN computes it at 1 Hz and upsamples with a band-limited
     * interpolation; computing the inverse FFT at 4 Hz directly does the same, and linear interpolation
     * between 4 Hz samples no longer damps the 0.25 Hz component.
     */
    public static final double RATE_HZ = 4.0;
    static final double LF_HZ = 0.1;
    static final double HF_HZ = 0.25;
    static final double LF_STD_HZ = 0.01;
    static final double HF_STD_HZ = 0.01;

    private final double[] rr;

    private RrTachogram(double[] rr) {
        this.rr = rr;
    }

    /**
     * A tachogram of at least the given length.
     *
     * @param seconds      length needed, in seconds
     * @param heartRate    mean heart rate, bpm (the mean RR is 60 / heartRate seconds)
     * @param heartRateStd heart-rate standard deviation, bpm (the RR std is 60 * std / hr^2 seconds)
     * @param lfHfRatio    LF/HF power ratio
     */
    public static RrTachogram sinus(double seconds, double heartRate, double heartRateStd, double lfHfRatio,
                                    SplittableRandom random) {
        int n = 1024;
        while (n < seconds * RATE_HZ + 2) {
            n <<= 1;
        }
        double w1 = 2 * Math.PI * LF_HZ;
        double w2 = 2 * Math.PI * HF_HZ;
        double c1 = 2 * Math.PI * LF_STD_HZ;
        double c2 = 2 * Math.PI * HF_STD_HZ;
        double sig1 = lfHfRatio;
        double sig2 = 1;
        double df = RATE_HZ / n;
        double[] amp = new double[n];
        for (int i = 0; i <= n / 2; i++) {
            double w = 2 * Math.PI * df * i;
            double h = sig1 * Math.exp(-0.5 * sq((w - w1) / c1)) / Math.sqrt(2 * Math.PI * c1 * c1)
                    + sig2 * Math.exp(-0.5 * sq((w - w2) / c2)) / Math.sqrt(2 * Math.PI * c2 * c2);
            amp[i] = (RATE_HZ / 2) * Math.sqrt(h);
        }
        // Hermitian spectrum with random phases (0 at DC and Nyquist), so the inverse FFT is real.
        double[] c = new double[2 * n];
        c[0] = amp[0];
        c[n] = amp[n / 2];
        for (int i = 1; i < n / 2; i++) {
            double ph = 2 * Math.PI * random.nextDouble();
            c[2 * i] = amp[i] * Math.cos(ph);
            c[2 * i + 1] = amp[i] * Math.sin(ph);
            c[2 * (n - i)] = amp[i] * Math.cos(ph);
            c[2 * (n - i) + 1] = -amp[i] * Math.sin(ph);
        }
        new DoubleFFT_1D(n).complexInverse(c, true);
        double[] x = new double[n];
        double mean = 0;
        for (int i = 0; i < n; i++) {
            x[i] = c[2 * i];
            mean += x[i];
        }
        mean /= n;
        double var = 0;
        for (double v : x) {
            var += sq(v - mean);
        }
        double xstd = Math.sqrt(var / (n - 1));
        double rrMean = 60 / heartRate;
        double rrStd = 60 * heartRateStd / (heartRate * heartRate);
        double ratio = xstd > 0 ? rrStd / xstd : 0;
        double[] rr = new double[n];
        for (int i = 0; i < n; i++) {
            rr[i] = rrMean + (x[i] - mean) * ratio;
        }
        return new RrTachogram(rr);
    }

    /** The RR interval in seconds at time t seconds from the tachogram's start (linear interpolation, held at the ends). */
    public double at(double t) {
        double p = t * RATE_HZ;
        if (p <= 0) {
            return rr[0];
        }
        int i = (int) Math.floor(p);
        if (i >= rr.length - 1) {
            return rr[rr.length - 1];
        }
        double f = p - i;
        return rr[i] * (1 - f) + rr[i + 1] * f;
    }

    /** The samples at {@link #RATE_HZ}, in seconds (a copy). */
    public double[] samples() {
        return rr.clone();
    }

    /**
     * An RR interval of atrial fibrillation: independent of the others, log-normal with the given mean (seconds)
     * and coefficient of variation, and never below 0.25 s (AV-node refractoriness).
     */
    public static double afInterval(double meanRr, double cv, SplittableRandom random) {
        double sigma = Math.sqrt(Math.log(1 + cv * cv));
        double rr = meanRr * Math.exp(sigma * gaussian(random) - sigma * sigma / 2);
        return Math.max(0.25, rr);
    }

    /** A standard normal draw (Box-Muller), so results depend only on the SplittableRandom's sequence. */
    static double gaussian(SplittableRandom random) {
        double u1 = 1.0 - random.nextDouble();
        double u2 = random.nextDouble();
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }

    private static double sq(double v) {
        return v * v;
    }
}
