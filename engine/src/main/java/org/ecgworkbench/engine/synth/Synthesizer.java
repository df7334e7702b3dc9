package org.ecgworkbench.engine.synth;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Makes a {@link SyntheticRecord}: plans the beats for the rhythm, integrates the ECGSYN model at an internal
 * rate that is a multiple of fs, scales z to mV, and adds f-waves (AF) and noise. Deterministic for a seed:
 * every random part (RR process, beat plan, start phase, f-waves, noise of each lead) has its own stream split
 * from one SplittableRandom in a fixed order.
 */
public final class Synthesizer {

    /** Seconds integrated before the record starts, so the model's start transient has died out. */
    static final double WARMUP_SECONDS = 4;
    /** Coupling interval of a PVC as a fraction of the sinus RR interval (plus up to +-0.05 jitter). */
    static final double PVC_PREMATURITY = 0.6;
    /** The isoelectric level is taken at this angle (between the end of T and the start of P), radians. */
    static final double ISOELECTRIC_ANGLE = -2.4;

    private Synthesizer() {
    }

    /** The record defined by the parameters. */
    public static SyntheticRecord generate(SynthParams p) {
        SplittableRandom root = new SplittableRandom(p.seed());
        SplittableRandom rrRandom = root.split();
        SplittableRandom planRandom = root.split();
        SplittableRandom phaseRandom = root.split();
        SplittableRandom fWaveRandom = root.split();
        SplittableRandom noiseRandom = root.split();

        BeatTrain beats = plan(p, rrRandom, planRandom, phaseRandom);
        Morphology[][] morph = morphology(p);
        int n = p.samples();
        Ecgsyn.Trajectory tr = new Ecgsyn(beats, morph, true).integrate(p.fs(), n, WARMUP_SECONDS);

        double[][] ref = reference(p, morph);  // {iso per lead..., scale}
        double scale = ref[1][0] * p.ecgScale();
        double[][] mv = new double[p.leads()][n];
        for (int l = 0; l < p.leads(); l++) {
            for (int i = 0; i < n; i++) {
                mv[l][i] = (tr.z()[l][i] - ref[0][l]) * scale;
            }
        }
        if (p.rhythm() == Rhythm.AF && p.fWaveMv() > 0) {
            for (int l = 0; l < p.leads(); l++) {
                // f-waves are usually largest in V1
                Noise.fWaves(mv[l], p.fs(), p.fWaveMv() * (l == 1 ? 1.5 : 1), p.fWaveHz(), fWaveRandom.split());
            }
        }
        for (int l = 0; l < p.leads(); l++) {
            Noise.add(mv[l], p.fs(), p.noise(), noiseRandom.split());
        }

        List<Integer> peaks = new ArrayList<>();
        List<Boolean> kinds = new ArrayList<>();
        int last = -1;
        for (int i = 0; i < tr.rTimes().length; i++) {
            long s = Math.round(tr.rTimes()[i] * p.fs());
            if (s < 0 || s >= n || s <= last) {
                continue;
            }
            last = (int) s;
            peaks.add(last);
            kinds.add(beats.ventricular()[tr.rBeats()[i]]);
        }
        int[] r = peaks.stream().mapToInt(Integer::intValue).toArray();
        boolean[] v = new boolean[r.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = kinds.get(i);
        }
        List<String> names = p.leads() == 1 ? List.of("II") : List.of("II", "V1");
        return new SyntheticRecord(p, names, mv, r, v);
    }

