package org.ecgworkbench.engine.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Optional;

import org.ecgworkbench.engine.record.Annotation;
import org.junit.jupiter.api.Test;

/** Rhythm episodes from annotations and the windows cut from them, on hand-built layouts. */
class RhythmEpisodeTest {

    static Annotation rhythm(long sample, String aux) {
        return new Annotation(sample, "+", 0, 0, 0, aux);
    }

    static Annotation beat(long sample) {
        return new Annotation(sample, "N", 0, 0, 0, "");
    }

    @Test
    void rhythmNameIsTheAuxWithoutItsParenthesis() {
        assertEquals(Optional.of("AFIB"), RhythmEpisode.rhythmOf(rhythm(0, "(AFIB")));
        assertEquals(Optional.of("N"), RhythmEpisode.rhythmOf(rhythm(0, "(N\0")));
        assertEquals(Optional.of("SVTA"), RhythmEpisode.rhythmOf(rhythm(0, " (SVTA \0")));
        assertEquals(Optional.empty(), RhythmEpisode.rhythmOf(rhythm(0, "")));
        assertEquals(Optional.empty(), RhythmEpisode.rhythmOf(rhythm(0, "(")));
        assertEquals(Optional.empty(), RhythmEpisode.rhythmOf(rhythm(0, "note")));
        assertEquals(Optional.empty(), RhythmEpisode.rhythmOf(new Annotation(0, "~", 0, 0, 0, "(N")));
        assertEquals(Optional.empty(), RhythmEpisode.rhythmOf(beat(0)));
    }

    @Test
    void aRhythmHoldsUntilTheNextRhythmAnnotationOrTheEnd() {
        List<Annotation> a = List.of(beat(10), rhythm(100, "(N"), beat(150), rhythm(1000, "(AFIB\0"), beat(1200),
                new Annotation(1500, "+", 0, 0, 0, ""), rhythm(2000, "(N"), beat(2100));
        assertEquals(List.of(new RhythmEpisode("N", 100, 1000), new RhythmEpisode("AFIB", 1000, 2000),
                new RhythmEpisode("N", 2000, 3000)), RhythmEpisode.of(a, 3000));
    }

    @Test
    void repeatedRhythmsExtendOneEpisodeAndTheLastAtASampleHolds() {
        List<Annotation> a = List.of(rhythm(0, "(N"), rhythm(500, "(N"), rhythm(800, "(VT"), rhythm(800, "(N"),
                rhythm(900, "(B"), rhythm(1200, "(T"), rhythm(5000, "(AFL"));
        assertEquals(List.of(new RhythmEpisode("N", 0, 900), new RhythmEpisode("B", 900, 1200),
                new RhythmEpisode("T", 1200, 2000)), RhythmEpisode.of(a, 2000));
    }

    @Test
    void annotationsOutOfOrderAreTakenInTimeOrder() {
        List<Annotation> a = List.of(rhythm(600, "(AFIB"), rhythm(0, "(N"));
        assertEquals(List.of(new RhythmEpisode("N", 0, 600), new RhythmEpisode("AFIB", 600, 1000)),
                RhythmEpisode.of(a, 1000));
    }

    @Test
    void noRhythmAnnotationsNoEpisodes() {
        assertEquals(List.of(), RhythmEpisode.of(List.of(beat(5), beat(300)), 1000));
        assertEquals(List.of(), RhythmEpisode.of(List.of(), 1000));
    }

    @Test
    void windowsLieInsideOneEpisodeFromItsStart() {
        List<RhythmEpisode> e = List.of(new RhythmEpisode("N", 100, 1000), new RhythmEpisode("AFIB", 1000, 1299),
                new RhythmEpisode("N", 1299, 1600), new RhythmEpisode("VT", 1600, 1700));
        assertEquals(List.of(new RhythmWindow("N", 100, 300), new RhythmWindow("N", 400, 300),
                new RhythmWindow("N", 700, 300), new RhythmWindow("N", 1299, 300)), RhythmWindow.cut(e, 300));
        assertEquals(List.of(), RhythmWindow.cut(e, 1000));
        assertThrows(IllegalArgumentException.class, () -> RhythmWindow.cut(e, 0));
    }

    @Test
    void windowSamplesRoundSecondsTimesFs() {
        assertEquals(3600, RhythmWindow.samples(10, 360));
        assertEquals(3, RhythmWindow.samples(0.01, 250));
        assertEquals(1, RhythmWindow.samples(0.5, 1));
        assertThrows(IllegalArgumentException.class, () -> RhythmWindow.samples(0.001, 250));
        assertThrows(IllegalArgumentException.class, () -> RhythmWindow.samples(-1, 250));
        assertThrows(IllegalArgumentException.class, () -> RhythmWindow.samples(Double.NaN, 250));
    }
}
