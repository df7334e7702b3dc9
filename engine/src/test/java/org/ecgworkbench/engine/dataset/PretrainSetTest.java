package org.ecgworkbench.engine.dataset;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.ecgworkbench.engine.synth.Rhythm;
import org.ecgworkbench.engine.synth.SynthParams;
import org.ecgworkbench.engine.synth.Synthesizer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The balanced pre-training plan on a packed synthetic dataset of 20 N, 6 A and 4 O records: class balance,
 * source disjointness, only train-split records, determinism, materialization, the plan file.
 */
class PretrainSetTest {

    @TempDir
    static Path dir;
    static Dataset dataset;

    @BeforeAll
    static void packImbalancedFixture() throws IOException {
        Path in = dir.resolve("in");
        Files.createDirectories(in);
        StringBuilder ref = new StringBuilder();
        Object[][] mix = {{Rhythm.NSR, 20}, {Rhythm.AF, 6}, {Rhythm.OTHER, 4}};
        int seed = 1;
        for (Object[] m : mix) {
            Rhythm r = (Rhythm) m[0];
            for (int k = 0; k < (int) m[1]; k++) {
                String name = String.format("%s-%02d", r.name().toLowerCase(), k);
                Synthesizer.generate(SynthParams.builder(r, 8, 250).seed(seed++).build()).write(in, name);
                ref.append(name).append(',').append(r == Rhythm.NSR ? "N" : r == Rhythm.AF ? "A" : "O").append('\n');
            }
        }
        Files.writeString(in.resolve("REFERENCE.csv"), ref);
        Path out = dir.resolve("fixture.h5");
        new DatasetPacker().seed(5).testFraction(0.2).pack(in, out);
        dataset = Dataset.open(out);
        assertEquals(30, dataset.size());
    }

    static PretrainSet plan(long seed) {
        return PretrainSet.plan(dataset, seed, 0.2, AugmentationConfig.DEFAULT);
    }

    @Test
    void classCountsAreEqualOverallAndOnEachSide() {
        PretrainSet set = plan(9);
        int[][] counts = set.counts();
        // train split: N 16, A 5, O 3 -> validation sources round(k*0.2) clamped to [1, k-1]: 3, 1, 1
        assertEquals(List.of("A", "N", "O"), dataset.classNames());
        for (int[] c : counts) {
            assertEquals(13, c[PretrainSet.TRAIN]);
            assertEquals(3, c[PretrainSet.VALIDATION]);
        }
        assertEquals(48, set.items().size());
    }

    @Test
    void noSourceRecordOnBothSides() {
        Map<Integer, Byte> side = new HashMap<>();
        for (PretrainSet.Item it : plan(9).items()) {
            Byte old = side.putIfAbsent(it.source(), it.side());
            assertTrue(old == null || old == it.side(), "source " + it.source() + " on both sides");
        }
        assertTrue(side.containsValue(PretrainSet.TRAIN) && side.containsValue(PretrainSet.VALIDATION));
    }

    @Test
    void onlyTrainSplitRecordsEveryOneOnceAsOriginal() {
        PretrainSet set = plan(9);
        int trainRecords = 0;
        for (int i = 0; i < dataset.size(); i++) {
            final int idx = i;
            long originals = set.items().stream().filter(it -> it.source() == idx && it.copy() == 0).count();
            if (dataset.split(i) == Split.TRAIN) {
                trainRecords++;
                assertEquals(1, originals, dataset.recordName(i));
            } else {
                assertTrue(set.items().stream().noneMatch(it -> it.source() == idx), dataset.recordName(i));
            }
        }
        assertEquals(24, trainRecords);
        for (PretrainSet.Item it : set.items()) {
            assertEquals(dataset.label(it.source()), it.label());
        }
        assertEquals(set.items().size(), set.items().stream().distinct().count());
    }

    @Test
    void deterministicForASeed() {
        assertEquals(plan(9).items(), plan(9).items());
        assertFalse(plan(9).items().equals(plan(10).items()), "another seed, another side assignment");
        PretrainSet.Item copy = plan(9).items().stream().filter(it -> it.copy() > 0).findFirst().orElseThrow();
        assertArrayEquals(plan(9).materialize(copy), plan(9).materialize(copy));
    }

    @Test
    void materializeAugmentsCopiesOnly() {
        PretrainSet set = plan(9);
        for (PretrainSet.Item it : set.items()) {
            float[] x = set.materialize(it);
            if (it.copy() == 0) {
                assertArrayEquals(dataset.signal(it.source()), x);
            } else {
                int n = dataset.length(it.source());
                assertTrue(x.length >= Math.round(0.8 * n) && x.length <= n);
            }
        }
    }

