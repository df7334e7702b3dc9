package org.ecgworkbench.engine.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.ecgworkbench.engine.record.Annotation;
import org.ecgworkbench.engine.record.AnnotationReader;
import org.ecgworkbench.engine.record.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rhythm windows of four MIT-BIH records (two with atrial fibrillation), linked from the shared data folder;
 * skipped when it is absent.
 */
class MitdbRhythmPackTest {

    @TempDir
    Path dir;

    @Test
    void packsAfibWindowsWithNoRecordOnBothSides() throws IOException {
        Path mitdb = TestData.dir("mitdb");
        Path in = dir.resolve("mitdb");
        Files.createDirectories(in);
        List<String> records = List.of("101", "201", "203", "209");
        for (String r : records) {
            for (String ext : List.of("hea", "dat", "atr")) {
                Files.createSymbolicLink(in.resolve(r + "." + ext), mitdb.resolve(r + "." + ext).toAbsolutePath());
            }
        }
        DatasetPacker.Result result = new DatasetPacker().rhythm("atr").pack(in, dir.resolve("mitdb.h5"));
        assertEquals(4, result.packed(), result.skipped().toString());
        Dataset d = Dataset.open(dir.resolve("mitdb.h5"));
        assertEquals(360.0, d.fs());
        int afib = d.classNames().indexOf("AFIB");
        assertTrue(afib >= 0, d.classNames().toString());
        int[][] counts = d.classCounts();
        assertTrue(counts[afib][0] + counts[afib][1] > 50, "AFIB windows: " + (counts[afib][0] + counts[afib][1]));

        Map<String, Byte> side = new HashMap<>();
        for (int i = 0; i < d.size(); i++) {
            Byte old = side.putIfAbsent(d.source(i), d.split(i));
            assertTrue(old == null || old == d.split(i), "record " + d.source(i) + " in train and test");
        }
        assertEquals(4, side.size());
        assertTrue(side.containsValue(Split.TRAIN) && side.containsValue(Split.TEST));

        // every window checked against the annotation file itself: the rhythm in force at its first sample,
        // and no other rhythm annotation inside it
        Map<String, List<Annotation>> rhythms = new HashMap<>();
        for (String r : records) {
            rhythms.put(r, AnnotationReader.read(in.resolve(r + ".atr")).stream()
                    .filter(a -> a.symbol().equals("+")).toList());
        }
        for (int i = 0; i < d.size(); i++) {
            long start = d.sourceStart(i);
            long end = start + d.length(i);
            assertEquals(3600, d.length(i));
            String inForce = null;
            for (Annotation a : rhythms.get(d.source(i))) {
                if (a.sample() <= start) {
                    inForce = a.aux();
                } else if (a.sample() < end) {
                    assertEquals(inForce, a.aux(), d.recordName(i) + " crosses a rhythm change at " + a.sample());
                }
            }
            assertEquals("(" + d.labelName(i), inForce, d.recordName(i));
        }
    }
}
