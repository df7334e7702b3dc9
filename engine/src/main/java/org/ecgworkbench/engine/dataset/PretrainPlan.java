package org.ecgworkbench.engine.dataset;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.jhdf.HdfFile;

/**
 * A {@link PretrainSet} stored as a small HDF5 file (layout in docs/dataset.md, "Pre-training set"): /source,
 * /copy, /side, /label per item plus root attributes naming the dataset, the seed, the validation fraction and every
 * augmentation parameter. {@link #write} writes atomically; {@link #open} reads and checks, refusing with a
 * {@link DatasetFormatException} a file whose items are not source-disjoint or not balanced on each side.
 */
public final class PretrainPlan {

    /** Version of the plan layout. */
    public static final int SCHEMA_VERSION = 1;

    private final Path file;
    private final List<PretrainSet.Item> items;
    private final List<String> classNames;
    private final String datasetPath;
    private final int datasetRecords;
    private final String datasetSha256;
    private final long seed;
    private final double validationFraction;
    private final AugmentationConfig config;
    private final String command;

    private PretrainPlan(Path file, HdfFile h) throws DatasetFormatException {
        this.file = file;
        long version = Hdf.longAttribute(file, h, "schema_version");
        if (version != SCHEMA_VERSION) {
            throw fail("schema version " + version + " is not supported (this build reads version "
                    + SCHEMA_VERSION + ")");
        }
        classNames = List.of(Hdf.stringsAttribute(file, h, "class_names", "/"));
        datasetPath = Hdf.stringAttribute(file, h, "dataset");
        datasetRecords = (int) Hdf.longAttribute(file, h, "dataset_records");
        datasetSha256 = Hdf.stringAttribute(file, h, "dataset_sha256");
        seed = Hdf.longAttribute(file, h, "seed");
        validationFraction = Hdf.doubleAttribute(file, h, "validation_fraction");
        command = Hdf.stringAttribute(file, h, "command");
        try {
            config = new AugmentationConfig(Hdf.doubleAttribute(file, h, "crop_min"),
                    Hdf.doubleAttribute(file, h, "scale"), Hdf.doubleAttribute(file, h, "wander_mv"),
                    Hdf.doubleAttribute(file, h, "noise_mv"), Hdf.doubleAttribute(file, h, "powerline_mv"),
                    Hdf.doubleAttribute(file, h, "powerline_hz"), Hdf.doubleAttribute(file, h, "shift_s"));
        } catch (IllegalArgumentException e) {
            throw fail("augmentation parameters: " + e.getMessage());
        }
        int[] source = Hdf.data(file, h, "source", int[].class);
        int[] copy = Hdf.data(file, h, "copy", int[].class);
        byte[] side = Hdf.data(file, h, "side", byte[].class);
        int[] label = Hdf.data(file, h, "label", int[].class);
        items = verify(source, copy, side, label);
    }

