package org.ecgworkbench.engine.qrs;

/**
 * What {@link PanTompkins} found in one signal, with every intermediate stage kept so a viewer can draw it.
 * All positions are 0-based sample indices of the input signal; all stage arrays have the input's length.
 *
 * @param samplingFrequency   sampling frequency in Hz
 * @param rPeaks              detected R peaks (sample indices, ascending): the detector's output
 * @param bandpassed          5-15 Hz band-passed signal, zero phase, in mV
 * @param derivative          five-point derivative of the band-passed signal, in mV/s
 * @param squared             squared derivative, in (mV/s)^2
 * @param integrated          150 ms moving-window integration of the squared signal (causal: it lags the
 *                            QRS by about half the window), in (mV/s)^2
 * @param candidates          fiducial marks: peaks of the integrated signal at least 200 ms apart
 * @param thresholdSamples    the sample from which each threshold value below holds (one entry per candidate
 *                            peak plus the initial value at sample 0)
 * @param integratedThreshold signal threshold THR_SIG on the integrated signal, in (mV/s)^2, a step function
 * @param bandpassedThreshold signal threshold THR_SIG1 on the absolute band-passed signal, in mV, a step function
 * @param noisePeaks          candidate peaks classified as noise or T waves (sample indices)
 */
public record QrsDetection(double samplingFrequency, int[] rPeaks, double[] bandpassed, double[] derivative,
                           double[] squared, double[] integrated, int[] candidates, int[] thresholdSamples,
                           double[] integratedThreshold, double[] bandpassedThreshold, int[] noisePeaks) {

    /** Number of samples of the input signal. */
    public int samples() {
        return bandpassed.length;
    }

    /** The R peaks in seconds from the start of the signal. */
    public double[] rPeakSeconds() {
        double[] t = new double[rPeaks.length];
        for (int i = 0; i < t.length; i++) {
            t[i] = rPeaks[i] / samplingFrequency;
        }
        return t;
    }

    /** RR intervals in seconds between successive R peaks (one fewer than the peaks). */
    public double[] rrSeconds() {
        double[] rr = new double[Math.max(0, rPeaks.length - 1)];
        for (int i = 0; i < rr.length; i++) {
            rr[i] = (rPeaks[i + 1] - rPeaks[i]) / samplingFrequency;
        }
        return rr;
    }

    /** The integrated-signal threshold at every sample, in (mV/s)^2, for drawing beside {@link #integrated()}. */
    public double[] integratedThresholdPerSample() {
        return steps(integratedThreshold);
    }

    /** The band-passed-signal threshold at every sample, in mV, for drawing beside |{@link #bandpassed()}|. */
    public double[] bandpassedThresholdPerSample() {
        return steps(bandpassedThreshold);
    }

    private double[] steps(double[] values) {
        double[] out = new double[samples()];
        for (int k = 0; k < thresholdSamples.length; k++) {
            int from = Math.max(0, thresholdSamples[k]);
            int to = k + 1 < thresholdSamples.length ? thresholdSamples[k + 1] : out.length;
            java.util.Arrays.fill(out, Math.min(from, out.length), Math.min(Math.max(from, to), out.length), values[k]);
        }
        return out;
    }
}
