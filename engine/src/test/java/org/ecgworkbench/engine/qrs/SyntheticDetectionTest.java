package org.ecgworkbench.engine.qrs;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import org.ecgworkbench.engine.synth.Rhythm;
import org.ecgworkbench.engine.synth.SynthParams;
import org.ecgworkbench.engine.synth.Synthesizer;
import org.ecgworkbench.engine.synth.SyntheticRecord;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Pan-Tompkins on clean synthetic sinus rhythm (ECGSYN) finds the generated beats: Se and +P at least 99 %. */
class SyntheticDetectionTest {

    @ParameterizedTest(name = "fs {0} Hz, {1} bpm, seed {2}")
    @CsvSource({"200, 60, 1", "250, 75, 2", "300, 90, 3", "360, 70, 4", "500, 110, 5", "1000, 55, 6"})
    void findsTheGeneratedBeats(double fs, double bpm, long seed) {
        SyntheticRecord rec = Synthesizer.generate(SynthParams.builder(Rhythm.NSR, 120, fs).seed(seed)
                .heartRate(bpm).build());
        QrsDetection d = new PanTompkins(fs).detect(rec.signals()[0]);
        long[] reference = Arrays.stream(rec.rPeaks()).asLongStream().toArray();
        long[] found = Arrays.stream(d.rPeaks()).asLongStream().toArray();
        BeatScore s = Bxb.compare(reference, found, Bxb.toleranceSamples(Bxb.DEFAULT_TOLERANCE_S, fs));
        assertTrue(s.sensitivity() >= 0.99 && s.positivePredictivity() >= 0.99,
                "Se " + s.sensitivity() + " +P " + s.positivePredictivity() + " (" + s + ")");
    }
}
