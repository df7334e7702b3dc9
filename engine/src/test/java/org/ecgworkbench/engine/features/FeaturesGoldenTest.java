package org.ecgworkbench.engine.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.ecgworkbench.engine.qrs.PanTompkins;
import org.ecgworkbench.engine.qrs.QrsDetection;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Features against values computed independently with NumPy/SciPy (resources/features/make_golden.py). */
class FeaturesGoldenTest {

    private static JsonNode golden;

    @BeforeAll
    static void load() throws Exception {
        try (InputStream in = FeaturesGoldenTest.class.getResourceAsStream("/features/golden_features.json")) {
            golden = new ObjectMapper().readTree(in);
        }
    }

    private static double[] array(String name) {
        JsonNode a = golden.get(name);
        double[] out = new double[a.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = a.get(i).asDouble();
        }
        return out;
    }

    private static double expected(String group, String name) {
        return golden.get(group).get(name).asDouble();
    }

    @Test
    void rrStatisticsMatchNumpy() {
        double[] rr = array("rr");
        assertEquals(expected("rr_expected", "mean_rr_s"), RrFeatures.meanRr(rr), 1e-12);
        assertEquals(expected("rr_expected", "sdnn_s"), RrFeatures.sdnn(rr), 1e-12);
        assertEquals(expected("rr_expected", "rmssd_s"), RrFeatures.rmssd(rr), 1e-12);
        assertEquals(expected("rr_expected", "pnn50"), RrFeatures.pnn50(rr), 1e-12);
        assertEquals(expected("rr_expected", "cv_rr"), RrFeatures.cv(rr), 1e-12);
        assertEquals(expected("rr_expected", "median_hr_bpm"), RrFeatures.medianHeartRate(rr), 1e-9);
        assertEquals(expected("rr_expected", "sampen_rr"), RrFeatures.sampleEntropy(rr), 1e-12);
        assertEquals(expected("rr_expected", "cosen"), RrFeatures.cosen(rr), 1e-12);
    }

    @Test
    void welchMatchesScipyForEvenAndOddSegments() {
        double[] x = array("signal");
        double fs = golden.get("fs").asDouble();
        WelchPsd p = SpectralFeatures.ecgPsd(x, fs);
        assertArrayEquals(array("psd_f"), p.frequencies(), 1e-12);
        assertArrayEquals(array("psd_p"), p.density(), 1e-12);
        double[] head = java.util.Arrays.copyOf(x, 1001);
        assertArrayEquals(array("psd_odd_p"), WelchPsd.of(head, fs, 333).density(), 1e-12);
    }

    @Test
    void spectralFeaturesMatchScipy() {
        WelchPsd p = SpectralFeatures.ecgPsd(array("signal"), golden.get("fs").asDouble());
        double total = p.bandPower(0.5, 40);
        assertEquals(expected("spectral_expected", "ecg_power_mv2"), total, 1e-12);
        assertEquals(expected("spectral_expected", "ecg_rel_power_0_5_5hz"), p.bandPower(0.5, 5) / total, 1e-12);
        assertEquals(expected("spectral_expected", "ecg_rel_power_5_15hz"), p.bandPower(5, 15) / total, 1e-12);
        assertEquals(expected("spectral_expected", "ecg_rel_power_15_40hz"), p.bandPower(15, 40) / total, 1e-12);
        assertEquals(expected("spectral_expected", "ecg_dominant_hz"), p.dominantFrequency(0.5, 40), 0);
    }

    @Test
    void tachogramAndHrvBandsMatchNumpy() {
        double[] beats = array("beats_s");
        assertArrayEquals(array("tachogram"), SpectralFeatures.tachogram(beats), 1e-12);
        WelchPsd h = SpectralFeatures.tachogramPsd(beats);
        assertEquals(expected("hrv_expected", "hrv_lf_s2"), h.bandPower(0.04, 0.15), 1e-15);
        assertEquals(expected("hrv_expected", "hrv_hf_s2"), h.bandPower(0.15, 0.40), 1e-15);
    }

