package org.ecgworkbench.engine.synth;

import java.util.SplittableRandom;

/** Additive noises and AF f-waves, in mV; each draws from its own random stream. */
public final class Noise {

    private Noise() {
    }

    /** Adds every noise of the levels to x (mV, sampled at fs Hz), drawing from random. */
    public static void add(double[] x, double fs, NoiseLevels levels, SplittableRandom random) {
        SplittableRandom bw = random.split();
        SplittableRandom pl = random.split();
        SplittableRandom wn = random.split();
        SplittableRandom emg = random.split();
        SplittableRandom motion = random.split();
        if (levels.baselineMv() > 0) {
            baselineWander(x, fs, levels.baselineMv(), bw);
        }
        if (levels.powerlineMv() > 0) {
            double ph = 2 * Math.PI * pl.nextDouble();
            for (int i = 0; i < x.length; i++) {
                x[i] += levels.powerlineMv() * Math.sin(2 * Math.PI * levels.powerlineHz() * i / fs + ph);
            }
        }
        if (levels.gaussianMv() > 0) {
            for (int i = 0; i < x.length; i++) {
                x[i] += levels.gaussianMv() * RrTachogram.gaussian(wn);
            }
        }
        if (levels.emgMv() > 0) {
            emg(x, fs, levels.emgMv(), emg);
        }
        if (levels.motionMv() > 0) {
            electrodeMotion(x, fs, levels.motionMv(), motion);
        }
    }

    /** Baseline wander: 0.7 A sin at 0.15-0.3 Hz (respiration) plus 0.3 A sin at 0.03-0.08 Hz (drift); A in mV. */
    static void baselineWander(double[] x, double fs, double amplitude, SplittableRandom r) {
        double f1 = 0.15 + 0.15 * r.nextDouble();
        double f2 = 0.03 + 0.05 * r.nextDouble();
        double p1 = 2 * Math.PI * r.nextDouble();
        double p2 = 2 * Math.PI * r.nextDouble();
        for (int i = 0; i < x.length; i++) {
            double t = i / fs;
            x[i] += amplitude * (0.7 * Math.sin(2 * Math.PI * f1 * t + p1) + 0.3 * Math.sin(2 * Math.PI * f2 * t + p2));
        }
    }

    /**
     * EMG-like noise: white noise through a first-order high-pass at 20 Hz (or fs/5 if lower), scaled to unit
     * standard deviation, times a slowly varying burst envelope between 0.4 and 1, times std (mV).
     */
    static void emg(double[] x, double fs, double std, SplittableRandom r) {
        double fc = Math.min(20, fs / 5);
        double rc = 1 / (2 * Math.PI * fc);
        double alpha = rc / (rc + 1 / fs);
        double[] e = new double[x.length];
        double prevIn = 0;
        double prevOut = 0;
        double sumSq = 0;
        for (int i = 0; i < e.length; i++) {
            double w = RrTachogram.gaussian(r);
            prevOut = alpha * (prevOut + w - prevIn);
            prevIn = w;
            e[i] = prevOut;
            sumSq += prevOut * prevOut;
        }
        double norm = e.length > 0 && sumSq > 0 ? 1 / Math.sqrt(sumSq / e.length) : 0;
        double fe = 0.1 + 0.3 * r.nextDouble();
        double pe = 2 * Math.PI * r.nextDouble();
        for (int i = 0; i < e.length; i++) {
            double env = 0.4 + 0.6 * (0.5 + 0.5 * Math.sin(2 * Math.PI * fe * i / fs + pe));
            x[i] += std * norm * env * e[i];
        }
    }

    /**
     * Electrode motion: transients at random times (Poisson, 0.3 per second), each a*(u/tau)*exp(1 - u/tau) with
     * a normal amplitude of scale A (mV) and tau 0.1-0.5 s, and now and then (30%) a baseline step decaying over 2 s.
     */
    static void electrodeMotion(double[] x, double fs, double amplitude, SplittableRandom r) {
        double duration = x.length / fs;
        double t = -Math.log(1 - r.nextDouble()) / 0.3;
        while (t < duration) {
            double a = amplitude * RrTachogram.gaussian(r);
            double tau = 0.1 + 0.4 * r.nextDouble();
            boolean step = r.nextDouble() < 0.3;
            double stepA = amplitude * 0.5 * RrTachogram.gaussian(r);
            int from = (int) Math.ceil(t * fs);
            int to = (int) Math.min(x.length, Math.ceil((t + Math.max(8 * tau, step ? 10 : 0)) * fs));
            for (int i = from; i < to; i++) {
                double u = i / fs - t;
                x[i] += a * (u / tau) * Math.exp(1 - u / tau) + (step ? stepA * Math.exp(-u / 2) : 0);
            }
            t += -Math.log(1 - r.nextDouble()) / 0.3;
        }
    }

    /**
     * Fibrillatory f-waves: a sawtooth-like wave sin(phi) + 0.35 sin(2 phi + psi) whose frequency wanders
     * by 0.6 Hz around meanHz (kept within 4-9 Hz) and whose amplitude varies between 0.5 and 1 times peakMv.
     */
    public static void fWaves(double[] x, double fs, double peakMv, double meanHz, SplittableRandom r) {
        double fm = 0.05 + 0.15 * r.nextDouble();
        double pm = 2 * Math.PI * r.nextDouble();
        double fa = 0.1 + 0.2 * r.nextDouble();
        double pa = 2 * Math.PI * r.nextDouble();
        double psi = 2 * Math.PI * r.nextDouble();
        double phi = 2 * Math.PI * r.nextDouble();
        for (int i = 0; i < x.length; i++) {
            double t = i / fs;
            double f = Math.max(4, Math.min(9, meanHz + 0.6 * Math.sin(2 * Math.PI * fm * t + pm)));
            double env = 0.75 + 0.25 * Math.sin(2 * Math.PI * fa * t + pa);
            x[i] += peakMv * env * (Math.sin(phi) + 0.35 * Math.sin(2 * phi + psi)) / 1.2;
            phi += 2 * Math.PI * f / fs;
        }
    }
}
