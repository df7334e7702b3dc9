package org.ecgworkbench.engine.dataset;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import org.ecgworkbench.engine.features.RecordFeatures;
import org.ecgworkbench.engine.record.Annotation;
import org.ecgworkbench.engine.record.AnnotationWriter;
import org.ecgworkbench.engine.record.Record;
import org.ecgworkbench.engine.record.Records;
import org.ecgworkbench.engine.synth.Rhythm;
import org.ecgworkbench.engine.synth.SynthParams;
import org.ecgworkbench.engine.synth.SyntheticRecord;
import org.ecgworkbench.engine.synth.Synthesizer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rhythm-window packing on synthetic WFDB records whose .atr files carry hand-built rhythm layouts: exact windows,
 * names, labels, signals, features and provenance; a split and a pre-training plan that never put one source record
 * on both sides; version and consistency checks of the file; refused input.
 */
class RhythmPackTest {

    static final double FS = 250;

    @TempDir
    static Path dir;
    static Path in;
    static Dataset dataset;
    static DatasetPacker.Result result;

    static Annotation rhythm(long sample, String aux) {
        return new Annotation(sample, "+", 0, 0, 0, aux);
    }

    /** A synthetic record (sinus signal, its own beat annotations) with the given rhythm annotations in its .atr. */
    static void record(Path folder, String name, double seconds, long seed, List<Annotation> rhythms)
            throws IOException {
        SyntheticRecord r = Synthesizer.generate(SynthParams.builder(Rhythm.NSR, seconds, FS).seed(seed).build());
        r.write(folder, name);
        List<Annotation> all = new ArrayList<>(r.annotations().stream().filter(a -> !a.symbol().equals("+")).toList());
        all.addAll(rhythms);
        all.sort(Comparator.comparingLong(Annotation::sample));
        AnnotationWriter.write(all, folder.resolve(name + ".atr"));
    }

    /** The hand-built layout of record "layout" (90 s at 250 Hz) and its 10-s windows. */
    static final List<Annotation> LAYOUT = List.of(
            rhythm(500, "(N"),          // N 2 s to 25 s: 23 s, windows at 500 and 3000
            rhythm(6250, "(AFIB"),      // AFIB 25 s to 57.5 s: 32.5 s, windows at 6250, 8750, 11250
            rhythm(14375, "(VT"),       // VT 57.5 s to 65 s: 7.5 s, no window
            rhythm(16250, "(N"));       // N 65 s to the end (90 s): 25 s, windows at 16250 and 18750
    static final int[] LAYOUT_STARTS = {500, 3000, 6250, 8750, 11250, 16250, 18750};
    static final String[] LAYOUT_LABELS = {"N", "N", "AFIB", "AFIB", "AFIB", "N", "N"};

    /** 12 more sources of 60 s: all N (6 windows), N then AFIB (3 + 3), or all AFIB (6). */
    @BeforeAll
    static void packFixture() throws IOException {
        in = dir.resolve("in");
        Files.createDirectories(in);
        record(in, "layout", 90, 1, LAYOUT);
        for (int k = 0; k < 12; k++) {
            List<Annotation> a = switch (k % 3) {
                case 0 -> List.of(rhythm(0, "(N"));
                case 1 -> List.of(rhythm(0, "(N"), rhythm(7500, "(AFIB"));
                default -> List.of(rhythm(0, "(AFIB"));
            };
            record(in, String.format("src%02d", k), 60, 10 + k, a);
        }
        result = new DatasetPacker().rhythm("atr").seed(5).command("pack rhythm test").pack(in, dir.resolve("r.h5"));
        dataset = Dataset.open(dir.resolve("r.h5"));
    }