    @Test
    void shortSeriesGiveNaNNotErrors() {
        double[] one = {0.8};
        assertTrue(Double.isNaN(RrFeatures.sdnn(one)));
        assertTrue(Double.isNaN(RrFeatures.rmssd(one)));
        assertTrue(Double.isNaN(RrFeatures.sampleEntropy(one)));
        assertTrue(Double.isNaN(RrFeatures.meanRr(new double[0])));
        assertTrue(Double.isNaN(SignalQuality.plausibleRrShare(new double[0])));
        assertEquals(0, SpectralFeatures.tachogram(new double[] {0, 1}).length);
        // Perfectly regular RR: no template ever mismatches, so A = B and SampEn = 0.
        assertEquals(0.0, RrFeatures.sampleEntropy(new double[] {1, 1, 1, 1, 1, 1}, 2, 0.01), 0);
        assertThrows(IllegalArgumentException.class, () -> WelchPsd.of(new double[0], 250, 10));
        assertThrows(IllegalArgumentException.class, () -> RrFeatures.sampleEntropy(one, 0, 0.1));
    }

    @Test
    void signalQualityIndices() {
        assertEquals(0.75, SignalQuality.plausibleRrShare(new double[] {0.8, 0.1, 0.9, 2.5}), 0);
        assertEquals(1.0, SignalQuality.agreement(new long[] {100, 400}, new long[] {110, 395}, 360), 0);
        assertEquals(1.0 / 3, SignalQuality.agreement(new long[] {100, 400}, new long[] {110, 900}, 360), 1e-15);
    }

    @Test
    void recordVectorHasOneValuePerNameAndSaneValuesOnAGeneratedEcg() {
        double fs = 250;
        int n = (int) (60 * fs);
        double[] x = new double[n];
        for (int b = 0; b < 60; b++) {        // a spike train at 60 beats/min
            int at = (int) ((b + 0.5) * fs);
            for (int k = -5; k <= 5; k++) {
                x[at + k] = Math.exp(-0.5 * (k / 2.0) * (k / 2.0));
            }
        }
        QrsDetection d = new PanTompkins(fs).detect(x);
        double[] v = RecordFeatures.of(x, fs, d, d);
        assertEquals(RecordFeatures.NAMES.size(), v.length);
        int i = RecordFeatures.NAMES.indexOf("mean_rr_s");
        assertEquals(1.0, v[i], 0.01);
        assertEquals(60.0, v[RecordFeatures.NAMES.indexOf("median_hr_bpm")], 0.5);
        assertEquals(1.0, v[RecordFeatures.NAMES.indexOf("sqi_plausible_rr")], 0);
        assertEquals(1.0, v[RecordFeatures.NAMES.indexOf("sqi_lead_agreement")], 0);
        assertEquals(d.rPeaks().length, (int) v[RecordFeatures.NAMES.indexOf("beats")]);
        assertTrue(List.of(RecordFeatures.NAMES.toArray()).stream().distinct().count() == v.length);
    }

    @Test
    void qrsChannelsStackTheStagesOfABatch() {
        PanTompkins pt = new PanTompkins(250);
        double[] a = new double[3000];
        double[] b = new double[2000];
        a[1000] = 1;
        b[500] = 1;
        List<QrsDetection> ds = pt.detectAll(List.of(a, b));
        QrsChannels c = QrsChannels.of(ds);
        assertArrayEquals(new long[] {2, 2, 3000}, c.channels().shape());
        assertArrayEquals(new int[] {3000, 2000}, c.lengths());
        assertEquals((float) ds.get(1).bandpassed()[500], c.channels().getFloat(1, QrsChannels.BANDPASSED, 500), 0);
        assertEquals((float) ds.get(0).integrated()[1010], c.channels().getFloat(0, QrsChannels.INTEGRATED, 1010), 0);
        assertEquals(0f, c.channels().getFloat(1, 0, 2500), 0);
    }
}
