package org.ecgworkbench.engine.qrs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.ecgworkbench.engine.record.Annotation;
import org.junit.jupiter.api.Test;

/** Beat-by-beat matching edge cases, as bxb counts them. */
class BxbTest {

    private static Annotation ann(long sample, String symbol) {
        return new Annotation(sample, symbol, 0, 0, 0, "");
    }

    @Test
    void perfectDetectionsAreAllTruePositives() {
        BeatScore s = Bxb.compare(new long[] {100, 400, 700}, new long[] {100, 400, 700}, 54);
        assertEquals(new BeatScore(3, 0, 0), s);
        assertEquals(1.0, s.sensitivity());
        assertEquals(1.0, s.positivePredictivity());
    }

    @Test
    void matchWindowIsInclusiveAtTheTolerance() {
        assertEquals(new BeatScore(1, 0, 0), Bxb.compare(new long[] {1000}, new long[] {1054}, 54));
        assertEquals(new BeatScore(1, 0, 0), Bxb.compare(new long[] {1000}, new long[] {946}, 54));
        assertEquals(new BeatScore(0, 1, 1), Bxb.compare(new long[] {1000}, new long[] {1055}, 54));
        assertEquals(54, Bxb.toleranceSamples(0.15, 360));
        assertEquals(45, Bxb.toleranceSamples(0.15, 300));
    }

    @Test
    void theNearestDetectionIsMatchedAndTheOtherIsAFalsePositive() {
        // Two detections in one window: the nearer is the TP, the other an FP; the order of input is irrelevant.
        assertEquals(new BeatScore(1, 0, 1), Bxb.compare(new long[] {1000}, new long[] {1040, 990}, 54));
    }

    @Test
    void oneDetectionCannotMatchTwoBeats() {
        assertEquals(new BeatScore(1, 1, 0), Bxb.compare(new long[] {1000, 1080}, new long[] {1040}, 54));
    }

    @Test
    void missesAndExtrasAreCounted() {
        BeatScore s = Bxb.compare(new long[] {100, 400, 700, 1000}, new long[] {102, 550, 698}, 54);
        assertEquals(new BeatScore(2, 2, 1), s);
        assertEquals(0.5, s.sensitivity());
        assertEquals(2.0 / 3, s.positivePredictivity(), 1e-15);
    }

    @Test
    void learningPeriodIsNotScoredButStillMatches() {
        long start = 300 * 360;
        long[] ref = {start - 300, start - 10, start + 500, start + 900};
        long[] det = {start - 700, start + 5, start + 500};
        // start-10 matches start+5 across the boundary: neither counted; start-700 (FP) and start-300 (FN) are
        // before the start; start+900 is a missed beat after it.
        assertEquals(new BeatScore(1, 1, 0), Bxb.compare(ref, det, 54, start));
        assertEquals(new BeatScore(2, 2, 1), Bxb.compare(ref, det, 54, 0));
    }

    @Test
    void referenceBeatsAreTheBeatCodesOnly() {
        List<Annotation> a = List.of(ann(10, "+"), ann(100, "N"), ann(200, "V"), ann(250, "~"), ann(300, "/"),
                ann(400, "Q"), ann(450, "x"), ann(500, "|"), ann(600, "f"), ann(700, "!"));
        assertEquals(List.of(100L, 200L, 300L, 400L, 600L),
                java.util.Arrays.stream(ReferenceBeats.of(a).beats()).boxed().toList());
    }

    @Test
    void detectionsInFlutterEpisodesAreNotScored() {
        List<Annotation> a = List.of(ann(100, "N"), ann(500, "["), ann(600, "!"), ann(700, "!"), ann(900, "]"),
                ann(1200, "N"));
        ReferenceBeats ref = ReferenceBeats.of(a);
        assertEquals(new BeatScore(2, 0, 0), Bxb.compare(ref, new long[] {100, 600, 700, 1200}, 54, 0));
        assertEquals(new BeatScore(2, 0, 1), Bxb.compare(ref, new long[] {100, 1000, 1200}, 54, 0));
    }

    @Test
    void grossPoolsBeatsBeforeDividing() {
        BeatScore g = BeatScore.gross(List.of(new BeatScore(90, 10, 0), new BeatScore(900, 0, 10)));
        assertEquals(new BeatScore(990, 10, 10), g);
        assertEquals(0.99, g.sensitivity(), 1e-15);
        assertTrue(Double.isNaN(BeatScore.ZERO.sensitivity()));
        assertTrue(Double.isNaN(BeatScore.ZERO.positivePredictivity()));
    }

    @Test
    void badParametersAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> Bxb.compare(new long[0], new long[0], -1));
        assertThrows(IllegalArgumentException.class, () -> Bxb.toleranceSamples(Double.NaN, 360));
        assertThrows(IllegalArgumentException.class, () -> new BeatScore(-1, 0, 0));
    }

    @Test
    void recordScoreMarksPacedRecords() {
        RecordScore s = RecordScore.of("217", ReferenceBeats.of(new long[] {100}), new long[] {100}, 360, 0.15);
        assertTrue(s.paced());
        assertEquals(new BeatScore(1, 0, 0), s.whole());
        assertEquals(BeatScore.ZERO, s.afterLearning());
    }
}
