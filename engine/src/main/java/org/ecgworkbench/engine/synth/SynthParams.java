package org.ecgworkbench.engine.synth;

/**
 * Everything that defines a synthetic record; the same parameters and seed give the same record.
 *
 * @param rhythm        the rhythm
 * @param seconds       duration in seconds
 * @param fs            sampling frequency in Hz
 * @param seed          seed of every random choice
 * @param heartRate     mean heart rate in beats per minute
 * @param heartRateStd  standard deviation of the heart rate in beats per minute (sinus rhythms)
 * @param lfHfRatio     LF/HF power ratio of the RR tachogram (Mayer waves at 0.1 Hz over RSA at 0.25 Hz)
 * @param leads         number of leads: 1 (an MLII-like lead) or 2 (plus a V1-like lead)
 * @param pvcRate       fraction of beats that are PVCs, 0..0.5 (rhythm other)
 * @param afRrCv        coefficient of variation of the RR intervals in AF (rhythm af)
 * @param fWaveMv       peak amplitude of the AF f-waves in mV (rhythm af)
 * @param fWaveHz       mean f-wave frequency in Hz, 4..9 (rhythm af)
 * @param ecgScale      factor on the ECG amplitude (below 1 for a poor signal)
 * @param noise         additive noise amplitudes
 */
public record SynthParams(Rhythm rhythm, double seconds, double fs, long seed, double heartRate, double heartRateStd,
                          double lfHfRatio, int leads, double pvcRate, double afRrCv, double fWaveMv, double fWaveHz,
                          double ecgScale, NoiseLevels noise) {

    /** Longest record made, in samples per lead. */
    public static final long MAX_SAMPLES = 200_000_000L;

    /** Validates every parameter, naming it and the reason in the IllegalArgumentException. */
    public SynthParams {
        if (rhythm == null) {
            throw new IllegalArgumentException("rhythm must be given (nsr, af, other or noise)");
        }
        if (!(seconds > 0) || Double.isInfinite(seconds)) {
            throw new IllegalArgumentException("seconds must be positive, got " + seconds);
        }
        if (!(fs > 0) || Double.isInfinite(fs)) {
            throw new IllegalArgumentException("fs must be positive, got " + fs);
        }
        if (Math.round(seconds * fs) < 1) {
            throw new IllegalArgumentException("seconds * fs must give at least one sample, got " + seconds + " s at " + fs + " Hz");
        }
        if (Math.round(seconds * fs) > MAX_SAMPLES) {
            throw new IllegalArgumentException("seconds * fs must not exceed " + MAX_SAMPLES + " samples, got " + seconds * fs);
        }
        if (!(heartRate >= 20 && heartRate <= 250)) {
            throw new IllegalArgumentException("hr must be between 20 and 250 bpm, got " + heartRate);
        }
        if (!(heartRateStd >= 0 && heartRateStd <= heartRate / 4)) {
            throw new IllegalArgumentException("hr-std must be between 0 and hr/4 bpm, got " + heartRateStd);
        }
        if (!(lfHfRatio > 0) || Double.isInfinite(lfHfRatio)) {
            throw new IllegalArgumentException("lf-hf must be positive, got " + lfHfRatio);
        }
        if (leads != 1 && leads != 2) {
            throw new IllegalArgumentException("leads must be 1 or 2, got " + leads);
        }
        if (!(pvcRate >= 0 && pvcRate <= 0.5)) {
            throw new IllegalArgumentException("pvc-rate must be between 0 and 0.5, got " + pvcRate);
        }
        if (!(afRrCv >= 0 && afRrCv <= 0.6)) {
            throw new IllegalArgumentException("af-rr-cv must be between 0 and 0.6, got " + afRrCv);
        }
        NoiseLevels.nonNegative("fwave-mv", fWaveMv);
        if (!(fWaveHz >= 4 && fWaveHz <= 9)) {
            throw new IllegalArgumentException("fwave-hz must be between 4 and 9 Hz, got " + fWaveHz);
        }
        if (!(ecgScale >= 0) || Double.isInfinite(ecgScale)) {
            throw new IllegalArgumentException("ecg-scale must be >= 0, got " + ecgScale);
        }
        if (noise == null) {
            throw new IllegalArgumentException("noise levels must be given");
        }
    }

    /** The defaults of a rhythm: its heart rate, 1 bpm std (3 for af's irrelevant HRV), LF/HF 0.5, one lead, 10% PVCs, ... */
    public static Builder builder(Rhythm rhythm, double seconds, double fs) {
        return new Builder(rhythm, seconds, fs);
    }

    /** Number of samples per lead: round(seconds * fs). */
    public int samples() {
        return (int) Math.round(seconds * fs);
    }

    /** Builds SynthParams from a rhythm's defaults. */
    public static final class Builder {
        private final Rhythm rhythm;
        private final double seconds;
        private final double fs;
        private long seed = 1;
        private double heartRate;
        private double heartRateStd = 2;
        private double lfHfRatio = 0.5;
        private int leads = 1;
        private double pvcRate = 0.1;
        private double afRrCv = 0.25;
        private double fWaveMv = 0.08;
        private double fWaveHz = 6;
        private double ecgScale;
        private NoiseLevels noise;

        private Builder(Rhythm rhythm, double seconds, double fs) {
            this.rhythm = rhythm;
            this.seconds = seconds;
            this.fs = fs;
            this.heartRate = rhythm == null ? 70 : rhythm.defaultHeartRate();
            this.ecgScale = rhythm == Rhythm.NOISE ? 0.4 : 1.0;
            this.noise = rhythm == null ? NoiseLevels.none() : NoiseLevels.defaults(rhythm);
        }

        /** Seed of every random choice. */
        public Builder seed(long v) { seed = v; return this; }
        /** Mean heart rate, bpm. */
        public Builder heartRate(double v) { heartRate = v; return this; }
        /** Heart-rate standard deviation, bpm. */
        public Builder heartRateStd(double v) { heartRateStd = v; return this; }
        /** LF/HF ratio of the tachogram spectrum. */
        public Builder lfHfRatio(double v) { lfHfRatio = v; return this; }
        /** Number of leads, 1 or 2. */
        public Builder leads(int v) { leads = v; return this; }
        /** Fraction of beats that are PVCs (rhythm other), 0..0.5. */
        public Builder pvcRate(double v) { pvcRate = v; return this; }
        /** RR coefficient of variation in AF. */
        public Builder afRrCv(double v) { afRrCv = v; return this; }
        /** f-wave peak amplitude, mV. */
        public Builder fWaveMv(double v) { fWaveMv = v; return this; }
        /** Mean f-wave frequency, Hz. */
        public Builder fWaveHz(double v) { fWaveHz = v; return this; }
        /** Factor on the ECG amplitude. */
        public Builder ecgScale(double v) { ecgScale = v; return this; }
        /** Additive noise amplitudes. */
        public Builder noise(NoiseLevels v) { noise = v; return this; }

        /** The validated parameters. */
        public SynthParams build() {
            return new SynthParams(rhythm, seconds, fs, seed, heartRate, heartRateStd, lfHfRatio, leads, pvcRate,
                    afRrCv, fWaveMv, fWaveHz, ecgScale, noise);
        }
    }
}