    @Test
    void windowCountsAndLabelsFollowTheLayout() {
        // layout: 7; 12 sources x 6 windows of 10 s in 60 s
        assertEquals(7 + 72, dataset.size());
        assertEquals(79, result.items());
        assertEquals(13, result.packed());
        assertEquals(13, result.found());
        assertEquals(List.of(), result.skipped());
        assertEquals(List.of("AFIB", "N"), dataset.classNames());
        int[][] counts = dataset.classCounts();
        // AFIB: layout 3, four sources x 3, four x 6; N: layout 4, four x 6, four x 3
        assertEquals(3 + 12 + 24, counts[0][0] + counts[0][1]);
        assertEquals(4 + 24 + 12, counts[1][0] + counts[1][1]);
        assertEquals(Dataset.ItemKind.RHYTHM_WINDOW, dataset.itemKind());
        assertEquals(10.0, dataset.windowSeconds());
        assertEquals("atr", dataset.annotator());
        assertEquals(Dataset.SPLIT_BY_SOURCE, dataset.splitMethod());
        assertEquals(FS, dataset.fs());
        assertEquals(13, dataset.sourceNames().size());
    }

    @Test
    void everyWindowOfTheLayoutIsItsSourceSlice() throws IOException {
        Record r = Records.read(in.resolve("layout"));
        String sha = DatasetPacker.sha256(in, "layout");
        for (int w = 0; w < LAYOUT_STARTS.length; w++) {
            String name = String.format("layout/%04d", w);
            int i = index(name);
            assertEquals("layout", dataset.source(i));
            assertEquals(LAYOUT_STARTS[w], dataset.sourceStart(i));
            assertEquals(LAYOUT_LABELS[w], dataset.labelName(i), name);
            assertEquals(2500, dataset.length(i));
            assertEquals(sha, dataset.sha256(i));
            double[][] slice = new double[r.leadCount()][];
            for (int l = 0; l < r.leadCount(); l++) {
                slice[l] = java.util.Arrays.copyOfRange(r.physical(l), LAYOUT_STARTS[w], LAYOUT_STARTS[w] + 2500);
            }
            float[] expected = new float[2500];
            for (int k = 0; k < expected.length; k++) {
                expected[k] = (float) slice[0][k];
            }
            assertArrayEquals(expected, dataset.signal(i), name);
            Record window = Record.fromPhysical(name, FS, r.leadNames(), r.units(), slice, List.of(), List.of());
            assertArrayEquals(RecordFeatures.of(List.of(window), 0).get(0), dataset.features(i), name);
        }
        assertEquals(-1, indexOrMinus("layout/0007"));
    }

    @Test
    void namesAreSortedUniqueAndSplitBackIntoSourceAndWindow() {
        for (int i = 0; i < dataset.size(); i++) {
            String name = dataset.recordName(i);
            assertEquals(dataset.source(i), name.substring(0, name.lastIndexOf('/')));
            assertTrue(name.substring(name.lastIndexOf('/') + 1).matches("\\d{4}"), name);
            if (i > 0) {
                assertTrue(dataset.recordName(i - 1).compareTo(name) < 0, name);
            }
        }
    }

    static int indexOrMinus(String name) {
        for (int i = 0; i < dataset.size(); i++) {
            if (dataset.recordName(i).equals(name)) {
                return i;
            }
        }
        return -1;
    }

    static int index(String name) {
        int i = indexOrMinus(name);
        assertTrue(i >= 0, name + " not in the dataset");
        return i;
    }

    static void assertNoSourceOnBothSplits(Dataset d) {
        Map<String, Byte> side = new HashMap<>();
        for (int i = 0; i < d.size(); i++) {
            Byte old = side.putIfAbsent(d.source(i), d.split(i));
            assertTrue(old == null || old == d.split(i), "source " + d.source(i) + " in train and test");
        }
        assertTrue(side.containsValue(Split.TRAIN) && side.containsValue(Split.TEST), "both sides hold sources");
    }

    @Test
    void noSourceRecordIsOnBothSidesOfTheSplit() {
        assertNoSourceOnBothSplits(dataset);
        int[] sources = dataset.sourceCounts();
        assertEquals(13, sources[0] + sources[1]);
        int[][] counts = dataset.classCounts();
        for (int[] c : counts) {
            double share = (double) c[1] / (c[0] + c[1]);
            assertTrue(share > 0.1 && share < 0.3, "test share " + share);
        }
    }

    @Test
    void theSameSeedGivesTheSameFile() throws IOException {
        Dataset again = Dataset.open(new DatasetPacker().rhythm("atr").seed(5).pack(in, dir.resolve("again.h5")).out());
        for (int i = 0; i < dataset.size(); i++) {
            assertEquals(dataset.recordName(i), again.recordName(i));
            assertEquals(dataset.split(i), again.split(i));
        }
        for (long seed = 0; seed < 3; seed++) {
            Path out = dir.resolve("seed" + seed + ".h5");
            new DatasetPacker().rhythm("atr").seed(seed).windowSeconds(20).pack(in, out);
            assertNoSourceOnBothSplits(Dataset.open(out));
        }
    }

