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
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import org.ecgworkbench.engine.features.RecordFeatures;
import org.ecgworkbench.engine.record.Record;
import org.ecgworkbench.engine.record.Records;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Packs samples/ and checks every field of the file against the records; atomic writing; refused files. */
class DatasetPackerTest {

    static final Path SAMPLES = Path.of("..", "samples");

    @TempDir
    Path dir;

    private Path packSamples(Path out) throws IOException {
        new DatasetPacker().labels(SAMPLES.resolve("REFERENCE.csv")).command("pack test").createdBy("test 1")
                .seed(7).pack(SAMPLES, out);
        return out;
    }

    @Test
    void packsEveryFieldOfTheSamples() throws IOException {
        Path out = packSamples(dir.resolve("samples.h5"));
        Dataset d = Dataset.open(out);
        Map<String, String> labels = new TreeMap<>(Records.readLabels(SAMPLES.resolve("REFERENCE.csv")));
        assertEquals(labels.size(), d.size());
        assertEquals(Dataset.SCHEMA_VERSION, d.schemaVersion());
        assertEquals(List.of("A", "N", "O", "~"), d.classNames());
        assertEquals("pack test", d.command());
        assertEquals("test 1", d.createdBy());
        assertEquals(7, d.splitSeed());
        assertEquals(0.2, d.splitTestFraction());
        assertEquals(0, d.lead());
        assertTrue(Double.isNaN(d.fs()), "the samples mix 250, 300, 360 and 500 Hz");
        assertEquals(RecordFeatures.NAMES, d.featureNames());

        List<Record> records = new ArrayList<>();
        for (String name : labels.keySet()) {
            records.add(Records.read(SAMPLES.resolve(name)));
        }
        List<double[]> features = RecordFeatures.of(records, 0);
        long offset = 0;
        int i = 0;
        for (String name : labels.keySet()) {
            Record r = records.get(i);
            assertEquals(name, d.recordName(i));
            assertEquals(labels.get(name), d.labelName(i));
            assertEquals(r.samplingFrequency(), d.fs(i));
            assertEquals(offset, d.offsets()[i]);
            assertEquals(r.samples(), d.length(i));
            offset += r.samples();
            double[] phys = r.physical(0);
            float[] expected = new float[phys.length];
            for (int k = 0; k < phys.length; k++) {
                expected[k] = (float) phys[k];
            }
            assertArrayEquals(expected, d.signal(i), name);
            assertArrayEquals(features.get(i), d.features(i), name);
            assertEquals(DatasetPacker.sha256(SAMPLES, name), d.sha256(i));
            assertTrue(d.split(i) == Split.TRAIN || d.split(i) == Split.TEST);
            i++;
        }
        assertEquals(offset, d.offsets()[d.size()]);
        assertFalse(d.checks().isEmpty());
    }

    @Test
    void sha256CoversTheHeaderAndSignalFilesInNameOrder() throws Exception {
        var md = java.security.MessageDigest.getInstance("SHA-256");
        md.update(Files.readAllBytes(SAMPLES.resolve("synth-af-300.dat")));
        md.update(Files.readAllBytes(SAMPLES.resolve("synth-af-300.hea")));
        assertEquals(java.util.HexFormat.of().formatHex(md.digest()), DatasetPacker.sha256(SAMPLES, "synth-af-300"));
    }

    @Test
    void unreadableAndUnlabelledRecordsAreSkippedAndReported() throws IOException {
        Path in = dir.resolve("in");
        Files.createDirectories(in);
        for (String ext : List.of("hea", "dat")) {
            Files.copy(SAMPLES.resolve("synth-nsr-360." + ext), in.resolve("synth-nsr-360." + ext));
            Files.copy(SAMPLES.resolve("synth-af-300." + ext), in.resolve("synth-af-300." + ext));
            Files.copy(SAMPLES.resolve("synth-pvc-250." + ext), in.resolve("unlabelled." + ext));
        }
        Files.writeString(in.resolve("broken.hea"), "broken 1 360 nonsense\n");
        Files.writeString(in.resolve("labels.csv"), "synth-nsr-360,N\nsynth-af-300,A\nbroken,N\n");
        List<DatasetPacker.Skipped> seen = new ArrayList<>();
        DatasetPacker.Result result = new DatasetPacker().labels(in.resolve("labels.csv"))
                .onSkip(seen::add).pack(in, dir.resolve("out.h5"));
        assertEquals(2, result.packed());
        assertEquals(4, result.found());
        assertEquals(2, result.skipped().size());
        assertEquals(seen.size(), 2);
        assertTrue(seen.stream().anyMatch(s -> s.record().equals("unlabelled") && s.reason().contains("no label")));
        assertTrue(seen.stream().anyMatch(s -> s.record().equals("broken") && s.file().endsWith("broken.hea")));
        Dataset d = Dataset.open(dir.resolve("out.h5"));
        assertEquals(List.of("synth-af-300", "synth-nsr-360"), List.of(d.recordName(0), d.recordName(1)));
    }

