package org.ecgworkbench.engine.synth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.ecgworkbench.engine.record.Annotation;
import org.ecgworkbench.engine.record.Record;
import org.ecgworkbench.engine.record.Records;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The synthetic ECG generator: determinism, sizes, heart rate and HRV, rhythms, R-peak positions, amplitudes. */
class SynthesizerTest {

    @TempDir
    Path dir;

    private static SyntheticRecord clean(Rhythm r, double seconds, double fs, long seed) {
        return Synthesizer.generate(SynthParams.builder(r, seconds, fs).seed(seed).noise(NoiseLevels.none()).build());
    }

    private static double mean(double[] x) {
        double s = 0;
        for (double v : x) {
            s += v;
        }
        return s / x.length;
    }

    private static double std(double[] x) {
        double m = mean(x);
        double s = 0;
        for (double v : x) {
            s += (v - m) * (v - m);
        }
        return Math.sqrt(s / (x.length - 1));
    }

    private static double rmssd(double[] rr) {
        double s = 0;
        for (int i = 1; i < rr.length; i++) {
            s += (rr[i] - rr[i - 1]) * (rr[i] - rr[i - 1]);
        }
        return Math.sqrt(s / (rr.length - 1));
    }

    @Test
    void sameSeedSameRecordOtherSeedOtherRecord() {
        for (Rhythm r : Rhythm.values()) {
            SynthParams p = SynthParams.builder(r, 12, 250).seed(42).leads(2).build();
            SyntheticRecord a = Synthesizer.generate(p);
            SyntheticRecord b = Synthesizer.generate(p);
            assertArrayEquals(a.signals()[0], b.signals()[0], r.id());
            assertArrayEquals(a.signals()[1], b.signals()[1], r.id());
            assertArrayEquals(a.rPeaks(), b.rPeaks(), r.id());
            assertEquals(a.annotations(), b.annotations(), r.id());
            SyntheticRecord c = Synthesizer.generate(SynthParams.builder(r, 12, 250).seed(43).leads(2).build());
            assertFalse(java.util.Arrays.equals(a.signals()[0], c.signals()[0]), r.id());
        }
    }

    @Test
    void samplingFrequencyAndLengthHonoured() {
        for (double fs : new double[] {200, 250, 300, 360, 500, 128.5, 1000}) {
            SyntheticRecord r = clean(Rhythm.NSR, 10, fs, 1);
            assertEquals(Math.round(10 * fs), r.samples(), "fs " + fs);
            assertEquals(fs, r.fs());
            Record rec = r.toRecord("x");
            assertEquals(fs, rec.samplingFrequency());
            assertEquals(Math.round(10 * fs), rec.samples());
            // about 70 bpm: 11 or 12 beats in 10 s
            assertTrue(r.rPeaks().length >= 10 && r.rPeaks().length <= 13, fs + " Hz: " + r.rPeaks().length + " beats");
        }
        assertEquals(7, clean(Rhythm.AF, 0.023, 300, 1).samples());
    }

    @Test
    void sinusHeartRateAndVariabilityMatchTheRequest() {
        double want = 60 * 3.0 / (75 * 75);  // RR std in s for hr 75 +- 3 bpm
        double sumStd = 0;
        for (long seed = 1; seed <= 4; seed++) {
            SyntheticRecord r = Synthesizer.generate(SynthParams.builder(Rhythm.NSR, 300, 360).seed(seed)
                    .heartRate(75).heartRateStd(3).noise(NoiseLevels.none()).build());
            double[] rr = r.rrSeconds();
            double hr = 60 / mean(rr);
            assertEquals(75, hr, 2, "seed " + seed);
            double sd = std(rr);
            assertEquals(want, sd, want * 0.4, "seed " + seed);
            sumStd += sd;
        }
        assertEquals(want, sumStd / 4, want * 0.2);
        // hr-std 0: a constant RR (up to rounding to samples)
        double[] flat = Synthesizer.generate(SynthParams.builder(Rhythm.NSR, 60, 500).heartRate(60).heartRateStd(0)
                .noise(NoiseLevels.none()).build()).rrSeconds();
        assertTrue(std(flat) < 0.003, "std " + std(flat));
        assertEquals(1.0, mean(flat), 0.003);
    }

