package org.ecgworkbench.engine.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** MIT annotation writer: what it writes, AnnotationReader reads back unchanged. */
class AnnotationWriterTest {

    @TempDir
    Path dir;

    @Test
    void roundTripWithAuxSkipsSubtypesChannelsAndNum() throws Exception {
        List<Annotation> in = List.of(
                new Annotation(0, "+", 0, 0, 0, "(N"),
                new Annotation(17, "N", 0, 0, 0, ""),
                new Annotation(17, "V", 0, 0, 0, ""),          // same sample: gap 0
                new Annotation(1040, "N", 0, 0, 0, ""),        // gap 1023
                new Annotation(2064, "N", 0, 0, 0, ""),        // gap 1024: SKIP
                new Annotation(5_000_000_000L, "~", 3, 1, 0, ""),  // gap over 2^31-1: refused
                new Annotation(5_000_000_100L, "+", 0, 1, 7, "(AFIB"),
                new Annotation(5_000_000_101L, "A", 2, 0, 7, "odd"),
                new Annotation(5_000_000_101L + 70_000, "N", 0, 0, 1023, ""));
        List<Annotation> ok = new ArrayList<>(in);
        // a gap over 2^31-1 samples cannot be written as one SKIP
        assertThrows(IllegalArgumentException.class, () -> AnnotationWriter.encode(ok));
        ok.set(5, new Annotation(2_000_000_000L, "~", 3, 1, 0, ""));
        ok.set(6, new Annotation(2_000_000_100L, "+", 0, 1, 7, "(AFIB"));
        ok.set(7, new Annotation(2_000_000_101L, "A", 2, 0, 7, "odd"));
        ok.set(8, new Annotation(2_000_070_101L, "N", 0, 0, 1023, ""));
        Path f = dir.resolve("r.atr");
        AnnotationWriter.write(ok, f);
        assertEquals(ok, AnnotationReader.read(f));
    }

    @Test
    void randomRoundTrip() throws Exception {
        SplittableRandom rnd = new SplittableRandom(7);
        List<Annotation> in = new ArrayList<>();
        long t = 0;
        String[] symbols = {"N", "V", "A", "+", "~", "|", "Q", "/", "f"};
        for (int i = 0; i < 2000; i++) {
            t += rnd.nextInt(4) == 0 ? rnd.nextLong(100_000) : rnd.nextInt(600);
            String aux = rnd.nextInt(5) == 0 ? "(" + "X".repeat(rnd.nextInt(1, 40)) : "";
            in.add(new Annotation(t, symbols[rnd.nextInt(symbols.length)], rnd.nextInt(3), rnd.nextInt(2), rnd.nextInt(3), aux));
        }
        Path f = dir.resolve("rand.qrs");
        AnnotationWriter.write(in, f);
        assertEquals(in, AnnotationReader.read(f));
    }

    @Test
    void emptyFileAndBadInput() throws Exception {
        Path f = dir.resolve("e.atr");
        AnnotationWriter.write(List.of(), f);
        assertEquals(List.of(), AnnotationReader.read(f));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AnnotationWriter.encode(List.of(new Annotation(1, "xyz", 0, 0, 0, ""))));
        assertTrue(e.getMessage().contains("symbol 'xyz'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> AnnotationWriter.encode(List.of(new Annotation(-1, "N", 0, 0, 0, ""))));
        assertTrue(e.getMessage().contains("sample must be >= 0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> AnnotationWriter.encode(List.of(new Annotation(1, "N", 0, 0, 0, "x".repeat(256)))));
        assertTrue(e.getMessage().contains("aux"), e.getMessage());
    }

    @Test
    void backwardsGapUsesNegativeSkip() throws Exception {
        List<Annotation> in = List.of(new Annotation(5000, "N", 0, 0, 0, ""), new Annotation(10, "V", 0, 0, 0, ""));
        Path f = dir.resolve("b.atr");
        AnnotationWriter.write(in, f);
        assertEquals(in, AnnotationReader.read(f));
    }
}