    @Test
    void csvFolderWithLabelsAndFs() throws IOException {
        Path in = dir.resolve("csv");
        Files.createDirectories(in);
        Record r = Records.read(SAMPLES.resolve("synth-nsr-360"));
        Records.write(r, in, Records.Format.CSV);
        Files.writeString(in.resolve("labels.csv"), "synth-nsr-360,N\n");
        Path out = dir.resolve("csv.h5");
        new DatasetPacker().labels(in.resolve("labels.csv")).csvFs(360).pack(in, out);
        Dataset d = Dataset.open(out);
        assertEquals(1, d.size());
        assertEquals(360.0, d.fs());
        assertEquals(r.samples(), d.length(0));
        assertThrows(DatasetFormatException.class,
                () -> new DatasetPacker().labels(in.resolve("labels.csv")).pack(in, dir.resolve("nofs.h5")));
        assertFalse(Files.exists(dir.resolve("nofs.h5")));
    }

    @Test
    void missingLabelsFileIsNamed() {
        DatasetFormatException e = assertThrows(DatasetFormatException.class,
                () -> new DatasetPacker().pack(dir, dir.resolve("x.h5")));
        assertTrue(e.getMessage().contains("REFERENCE.csv"), e.getMessage());
    }

    @Test
    void failedWriteLeavesTheExistingOutputAndNoTempFile() throws IOException {
        Path out = dir.resolve("keep.h5");
        Files.writeString(out, "previous content");
        DatasetPacker packer = new DatasetPacker().labels(SAMPLES.resolve("REFERENCE.csv"));
        packer.beforeMove = temp -> {
            assertTrue(Files.size(temp) > 0);
            throw new IOException("disk full (simulated)");
        };
        IOException e = assertThrows(IOException.class, () -> packer.pack(SAMPLES, out));
        assertTrue(e.getMessage().contains("simulated"));
        assertEquals("previous content", Files.readString(out));
        try (var files = Files.list(dir)) {
            assertEquals(List.of(out), files.toList());
        }
    }

    @Test
    void successfulPackReplacesTheExistingOutput() throws IOException {
        Path out = dir.resolve("replace.h5");
        Files.writeString(out, "previous content");
        packSamples(out);
        assertEquals(5, Dataset.open(out).size());
        try (var files = Files.list(dir)) {
            assertEquals(List.of(out), files.toList());
        }
    }