    @Test
    void afIsClearlyMoreIrregularThanSinus() {
        SyntheticRecord nsr = Synthesizer.generate(SynthParams.builder(Rhythm.NSR, 120, 300).heartRate(90)
                .noise(NoiseLevels.none()).build());
        SyntheticRecord af = clean(Rhythm.AF, 120, 300, 1);
        double[] a = af.rrSeconds();
        double[] n = nsr.rrSeconds();
        double cvAf = std(a) / mean(a);
        double cvN = std(n) / mean(n);
        assertTrue(cvAf > 0.15 && cvAf > 4 * cvN, "CV af " + cvAf + " nsr " + cvN);
        assertTrue(rmssd(a) > 5 * rmssd(n), "RMSSD af " + rmssd(a) + " nsr " + rmssd(n));
        assertEquals(90, 60 / mean(a), 8);
        for (Annotation x : af.annotations()) {
            assertTrue(x.symbol().equals("N") || x.symbol().equals("+"), x.toString());
        }
        assertEquals("(AFIB", af.annotations().get(0).aux());
    }

    @Test
    void afHasNoPWaveButFWaves() {
        // without f-waves, the P wave region (about 200 ms before R) of AF beats is flat, unlike sinus beats
        SyntheticRecord sinus = Synthesizer.generate(SynthParams.builder(Rhythm.NSR, 30, 500).heartRate(90)
                .heartRateStd(0).noise(NoiseLevels.none()).build());
        SyntheticRecord afNoF = Synthesizer.generate(SynthParams.builder(Rhythm.AF, 30, 500).afRrCv(0).fWaveMv(0)
                .noise(NoiseLevels.none()).build());
        assertTrue(pRange(sinus) > 0.08, "sinus P " + pRange(sinus));
        assertTrue(pRange(afNoF) < 0.05 && pRange(afNoF) < 0.5 * pRange(sinus), "AF P " + pRange(afNoF));
        // with f-waves, the 4-9 Hz band carries the f-wave power
        SyntheticRecord af = clean(Rhythm.AF, 30, 500, 3);
        double[] noF = Synthesizer.generate(SynthParams.builder(Rhythm.AF, 30, 500).seed(3).fWaveMv(0)
                .noise(NoiseLevels.none()).build()).signals()[0];
        double peak = 0;
        for (int i = 0; i < noF.length; i++) {
            peak = Math.max(peak, Math.abs(af.signals()[0][i] - noF[i]));
        }
        assertTrue(peak > 0.03 && peak < 0.1, "f-wave peak " + peak);
    }

    /** Largest range of lead 1 from 260 to 120 ms before each R peak (the P wave at 90 bpm). */
    private static double pRange(SyntheticRecord r) {
        double best = 0;
        double[] x = r.signals()[0];
        for (int p : r.rPeaks()) {
            int from = p - (int) (0.26 * r.fs());
            int to = p - (int) (0.12 * r.fs());
            if (from < 0) {
                continue;
            }
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            for (int i = from; i <= to; i++) {
                lo = Math.min(lo, x[i]);
                hi = Math.max(hi, x[i]);
            }
            best = Math.max(best, hi - lo);
        }
        return best;
    }