    /** Plans R times from before the record start (warm-up and a random start phase) to past its end. */
    static BeatTrain plan(SynthParams p, SplittableRandom rrRandom, SplittableRandom planRandom, SplittableRandom phaseRandom) {
        double meanRr = 60 / p.heartRate();
        double first = -WARMUP_SECONDS - meanRr * (1 + phaseRandom.nextDouble());
        double end = p.seconds() + 3 * meanRr + 1;
        RrTachogram tach = p.rhythm() == Rhythm.AF ? null
                : RrTachogram.sinus(end - first + 4 * meanRr, p.heartRate(), p.heartRateStd(), p.lfHfRatio(), rrRandom);
        List<Double> times = new ArrayList<>();
        List<Boolean> kinds = new ArrayList<>();
        double t = first;
        times.add(t);
        kinds.add(false);
        double pvcChance = p.pvcRate() >= 0.5 ? 1 : p.pvcRate() / (1 - p.pvcRate());
        while (t < end) {
            switch (p.rhythm()) {
                case AF -> t += RrTachogram.afInterval(meanRr, p.afRrCv(), planRandom);
                case OTHER -> {
                    double rr = tach.at(t - first);
                    // a PVC never follows a PVC; chance q per sinus beat makes the PVC fraction q / (1 + q) = pvcRate
                    if (p.pvcRate() > 0 && times.size() > 1 && planRandom.nextDouble() < pvcChance) {
                        double coupling = rr * (PVC_PREMATURITY + 0.1 * (planRandom.nextDouble() - 0.5));
                        times.add(t + coupling);
                        kinds.add(true);
                        t += 2 * rr;  // full compensatory pause: the sinus node keeps its timing
                    } else {
                        t += rr;
                    }
                }
                default -> t += tach.at(t - first);
            }
            times.add(t);
            kinds.add(false);
        }
        double[] ta = times.stream().mapToDouble(Double::doubleValue).toArray();
        boolean[] ka = new boolean[ta.length];
        for (int i = 0; i < ka.length; i++) {
            ka[i] = kinds.get(i);
        }
        return new BeatTrain(ta, ka);
    }

    /** Per lead: {normal, PVC} event parameters, scaled for the mean heart rate; AF beats have no P wave. */
    static Morphology[][] morphology(SynthParams p) {
        Morphology[][] m = new Morphology[p.leads()][];
        Morphology n0 = Morphology.normal().forHeartRate(p.heartRate());
        if (p.rhythm() == Rhythm.AF) {
            n0 = n0.withoutP();
        }
        m[0] = new Morphology[] {n0, Morphology.pvc().forHeartRate(p.heartRate())};
        if (p.leads() == 2) {
            Morphology n1 = Morphology.normalSecondLead().forHeartRate(p.heartRate());
            if (p.rhythm() == Rhythm.AF) {
                n1 = n1.withoutP();
            }
            m[1] = new Morphology[] {n1, Morphology.pvcSecondLead().forHeartRate(p.heartRate())};
        }
        return m;
    }

    /**
     * The z-to-mV mapping, from a noise-free run of normal beats at the mean RR with z0 off: as ECGSYN, the
     * range of lead 1's z maps to 1.6 mV (its R to S span, -0.4 to 1.2 mV); each lead's z at the isoelectric
     * angle maps to 0 mV. Returns {{iso per lead}, {mV per model unit}}.
     */
    static double[][] reference(SynthParams p, Morphology[][] morph) {
        double rr = 60 / p.heartRate();
        int beats = 12;
        double[] t = new double[beats];
        for (int i = 0; i < beats; i++) {
            t[i] = (i - 6) * rr;
        }
        Morphology[][] normalOnly = new Morphology[morph.length][];
        for (int l = 0; l < morph.length; l++) {
            normalOnly[l] = new Morphology[] {morph[l][0], morph[l][0]};
        }
        double fs = 1000;
        int n = (int) Math.ceil(3 * rr * fs);
        Ecgsyn.Trajectory tr = new Ecgsyn(new BeatTrain(t, new boolean[beats]), normalOnly, false).integrate(fs, n, 5 * rr);
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int i = (int) (rr * fs); i < n; i++) {
            min = Math.min(min, tr.z()[0][i]);
            max = Math.max(max, tr.z()[0][i]);
        }
        int isoAt = (int) Math.round((rr + rr * (ISOELECTRIC_ANGLE + 2 * Math.PI) / (2 * Math.PI)) * fs);
        double[] iso = new double[morph.length];
        for (int l = 0; l < morph.length; l++) {
            iso[l] = tr.z()[l][isoAt];
        }
        return new double[][] {iso, {1.6 / (max - min)}};
    }
}