    @Test
    void pretrainSidesNeverShareASourceRecord() {
        for (long seed : new long[] {1, 2, 3}) {
            PretrainSet set = PretrainSet.plan(dataset, seed, 0.25, AugmentationConfig.DEFAULT);
            Map<String, Byte> side = new HashMap<>();
            for (PretrainSet.Item it : set.items()) {
                assertEquals(Split.TRAIN, dataset.split(it.source()), "only train-split windows");
                String source = dataset.source(it.source());
                Byte old = side.putIfAbsent(source, it.side());
                assertTrue(old == null || old == it.side(), "source record " + source + " on both sides");
                assertEquals(dataset.label(it.source()), it.label());
            }
            assertTrue(side.containsValue(PretrainSet.TRAIN) && side.containsValue(PretrainSet.VALIDATION));
            int[] sources = set.sourceRecordCounts();
            assertEquals(dataset.sourceCounts()[Split.TRAIN], sources[0] + sources[1]);
            for (int s = 0; s < 2; s++) {
                int expected = -1;
                for (int[] c : set.counts()) {
                    if (c[s] > 0) {
                        assertTrue(expected < 0 || expected == c[s], "side " + s + " balanced");
                        expected = c[s];
                    }
                }
            }
        }
        assertEquals(PretrainSet.plan(dataset, 4, 0.25, AugmentationConfig.DEFAULT).items(),
                PretrainSet.plan(dataset, 4, 0.25, AugmentationConfig.DEFAULT).items());
    }

    @Test
    void aPlanOnARhythmDatasetIsWrittenAndReadBack() throws IOException {
        PretrainSet set = PretrainSet.plan(dataset, 1, 0.25, AugmentationConfig.DEFAULT);
        PretrainPlan plan = PretrainPlan.write(set, dir.resolve("plan.h5"), "pretrain test");
        assertEquals(set.items(), plan.items());
    }

    /** Copies a packed file through jHDF, replacing one dataset's data. */
    static Path withDataset(Path src, Path dst, String name, Object data) throws IOException {
        try (HdfFile inFile = new HdfFile(src); WritableHdfFile out = HdfFile.write(dst)) {
            for (var a : inFile.getAttributes().entrySet()) {
                if (!a.getKey().startsWith("_")) {
                    out.putAttribute(a.getKey(), a.getValue().getData());
                }
            }
            for (var c : inFile.getChildren().entrySet()) {
                var ds = (io.jhdf.api.Dataset) c.getValue();
                var w = out.putDataset(c.getKey(), c.getKey().equals(name) ? data : ds.getData());
                for (var a : ds.getAttributes().entrySet()) {
                    w.putAttribute(a.getKey(), a.getValue().getData());
                }
            }
        }
        return dst;
    }

    @Test
    void aFileWithASourceOnBothSidesIsRefused() throws IOException {
        byte[] split = new byte[dataset.size()];
        for (int i = 0; i < split.length; i++) {
            split[i] = dataset.split(i);
        }
        int first = index("layout/0000");
        split[first] = (byte) (1 - split[first]);
        Path leaky = withDataset(dataset.file(), dir.resolve("leaky.h5"), "split", split);
        DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> Dataset.open(leaky));
        assertTrue(e.reason().contains("source layout is on both sides of the split"), e.reason());
        assertEquals(leaky, e.file());