    @Test
    void pvcsAreAnnotatedPrematureAndFollowedByACompensatoryPause() {
        SyntheticRecord r = Synthesizer.generate(SynthParams.builder(Rhythm.OTHER, 300, 250).pvcRate(0.1)
                .heartRateStd(1).noise(NoiseLevels.none()).build());
        int[] p = r.rPeaks();
        boolean[] v = r.ventricular();
        int pvcs = 0;
        double meanRr = 60 / 70.0 * r.fs();
        for (boolean b : v) {
            pvcs += b ? 1 : 0;
        }
        for (int i = 1; i + 1 < p.length; i++) {
            if (!v[i]) {
                continue;
            }
            assertFalse(v[i - 1] || v[i + 1], "PVC " + i + " next to a PVC");
            double coupling = p[i] - p[i - 1];
            double pause = p[i + 1] - p[i];
            assertTrue(coupling < 0.75 * meanRr, "PVC at " + p[i] + ": coupling " + coupling);
            assertTrue(pause > 1.2 * meanRr, "PVC at " + p[i] + ": pause " + pause);
            assertEquals(2 * meanRr, coupling + pause, 0.1 * meanRr, "compensatory pause at " + p[i]);
        }
        double fraction = pvcs / (double) p.length;
        assertTrue(fraction > 0.06 && fraction < 0.14, "PVC fraction " + fraction);
        long annotatedV = r.annotations().stream().filter(a -> a.symbol().equals("V")).count();
        assertEquals(pvcs, annotatedV);
        assertEquals("(N", r.annotations().get(0).aux());
        // a PVC's QRS is wider than a normal one: width at half the R height
        double wN = 0;
        double wV = 0;
        int nN = 0;
        int nV = 0;
        for (int i = 1; i + 1 < p.length; i++) {
            double w = halfWidth(r.signals()[0], p[i]);
            if (v[i]) {
                wV += w;
                nV++;
            } else {
                wN += w;
                nN++;
            }
        }
        assertTrue(wV / nV > 1.8 * (wN / nN), "QRS half-height width V " + wV / nV + " N " + wN / nN);
    }

    private static double halfWidth(double[] x, int peak) {
        double half = x[peak] / 2;
        int a = peak;
        while (a > 0 && x[a] > half) {
            a--;
        }
        int b = peak;
        while (b < x.length - 1 && x[b] > half) {
            b++;
        }
        return b - a;
    }

    @Test
    void rPeaksSitOnLocalMaximaAndAmplitudesArePlausible() {
        for (Rhythm rh : Rhythm.values()) {
            for (double fs : new double[] {250, 360, 500}) {
                SyntheticRecord r = Synthesizer.generate(SynthParams.builder(rh, 30, fs).leads(2).noise(NoiseLevels.none()).build());
                double[] x = r.signals()[0];
                double scale = rh == Rhythm.NOISE ? 0.4 : 1;
                for (int k = 0; k < r.rPeaks().length; k++) {
                    int p = r.rPeaks()[k];
                    int best = p;
                    for (int i = Math.max(0, p - (int) (0.06 * fs)); i <= Math.min(x.length - 1, p + (int) (0.06 * fs)); i++) {
                        if (x[i] > x[best]) {
                            best = i;
                        }
                    }
                    assertTrue(Math.abs(best - p) <= 2, rh + " " + fs + " Hz: R at " + p + " but maximum at " + best);
                    if (rh != Rhythm.AF && !r.ventricular()[k]) {
                        assertEquals(1.2 * scale, x[p], 0.35 * scale, rh + " R amplitude at " + p);
                    } else {
                        assertTrue(x[p] > 0.5 * scale && x[p] < 2.5 * scale, rh + " R amplitude at " + p + ": " + x[p]);
                    }
                }
                for (double[] lead : r.signals()) {
                    for (double v : lead) {
                        assertTrue(Math.abs(v) < 3, rh + " value " + v + " mV");
                    }
                }
            }
        }
    }

    @Test
    void noiseRhythmIsMostlyNoise() {
        SyntheticRecord noisy = Synthesizer.generate(SynthParams.builder(Rhythm.NOISE, 60, 500).build());
        SyntheticRecord clean = Synthesizer.generate(SynthParams.builder(Rhythm.NOISE, 60, 500).noise(NoiseLevels.none()).build());
        double[] n = new double[noisy.samples()];
        for (int i = 0; i < n.length; i++) {
            n[i] = noisy.signals()[0][i] - clean.signals()[0][i];
        }
        assertTrue(std(n) > 2 * std(clean.signals()[0]), "noise std " + std(n) + " ECG std " + std(clean.signals()[0]));
        assertEquals("(NOISE", noisy.annotations().get(0).aux());
        // the beats are still annotated where the model put them
        assertArrayEquals(clean.rPeaks(), noisy.rPeaks());
    }

