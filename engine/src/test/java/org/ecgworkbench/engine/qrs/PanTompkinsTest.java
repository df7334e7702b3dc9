package org.ecgworkbench.engine.qrs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;

import org.ecgworkbench.engine.filter.BandType;
import org.ecgworkbench.engine.filter.Butter;
import org.ecgworkbench.engine.filter.Filtfilt;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

/** The detector on generated ECG-like signals with known R peaks, at many sampling frequencies. */
class PanTompkinsTest {

    private static long[] longs(int[] v) {
        return Arrays.stream(v).asLongStream().toArray();
    }

    @ParameterizedTest
    @ValueSource(doubles = {128, 200, 250, 300, 360, 500, 1000})
    void findsEveryBeatAtEverySamplingFrequency(double fs) {
        SyntheticEcg ecg = new SyntheticEcg(fs, 120, 7, 1);
        QrsDetection d = new PanTompkins(fs).detect(ecg.signal);
        // Within 20 ms of the true R peak, no beat missed, none extra.
        BeatScore s = Bxb.compare(ecg.rSamples(), longs(d.rPeaks()), Bxb.toleranceSamples(0.020, fs));
        assertEquals(ecg.rSeconds.length, s.tp(), "fs " + fs + ": " + s);
        assertEquals(0, s.fn(), "fs " + fs);
        assertEquals(0, s.fp(), "fs " + fs);
    }

    @Test
    void findsInvertedComplexes() {
        SyntheticEcg ecg = new SyntheticEcg(360, 120, 11, -1);
        QrsDetection d = new PanTompkins(360).detect(ecg.signal);
        BeatScore s = Bxb.compare(ecg.rSamples(), longs(d.rPeaks()), Bxb.toleranceSamples(0.020, 360));
        assertEquals(0, s.fn(), s.toString());
        assertEquals(0, s.fp(), s.toString());
    }

    @Test
    void sameBeatsInSecondsWhateverTheRate() {
        double[] at250 = new PanTompkins(250).detect(new SyntheticEcg(250, 60, 3, 1).signal).rPeakSeconds();
        double[] at500 = new PanTompkins(500).detect(new SyntheticEcg(500, 60, 3, 1).signal).rPeakSeconds();
        assertEquals(at250.length, at500.length);
        for (int i = 0; i < at250.length; i++) {
            assertEquals(at250[i], at500[i], 0.008, "beat " + i);
        }
    }

    @Test
    void batchWithRaggedLengthsEqualsOneByOne() {
        PanTompkins pt = new PanTompkins(300);
        double[] a = new SyntheticEcg(300, 60, 1, 1).signal;
        double[] b = new SyntheticEcg(300, 25, 2, 1).signal;
        double[] c = new SyntheticEcg(300, 41, 3, -1).signal;
        List<QrsDetection> batch = pt.detectAll(List.of(a, b, c));
        double[][] raw = {a, b, c};
        for (int i = 0; i < raw.length; i++) {
            QrsDetection one = pt.detect(raw[i]);
            assertArrayEquals(one.rPeaks(), batch.get(i).rPeaks(), "signal " + i);
            assertArrayEquals(one.bandpassed(), batch.get(i).bandpassed(), 1e-12, "signal " + i);
        }
    }

    @Test
    void bandpassIsTheEnginesFiltfilt() {
        double[] x = new SyntheticEcg(250, 20, 5, 1).signal;
        PanTompkins pt = new PanTompkins(250);
        double[] want = Filtfilt.filtfilt(Butter.ba(3, new double[] {5, 15}, BandType.BANDPASS, 250).b(),
                Butter.ba(3, new double[] {5, 15}, BandType.BANDPASS, 250).a(), Nd4j.createFromArray(x)).toDoubleVector();
        assertArrayEquals(want, pt.detect(x).bandpassed(), 1e-12);
    }

    @Test
    void everyStageIsReturnedAtFullLength() {
        SyntheticEcg ecg = new SyntheticEcg(360, 30, 9, 1);
        QrsDetection d = new PanTompkins(360).detect(ecg.signal);
        int n = ecg.signal.length;
        assertEquals(n, d.bandpassed().length);
        assertEquals(n, d.derivative().length);
        assertEquals(n, d.squared().length);
        assertEquals(n, d.integrated().length);
        for (int i = 0; i < n; i++) {
            assertEquals(d.derivative()[i] * d.derivative()[i], d.squared()[i], 1e-12);
        }
        // The integrator is a 150 ms (54-sample) causal mean of the squared signal.
        int k = 5000;
        double mean = Arrays.stream(d.squared(), k - 53, k + 1).sum() / 54;
        assertEquals(mean, d.integrated()[k], 1e-9 * Math.max(1, mean));
        assertEquals(d.candidates().length + 1, d.thresholdSamples().length);
        assertEquals(d.thresholdSamples().length, d.integratedThreshold().length);
        assertEquals(d.thresholdSamples().length, d.bandpassedThreshold().length);
        double[] thr = d.integratedThresholdPerSample();
        assertEquals(n, thr.length);
        assertTrue(Arrays.stream(thr).allMatch(v -> v > 0));
        // Every R peak is a QRS: every candidate is either a beat's mark or noise.
        assertTrue(d.noisePeaks().length + d.rPeaks().length <= d.candidates().length);
        for (int i = 1; i < d.rPeaks().length; i++) {
            assertTrue(d.rPeaks()[i] - d.rPeaks()[i - 1] >= 72, "refractory period of 200 ms");
        }
    }

    @Test
    void marksAreTheLargestPeaksAtLeastTheRefractoryApart() {
        double[] x = {0, 1, 0, 3, 0, 2, 0, 0, 5, 4, 4, 0};
        assertArrayEquals(new int[] {3, 8}, PanTompkins.fiducialMarks(x, 3));
        assertArrayEquals(new int[] {1, 3, 5, 8}, PanTompkins.fiducialMarks(x, 1));
    }

    @Test
    void rejectsBadInput() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new PanTompkins(25));
        assertTrue(e.getMessage().contains("above 30"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new PanTompkins(Double.NaN));
        e = assertThrows(IllegalArgumentException.class, () -> new PanTompkins(360).detect(new double[10]));
        assertTrue(e.getMessage().contains("10 samples"), e.getMessage());
    }

    @Test
    void flatSignalHasNoBeats() {
        assertEquals(0, new PanTompkins(250).detect(new double[5000]).rPeaks().length);
    }
}