        long[] starts = new long[dataset.size()];
        starts[0] = -5;
        Path negative = withDataset(dataset.file(), dir.resolve("negative.h5"), "source_starts", starts);
        assertTrue(assertThrows(DatasetFormatException.class, () -> Dataset.open(negative)).reason()
                .contains("source start of item 0"));
    }

    @Test
    void aRecordWithoutAnnotationFileIsSkippedAndNamed() throws IOException {
        Path folder = dir.resolve("missing-atr");
        Files.createDirectories(folder);
        record(folder, "a", 30, 1, List.of(rhythm(0, "(N")));
        record(folder, "b", 30, 2, List.of(rhythm(0, "(AFIB")));
        Files.delete(folder.resolve("b.atr"));
        List<DatasetPacker.Skipped> seen = new ArrayList<>();
        DatasetPacker.Result r = new DatasetPacker().rhythm("atr").onSkip(seen::add).pack(folder,
                dir.resolve("m.h5"));
        assertEquals(1, r.packed());
        assertEquals(3, r.items());
        assertEquals(1, seen.size());
        assertEquals("b", seen.get(0).record());
        assertEquals(folder.resolve("b.atr"), seen.get(0).file());
        assertTrue(seen.get(0).reason().contains("no annotation file"), seen.get(0).reason());
    }

    @Test
    void anotherAnnotatorIsRead() throws IOException {
        Path folder = dir.resolve("ref");
        Files.createDirectories(folder);
        record(folder, "a", 30, 1, List.of(rhythm(0, "(N"), rhythm(2500, "(AFL")));
        Files.move(folder.resolve("a.atr"), folder.resolve("a.ref"));
        Dataset d = Dataset.open(new DatasetPacker().rhythm("ref").windowSeconds(5).pack(folder,
                dir.resolve("ref.h5")).out());
        assertEquals(List.of("AFL", "N"), d.classNames());
        assertEquals(6, d.size());
        assertEquals(2, d.classCounts()[1][0] + d.classCounts()[1][1]);
        assertEquals("ref", d.annotator());
        assertEquals(5.0, d.windowSeconds());
        assertEquals(1250, d.length(0));
    }

    @Test
    void aFolderWithoutAnnotationFilesIsRefused() throws IOException {
        Path folder = dir.resolve("no-atr");
        Files.createDirectories(folder);
        record(folder, "a", 30, 1, List.of(rhythm(0, "(N")));
        Files.delete(folder.resolve("a.atr"));
        Path out = dir.resolve("none.h5");
        DatasetFormatException e = assertThrows(DatasetFormatException.class,
                () -> new DatasetPacker().rhythm("atr").pack(folder, out));
        assertEquals(folder, e.file());
        assertTrue(e.reason().contains("no record has an annotation file .atr"), e.reason());
        assertFalse(Files.exists(out));
    }

    @Test
    void aFolderWithoutRhythmAnnotationsIsRefused() throws IOException {
        Path folder = dir.resolve("beats-only");
        Files.createDirectories(folder);
        record(folder, "a", 30, 1, List.of());
        record(folder, "b", 30, 2, List.of(new Annotation(0, "+", 0, 0, 0, "")));
        DatasetFormatException e = assertThrows(DatasetFormatException.class,
                () -> new DatasetPacker().rhythm("atr").pack(folder, dir.resolve("x.h5")));
        assertEquals(folder, e.file());
        assertTrue(e.reason().contains("no rhythm annotations"), e.reason());
    }

    @Test
    void episodesShorterThanAWindowGiveNothingAndSaySo() throws IOException {
        List<DatasetPacker.Skipped> seen = new ArrayList<>();
        DatasetFormatException e = assertThrows(DatasetFormatException.class,
                () -> new DatasetPacker().rhythm("atr").windowSeconds(100).onSkip(seen::add).pack(in,
                        dir.resolve("long.h5")));
        assertTrue(e.reason().contains("none of the 13 records could be packed"), e.reason());
        assertEquals(13, seen.size());
        assertTrue(seen.get(0).reason().contains("no rhythm episode lasts a window of 100.0 s"), seen.get(0).reason());
    }

    @Test
    void badOptionsAreRefused() {
        for (double s : new double[] {0, -10, Double.NaN, Double.POSITIVE_INFINITY}) {
            assertThrows(IllegalArgumentException.class, () -> new DatasetPacker().windowSeconds(s));
        }
        for (String a : new String[] {"", "a/b", "x.y", null}) {
            assertThrows(IllegalArgumentException.class, () -> new DatasetPacker().rhythm(a));
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new DatasetPacker().rhythm("atr").labels(in.resolve("labels.csv")).pack(in, dir.resolve("y.h5")));
        assertTrue(e.getMessage().contains("exclude each other"), e.getMessage());
    }
}