    private List<PretrainSet.Item> verify(int[] source, int[] copy, byte[] side, int[] label)
            throws DatasetFormatException {
        int n = source.length;
        if (n == 0) {
            throw fail("the plan holds no item");
        }
        if (copy.length != n || side.length != n || label.length != n) {
            throw fail("dataset lengths disagree: " + n + " source, " + copy.length + " copy, " + side.length
                    + " side, " + label.length + " label");
        }
        Map<Integer, Integer> sideOf = new HashMap<>();
        Map<Integer, Integer> labelOf = new HashMap<>();
        Set<Long> seen = new HashSet<>();
        List<PretrainSet.Item> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            if (source[i] < 0 || source[i] >= datasetRecords) {
                throw fail("source " + source[i] + " of item " + i + " is not in [0, " + datasetRecords + ")");
            }
            if (copy[i] < 0) {
                throw fail("copy " + copy[i] + " of item " + i + " is negative");
            }
            if (side[i] != PretrainSet.TRAIN && side[i] != PretrainSet.VALIDATION) {
                throw fail("side " + side[i] + " of item " + i + " is neither 0 (train) nor 1 (validation)");
            }
            if (label[i] < 0 || label[i] >= classNames.size()) {
                throw fail("label " + label[i] + " of item " + i + " is not in [0, " + classNames.size() + ")");
            }
            if (sideOf.getOrDefault(source[i], (int) side[i]) != side[i]) {
                throw fail("source record " + source[i] + " appears on both sides");
            }
            sideOf.put(source[i], (int) side[i]);
            if (labelOf.getOrDefault(source[i], label[i]) != label[i]) {
                throw fail("source record " + source[i] + " has two labels");
            }
            labelOf.put(source[i], label[i]);
            if (!seen.add(((long) source[i] << 32) | copy[i])) {
                throw fail("item " + i + " repeats source " + source[i] + " copy " + copy[i]);
            }
            out.add(new PretrainSet.Item(source[i], copy[i], side[i], label[i]));
        }
        int[][] counts = PretrainSet.counts(out, classNames.size());
        for (int s = 0; s < 2; s++) {
            int expected = -1;
            for (int[] c : counts) {
                if (c[s] == 0) {
                    continue;
                }
                if (expected >= 0 && c[s] != expected) {
                    throw fail("side " + s + " is not balanced: classes hold " + expected + " and " + c[s] + " items");
                }
                expected = c[s];
            }
        }
        return List.copyOf(out);
    }

    private DatasetFormatException fail(String reason) {
        return new DatasetFormatException(file, reason);
    }

    /** Reads and checks a plan file. */
    public static PretrainPlan open(Path file) throws DatasetFormatException {
        if (!Files.isRegularFile(file)) {
            throw new DatasetFormatException(file, "no such file");
        }
        try (HdfFile h = new HdfFile(file)) {
            return new PretrainPlan(file, h);
        } catch (DatasetFormatException e) {
            throw e;
        } catch (RuntimeException | OutOfMemoryError e) {
            throw new DatasetFormatException(file, "not a readable HDF5 file (truncated or corrupt?): " + e, e);
        }
    }

    /** Writes the plan of set to out (replaced atomically), with the command line that made it; returns it read back. */
    public static PretrainPlan write(PretrainSet set, Path out, String command) throws IOException {
        Dataset d = set.dataset();
        List<PretrainSet.Item> items = set.items();
        int n = items.size();
        int[] source = new int[n];
        int[] copy = new int[n];
        byte[] side = new byte[n];
        int[] label = new int[n];
        for (int i = 0; i < n; i++) {
            PretrainSet.Item it = items.get(i);
            source[i] = it.source();
            copy[i] = it.copy();
            side[i] = it.side();
            label[i] = it.label();
        }
        String sha = sha256(d.file());
        AugmentationConfig c = set.config();
        return Hdf.writeAtomically(out, h -> {
            h.putAttribute("schema_version", SCHEMA_VERSION);
            h.putAttribute("dataset", d.file().toAbsolutePath().normalize().toString());
            h.putAttribute("dataset_records", d.size());
            h.putAttribute("dataset_sha256", sha);
            h.putAttribute("class_names", d.classNames().toArray(String[]::new));
            h.putAttribute("seed", set.seed());
            h.putAttribute("validation_fraction", set.validationFraction());
            h.putAttribute("crop_min", c.cropMin());
            h.putAttribute("scale", c.scale());
            h.putAttribute("wander_mv", c.wanderMv());
            h.putAttribute("noise_mv", c.noiseMv());
            h.putAttribute("powerline_mv", c.powerlineMv());
            h.putAttribute("powerline_hz", c.powerlineHz());
            h.putAttribute("shift_s", c.shiftS());
            h.putAttribute("command", command);
            h.putDataset("source", source);
            h.putDataset("copy", copy);
            h.putDataset("side", side);
            h.putDataset("label", label);
        }, PretrainPlan::open, t -> { });
    }

    /** Lowercase hex SHA-256 of a file's bytes. */
    static String sha256(Path file) throws IOException {
        return DatasetPacker.sha256(List.of(file));
    }

    public Path file() {
        return file;
    }

    /** The items, in file order. */
    public List<PretrainSet.Item> items() {
        return items;
    }

    public List<String> classNames() {
        return classNames;
    }

    /** Absolute path of the dataset file planned from. */
    public String datasetPath() {
        return datasetPath;
    }

    public int datasetRecords() {
        return datasetRecords;
    }

    /** SHA-256 of the dataset file's bytes when the plan was made. */
    public String datasetSha256() {
        return datasetSha256;
    }

    public long seed() {
        return seed;
    }

    public double validationFraction() {
        return validationFraction;
    }

    public AugmentationConfig config() {
        return config;
    }

    public String command() {
        return command;
    }

    /** Item counts [class][side]. */
    public int[][] counts() {
        return PretrainSet.counts(items, classNames.size());
    }
}