    @Test
    void badParametersAreRefused() {
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> PretrainSet.plan(dataset, 1, 1.0, AugmentationConfig.DEFAULT)).getMessage()
                .contains("validation fraction"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PretrainSet.items(
                new int[] {0, 0, 1}, new byte[3], List.of("X", "Y"), 1, 0.2));
        assertTrue(e.getMessage().contains("class Y"), e.getMessage());
        // fraction 0: everything on the train side, still balanced
        List<PretrainSet.Item> all = PretrainSet.items(new int[] {0, 0, 1}, new byte[3], List.of("X", "Y"), 1, 0);
        assertEquals(4, all.size());
        assertTrue(all.stream().allMatch(it -> it.side() == PretrainSet.TRAIN));
    }

    @Test
    void itemsSharingASourceAreSplitBySource() {
        // six windows of three sources (test-split windows of source 7 are not used)
        int[] labels = {0, 1, 0, 0, 1, 1, 0};
        byte[] split = {0, 0, 0, 0, 0, 0, 1};
        int[] sources = {3, 3, 5, 5, 9, 9, 7};
        List<PretrainSet.Item> items = PretrainSet.items(labels, split, sources, List.of("X", "Y"), 4, 0.3);
        Map<Integer, Byte> side = new HashMap<>();
        for (PretrainSet.Item it : items) {
            assertTrue(it.source() != 6, "test-split item used");
            Byte old = side.putIfAbsent(sources[it.source()], it.side());
            assertTrue(old == null || old == it.side(), "source " + sources[it.source()] + " on both sides");
        }
        assertTrue(side.containsValue(PretrainSet.TRAIN) && side.containsValue(PretrainSet.VALIDATION));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PretrainSet.items(
                new int[] {0, 1, 0}, new byte[3], new int[] {2, 2, 2}, List.of("X", "Y"), 1, 0.2));
        assertTrue(e.getMessage().contains("1 source record"), e.getMessage());
        assertEquals(4, PretrainSet.items(new int[] {0, 1, 0}, new byte[3], new int[] {2, 2, 2}, List.of("X", "Y"),
                1, 0).size());
    }

    @Test
    void planFileRoundTripsAndCorruptionIsRefused() throws IOException {
        PretrainSet set = PretrainSet.plan(dataset, 9, 0.2, AugmentationConfig.DEFAULT.withPowerline(0.01, 60));
        Path out = dir.resolve("plan.h5");
        PretrainPlan.write(set, out, "pretrain test");
        PretrainPlan p = PretrainPlan.open(out);
        assertEquals(set.items(), p.items());
        assertEquals(set.config(), p.config());
        assertEquals(9, p.seed());
        assertEquals(0.2, p.validationFraction());
        assertEquals(30, p.datasetRecords());
        assertEquals(dataset.file().toAbsolutePath().normalize().toString(), p.datasetPath());
        assertEquals(PretrainPlan.sha256(dataset.file()), p.datasetSha256());
        assertEquals(dataset.classNames(), p.classNames());
        assertEquals("pretrain test", p.command());
        try (var files = Files.list(dir)) {
            assertTrue(files.noneMatch(f -> f.getFileName().toString().endsWith(".tmp")));
        }

        Path truncated = dir.resolve("truncated.h5");
        byte[] bytes = Files.readAllBytes(out);
        Files.write(truncated, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        assertThrows(DatasetFormatException.class, () -> PretrainPlan.open(truncated));
        Path junk = dir.resolve("junk.h5");
        Files.writeString(junk, "not hdf5");
        assertThrows(DatasetFormatException.class, () -> PretrainPlan.open(junk));
        assertThrows(DatasetFormatException.class, () -> PretrainPlan.open(dataset.file()));
        Path flipped = dir.resolve("flipped.h5");
        Files.write(flipped, bytes);
        assertTrue(corruptSide(flipped, set), "side dataset found in the file");
        DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> PretrainPlan.open(flipped));
        assertTrue(e.reason().contains("both sides") || e.reason().contains("balanced"), e.reason());
    }

    /** Flips the first side byte of the file's /side dataset (found as the exact byte run of the sides). */
    private static boolean corruptSide(Path file, PretrainSet set) throws IOException {
        byte[] sides = new byte[set.items().size()];
        for (int i = 0; i < sides.length; i++) {
            sides[i] = set.items().get(i).side();
        }
        byte[] all = Files.readAllBytes(file);
        outer:
        for (int at = 0; at + sides.length <= all.length; at++) {
            for (int k = 0; k < sides.length; k++) {
                if (all[at + k] != sides[k]) {
                    continue outer;
                }
            }
            try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
                f.seek(at);
                f.write(1 - sides[0]);
            }
            return true;
        }
        return false;
    }
}