    @Test
    void powerlineAndBaselineWanderHaveTheirAmplitude() {
        SynthParams base = SynthParams.builder(Rhythm.NSR, 20, 500).noise(NoiseLevels.none()).build();
        double[] ecg = Synthesizer.generate(base).signals()[0];
        double[] pl = Synthesizer.generate(SynthParams.builder(Rhythm.NSR, 20, 500)
                .noise(new NoiseLevels(0, 0, 0.2, 60, 0, 0)).build()).signals()[0];
        double max = 0;
        for (int i = 0; i < ecg.length; i++) {
            max = Math.max(max, Math.abs(pl[i] - ecg[i]));
        }
        assertEquals(0.2, max, 0.005);
        double[] bw = Synthesizer.generate(SynthParams.builder(Rhythm.NSR, 20, 500)
                .noise(new NoiseLevels(0, 0.3, 0, 50, 0, 0)).build()).signals()[0];
        max = 0;
        for (int i = 0; i < ecg.length; i++) {
            max = Math.max(max, Math.abs(bw[i] - ecg[i]));
        }
        assertTrue(max > 0.1 && max <= 0.3 + 1e-9, "baseline wander peak " + max);
    }

    @Test
    void badParametersAreNamed() {
        assertMessage("seconds must be positive", () -> SynthParams.builder(Rhythm.NSR, -1, 250).build());
        assertMessage("fs must be positive", () -> SynthParams.builder(Rhythm.NSR, 10, 0).build());
        assertMessage("fs must be positive", () -> SynthParams.builder(Rhythm.NSR, 10, -250).build());
        assertMessage("rhythm: unknown rhythm 'vt'", () -> Rhythm.parse("vt"));
        assertMessage("hr must be between", () -> SynthParams.builder(Rhythm.NSR, 10, 250).heartRate(5).build());
        assertMessage("leads must be 1 or 2", () -> SynthParams.builder(Rhythm.NSR, 10, 250).leads(3).build());
        assertMessage("pvc-rate", () -> SynthParams.builder(Rhythm.OTHER, 10, 250).pvcRate(0.7).build());
        assertMessage("noise-mv", () -> new NoiseLevels(-1, 0, 0, 50, 0, 0));
        assertMessage("fwave-hz", () -> SynthParams.builder(Rhythm.AF, 10, 250).fWaveHz(12).build());
        assertEquals(Rhythm.AF, Rhythm.parse("AF"));
    }

    private static void assertMessage(String part, org.junit.jupiter.api.function.Executable e) {
        IllegalArgumentException x = assertThrows(IllegalArgumentException.class, e);
        assertTrue(x.getMessage().contains(part), x.getMessage());
    }

    @Test
    void writtenRecordReadsBackWithItsAnnotations() throws Exception {
        SyntheticRecord r = Synthesizer.generate(SynthParams.builder(Rhythm.OTHER, 30, 360).leads(2).build());
        Path hea = r.write(dir, "pvc");
        Record back = Records.read(hea);
        assertEquals(List.of("II", "V1"), back.leadNames());
        assertEquals(360, back.samplingFrequency());
        assertEquals(r.samples(), back.samples());
        assertTrue(back.warnings().isEmpty(), back.warnings().toString());
        for (int l = 0; l < 2; l++) {
            double[] x = back.physical(l);
            for (int i = 0; i < x.length; i++) {
                assertEquals(r.signals()[l][i], x[i], 0.0005 + 1e-12);
            }
        }
        assertEquals(r.annotations(), Records.readAnnotations(hea, "atr"));
    }
}
