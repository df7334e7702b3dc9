package org.ecgworkbench.engine.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.ecgworkbench.engine.dataset.Dataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FeatureClassifierTest {

    @TempDir
    Path dir;

    @Test
    void suggestionsCoverEveryRecordAndReadBackAsTheSuggestionEntry() throws IOException {
        Dataset ds = Dataset.open(TinyData.pack(dir, 8));
        List<String> names = FeatureClassifier.defaultFeatures(ds);
        assertTrue(!names.contains("fs_hz") && names.contains("cv_rr"));
        double[][] p = FeatureClassifier.suggestions(ds, names, 3, 7);
        assertEquals(ds.size(), p.length);
        int right = 0;
        for (int i = 0; i < p.length; i++) {
            assertEquals(1, p[i][0] + p[i][1], 1e-5, ds.recordName(i));
            right += Inference.argmax(p[i]) == ds.label(i) ? 1 : 0;
        }
        // Sinus rhythm against AF on RR irregularity: out-of-fold, still far better than chance.
        assertTrue(right >= 0.75 * p.length, right + " of " + p.length);
        Path csv = dir.resolve("s.csv");
        FeatureClassifier.write(ds, p, csv);
        Suggestions s = Suggestions.read(csv, List.of("N", "A"));
        assertEquals(ds.size(), s.size());
        assertEquals((float) p[0][ds.classNames().indexOf("N")], s.of(ds.recordName(0), null)[0], 1e-6);
    }

    @Test
    void foldsAreStratifiedAndCoverEachTrainingItemOnce() throws IOException {
        Dataset ds = Dataset.open(TinyData.pack(dir, 8));
        int[] items = java.util.stream.IntStream.range(0, ds.size()).filter(i -> ds.split(i) == 0).toArray();
        int[] fold = FeatureClassifier.stratifiedFolds(ds, items, 3, 1);
        for (int c = 0; c < 2; c++) {
            int[] perFold = new int[3];
            for (int j = 0; j < items.length; j++) {
                if (ds.label(items[j]) == c) {
                    perFold[fold[j]]++;
                }
            }
            int min = Math.min(perFold[0], Math.min(perFold[1], perFold[2]));
            int max = Math.max(perFold[0], Math.max(perFold[1], perFold[2]));
            assertTrue(max - min <= 1, java.util.Arrays.toString(perFold));
        }
        assertThrows(IllegalArgumentException.class, () -> FeatureClassifier.suggestions(ds, List.of("cv_rr"), 1, 0));
    }
}