    @Test
    void truncatedFileIsRefused() throws IOException {
        Path out = packSamples(dir.resolve("full.h5"));
        byte[] all = Files.readAllBytes(out);
        for (int keep : new int[] {all.length / 2, all.length - 100, 1000}) {
            Path cut = dir.resolve("cut" + keep + ".h5");
            Files.write(cut, java.util.Arrays.copyOf(all, keep));
            DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> Dataset.open(cut));
            assertEquals(cut, e.file());
            assertTrue(e.getMessage().startsWith(cut.toString()), e.getMessage());
        }
    }

    @Test
    void nonHdf5FileIsRefused() throws IOException {
        Path f = dir.resolve("text.h5");
        Files.writeString(f, "this is not HDF5\n".repeat(100));
        DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> Dataset.open(f));
        assertEquals(f, e.file());
        assertThrows(DatasetFormatException.class, () -> Dataset.open(dir.resolve("absent.h5")));
    }

    /** Copies a packed file through jHDF, leaving out one dataset or overriding one root attribute. */
    private Path copy(Path src, Path dst, String dropDataset, String attribute, Object value) throws IOException {
        try (HdfFile in = new HdfFile(src); WritableHdfFile out = HdfFile.write(dst)) {
            for (var a : in.getAttributes().entrySet()) {
                if (!a.getKey().startsWith("_")) {
                    out.putAttribute(a.getKey(), a.getKey().equals(attribute) ? value : a.getValue().getData());
                }
            }
            for (var c : in.getChildren().entrySet()) {
                if (c.getKey().equals(dropDataset)) {
                    continue;
                }
                var ds = (io.jhdf.api.Dataset) c.getValue();
                var w = out.putDataset(c.getKey(), ds.getData());
                for (var a : ds.getAttributes().entrySet()) {
                    w.putAttribute(a.getKey(), a.getValue().getData());
                }
            }
        }
        return dst;
    }

    @Test
    void aFaithfulCopyOpens() throws IOException {
        Path out = packSamples(dir.resolve("a.h5"));
        assertEquals(5, Dataset.open(copy(out, dir.resolve("copy.h5"), null, null, null)).size());
    }

    @Test
    void missingDatasetIsRefused() throws IOException {
        Path out = packSamples(dir.resolve("a.h5"));
        for (String name : List.of("signals", "offsets", "labels", "record_names", "sha256", "features", "split", "fs",
                "sources", "source_starts")) {
            Path broken = copy(out, dir.resolve("no-" + name + ".h5"), name, null, null);
            DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> Dataset.open(broken));
            assertEquals("dataset /" + name + " is missing", e.reason());
        }
    }

    @Test
    void wrongSchemaVersionIsRefused() throws IOException {
        Path out = packSamples(dir.resolve("a.h5"));
        for (int version : new int[] {0, Dataset.SCHEMA_VERSION + 1}) {
            Path other = copy(out, dir.resolve("v" + version + ".h5"), null, "schema_version", version);
            DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> Dataset.open(other));
            assertTrue(e.reason().contains("schema version " + version), e.reason());
        }
    }

    @Test
    void recordsAreTheirOwnSourcesAndSplitStratified() throws IOException {
        Dataset d = Dataset.open(packSamples(dir.resolve("a.h5")));
        assertEquals(Dataset.ItemKind.RECORD, d.itemKind());
        assertEquals(Dataset.SPLIT_STRATIFIED, d.splitMethod());
        assertTrue(Double.isNaN(d.windowSeconds()));
        assertEquals("", d.annotator());
        for (int i = 0; i < d.size(); i++) {
            assertEquals(d.recordName(i), d.source(i));
            assertEquals(0, d.sourceStart(i));
        }
        assertEquals(d.size(), d.sourceNames().size());
    }

    /** A version 1 file: today's file less the datasets and attributes version 2 added. */
    static Path versionOne(Path v2, Path v1) throws IOException {
        List<String> added = List.of("sources", "source_starts", "item_kind", "window_seconds", "annotator",
                "split_method");
        try (HdfFile in = new HdfFile(v2); WritableHdfFile out = HdfFile.write(v1)) {
            for (var a : in.getAttributes().entrySet()) {
                if (!a.getKey().startsWith("_") && !added.contains(a.getKey())) {
                    out.putAttribute(a.getKey(), a.getKey().equals("schema_version") ? 1 : a.getValue().getData());
                }
            }
            for (var c : in.getChildren().entrySet()) {
                if (added.contains(c.getKey())) {
                    continue;
                }
                var ds = (io.jhdf.api.Dataset) c.getValue();
                var w = out.putDataset(c.getKey(), ds.getData());
                for (var a : ds.getAttributes().entrySet()) {
                    w.putAttribute(a.getKey(), a.getValue().getData());
                }
            }
        }
        return v1;
    }

    @Test
    void versionOneFilesStillOpenWithEveryItemItsOwnSource() throws IOException {
        Path v2 = packSamples(dir.resolve("a.h5"));
        Dataset now = Dataset.open(v2);
        Dataset old = Dataset.open(versionOne(v2, dir.resolve("v1.h5")));
        assertEquals(1, old.schemaVersion());
        assertEquals(Dataset.ItemKind.RECORD, old.itemKind());
        assertEquals(Dataset.SPLIT_STRATIFIED, old.splitMethod());
        assertEquals(now.size(), old.size());
        for (int i = 0; i < old.size(); i++) {
            assertEquals(old.recordName(i), old.source(i));
            assertEquals(i, old.sourceIndex(i));
            assertEquals(now.split(i), old.split(i));
            assertArrayEquals(now.signal(i), old.signal(i));
        }
        assertEquals(PretrainSet.plan(now, 3, 0, AugmentationConfig.DEFAULT).items(),
                PretrainSet.plan(old, 3, 0, AugmentationConfig.DEFAULT).items());
    }

    @Test
    void mismatchedContentsAreRefused() throws IOException {
        Path out = packSamples(dir.resolve("a.h5"));
        Path fewer = copy(out, dir.resolve("classes.h5"), null, "class_names", new String[] {"A", "N"});
        assertTrue(assertThrows(DatasetFormatException.class, () -> Dataset.open(fewer)).reason()
                .contains("is not in [0, 2)"));
    }
}
