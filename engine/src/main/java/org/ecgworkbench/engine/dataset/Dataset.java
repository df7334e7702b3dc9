package org.ecgworkbench.engine.dataset;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import io.jhdf.HdfFile;
import io.jhdf.api.Node;

/**
 * A packed dataset file (layout in docs/dataset.md), read whole and checked: {@link #open} refuses a file whose
 * schema version, dataset shapes, offsets, labels or split values do not agree, naming the file and the reason.
 *
 * <p>An item is a whole record or a rhythm window cut from one ({@link ItemKind}); every item names its source
 * record. Version 1 files, written before windows existed, have no /sources: each item is its own source.
 */
public final class Dataset {

    /** Version of the layout written by {@link DatasetPacker}. */
    public static final int SCHEMA_VERSION = 2;
    /** Oldest version {@link #open} still reads (no /sources, /source_starts or item attributes). */
    public static final int OLDEST_READABLE_VERSION = 1;

    /** What the items of a dataset are. */
    public enum ItemKind {
        /** Whole records, labelled from a labels file; each is its own source. */
        RECORD("record"),
        /** Fixed-length windows of records, labelled from their rhythm annotations; many per source. */
        RHYTHM_WINDOW("rhythm_window");

        private final String id;

        ItemKind(String id) {
            this.id = id;
        }

        /** The value of the item_kind attribute. */
        public String id() {
            return id;
        }

        static ItemKind parse(String id) {
            for (ItemKind k : values()) {
                if (k.id.equals(id)) {
                    return k;
                }
            }
            return null;
        }
    }

    /** split_method of {@link Split#stratified}. */
    public static final String SPLIT_STRATIFIED = "stratified";
    /** split_method of {@link Split#bySource}. */
    public static final String SPLIT_BY_SOURCE = "stratified_by_source";

    /** Dataset and attribute names of the layout. */
    static final String SIGNALS = "signals";
    static final String OFFSETS = "offsets";
    static final String LABELS = "labels";
    static final String RECORD_NAMES = "record_names";
    static final String SHA256 = "sha256";
    static final String FEATURES = "features";
    static final String FEATURE_NAMES = "names";
    static final String SPLIT = "split";
    static final String FS = "fs";
    static final String SOURCES = "sources";
    static final String SOURCE_STARTS = "source_starts";

    private final Path file;
    private final int schemaVersion;
    private final double fs;
    private final List<String> classNames;
    private final long splitSeed;
    private final double splitTestFraction;
    private final String command;
    private final String createdBy;
    private final int lead;
    private final float[] signals;
    private final long[] offsets;
    private final int[] labels;
    private final String[] recordNames;
    private final String[] sha256;
    private final double[][] features;
    private final List<String> featureNames;
    private final byte[] split;
    private final double[] recordFs;
    private final ItemKind itemKind;
    private final double windowSeconds;
    private final String annotator;
    private final String splitMethod;
    private final String[] sources;
    private final long[] sourceStarts;
    /** Index of each item's source in {@link #sourceNames}. */
    private final int[] sourceIndex;
    private final List<String> sourceNames;
    private final List<String> checks = new ArrayList<>();

    private Dataset(Path file, HdfFile h) throws DatasetFormatException {
        this.file = file;
        schemaVersion = (int) longAttribute(h, "schema_version");
        if (schemaVersion < OLDEST_READABLE_VERSION || schemaVersion > SCHEMA_VERSION) {
            throw fail("schema version " + schemaVersion + " is not supported (this build reads versions "
                    + OLDEST_READABLE_VERSION + " to " + SCHEMA_VERSION + ")");
        }
        checks.add("schema version " + schemaVersion);
        fs = doubleAttribute(h, "fs");
        classNames = List.of(stringsAttribute(h, "class_names"));
        splitSeed = longAttribute(h, "split_seed");
        splitTestFraction = doubleAttribute(h, "split_test_fraction");
        command = stringAttribute(h, "command");
        createdBy = stringAttribute(h, "created_by");
        lead = (int) longAttribute(h, "lead");

        signals = data(h, SIGNALS, float[].class);
        offsets = data(h, OFFSETS, long[].class);
        labels = data(h, LABELS, int[].class);
        recordNames = data(h, RECORD_NAMES, String[].class);
        sha256 = data(h, SHA256, String[].class);
        features = data(h, FEATURES, double[][].class);
        split = data(h, SPLIT, byte[].class);
        recordFs = data(h, FS, double[].class);
        featureNames = List.of(stringsAttribute(h.getDatasetByPath(FEATURES), FEATURE_NAMES, FEATURES));
        if (schemaVersion >= 2) {
            String kind = stringAttribute(h, "item_kind");
            itemKind = ItemKind.parse(kind);
            if (itemKind == null) {
                throw fail("item_kind '" + kind + "' is neither 'record' nor 'rhythm_window'");
            }
            windowSeconds = doubleAttribute(h, "window_seconds");
            annotator = stringAttribute(h, "annotator");
            splitMethod = stringAttribute(h, "split_method");
            sources = data(h, SOURCES, String[].class);
            sourceStarts = data(h, SOURCE_STARTS, long[].class);
        } else {
            // version 1: whole records, each its own source
            itemKind = ItemKind.RECORD;
            windowSeconds = Double.NaN;
            annotator = "";
            splitMethod = SPLIT_STRATIFIED;
            sources = recordNames.clone();
            sourceStarts = new long[recordNames.length];
        }
        checks.add("all datasets and attributes present with their types");
        verify();
        sourceNames = List.copyOf(new TreeSet<>(Arrays.asList(sources)));
        Map<String, Integer> index = new HashMap<>();
        for (int k = 0; k < sourceNames.size(); k++) {
            index.put(sourceNames.get(k), k);
        }
        sourceIndex = new int[sources.length];
        for (int i = 0; i < sources.length; i++) {
            sourceIndex[i] = index.get(sources[i]);
        }
    }

    /** Reads and checks a packed dataset file. */
    public static Dataset open(Path file) throws DatasetFormatException {
        if (!Files.isRegularFile(file)) {
            throw new DatasetFormatException(file, "no such file");
        }
        try (HdfFile h = new HdfFile(file)) {
            return new Dataset(file, h);
        } catch (DatasetFormatException e) {
            throw e;
        } catch (RuntimeException | OutOfMemoryError e) {
            throw new DatasetFormatException(file, "not a readable HDF5 file (truncated or corrupt?): " + e, e);
        }
    }

    private void verify() throws DatasetFormatException {
        int n = recordNames.length;
        if (n == 0) {
            throw fail("the dataset holds no record");
        }
        if (offsets.length != n + 1 || labels.length != n || sha256.length != n || features.length != n
                || split.length != n || recordFs.length != n || sources.length != n || sourceStarts.length != n) {
            throw fail("dataset lengths disagree: " + n + " record_names, " + offsets.length + " offsets (n+1 expected), "
                    + labels.length + " labels, " + sha256.length + " sha256, " + features.length + " features rows, "
                    + split.length + " split, " + recordFs.length + " fs, " + sources.length + " sources, "
                    + sourceStarts.length + " source_starts");
        }
        checks.add("item counts agree (" + n + (itemKind == ItemKind.RECORD ? " records)" : " windows)"));
        if (offsets[0] != 0) {
            throw fail("offsets[0] is " + offsets[0] + ", not 0");
        }
        for (int i = 0; i < n; i++) {
            if (offsets[i + 1] < offsets[i]) {
                throw fail("offsets decrease at record " + i + " (" + offsets[i] + " then " + offsets[i + 1] + ")");
            }
        }
        if (offsets[n] != signals.length) {
            throw fail("offsets end at " + offsets[n] + " but signals holds " + signals.length + " samples");
        }
        checks.add("offsets monotone from 0 to the signals length (" + signals.length + " samples)");
        for (int i = 0; i < n; i++) {
            if (labels[i] < 0 || labels[i] >= classNames.size()) {
                throw fail("label " + labels[i] + " of record " + i + " is not in [0, " + classNames.size() + ")");
            }
        }
        checks.add("labels index the " + classNames.size() + " class names");
        for (int i = 0; i < n; i++) {
            if (split[i] != Split.TRAIN && split[i] != Split.TEST) {
                throw fail("split value " + split[i] + " of record " + i + " is neither 0 (train) nor 1 (test)");
            }
        }
        checks.add("split values are 0 or 1");
        for (int i = 0; i < n; i++) {
            if (features[i].length != featureNames.size()) {
                throw fail("features row " + i + " has " + features[i].length + " values for "
                        + featureNames.size() + " names");
            }
            if (sha256[i].length() != 64 || !sha256[i].chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
                throw fail("sha256 of record " + i + " is not 64 hex digits");
            }
            if (!(recordFs[i] > 0)) {
                throw fail("fs of record " + i + " is " + recordFs[i]);
            }
            if (!Double.isNaN(fs) && recordFs[i] != fs) {
                throw fail("record " + i + " has fs " + recordFs[i] + " but the root fs is " + fs);
            }
        }
        checks.add("features rows match the " + featureNames.size() + " feature names");
        checks.add("sha256 values are 64 hex digits; per-record fs positive and equal to the root fs when it is set");
        if (Arrays.stream(recordNames).distinct().count() != n) {
            throw fail("record names are not unique");
        }
        checks.add("record names unique");
        if (schemaVersion >= 2) {
            verifySources();
        }
    }

    /** The checks of the item attributes and of /sources, /source_starts (version 2 on). */
    private void verifySources() throws DatasetFormatException {
        int n = recordNames.length;
        if (!splitMethod.equals(SPLIT_STRATIFIED) && !splitMethod.equals(SPLIT_BY_SOURCE)) {
            throw fail("split_method '" + splitMethod + "' is neither '" + SPLIT_STRATIFIED + "' nor '"
                    + SPLIT_BY_SOURCE + "'");
        }
        for (int i = 0; i < n; i++) {
            if (sources[i].isEmpty()) {
                throw fail("source of item " + i + " is empty");
            }
            if (sourceStarts[i] < 0) {
                throw fail("source start of item " + i + " is " + sourceStarts[i]);
            }
        }
        if (itemKind == ItemKind.RECORD) {
            for (int i = 0; i < n; i++) {
                if (!sources[i].equals(recordNames[i]) || sourceStarts[i] != 0) {
                    throw fail("record item " + i + " (" + recordNames[i] + ") is not its own source from sample 0");
                }
            }
            checks.add("every record item is its own source");
        } else {
            if (!(windowSeconds > 0)) {
                throw fail("window_seconds is " + windowSeconds + ", not > 0");
            }
            for (int i = 0; i < n; i++) {
                int expected;
                try {
                    expected = RhythmWindow.samples(windowSeconds, recordFs[i]);
                } catch (IllegalArgumentException e) {
                    throw fail("window " + i + ": " + e.getMessage());
                }
                if (length(i) != expected) {
                    throw fail("window " + i + " holds " + length(i) + " samples, not round(" + windowSeconds
                            + " s x " + recordFs[i] + " Hz) = " + expected);
                }
            }
            checks.add("every window holds round(window_seconds x fs) samples");
        }
        Map<String, Integer> first = new HashMap<>();
        for (int i = 0; i < n; i++) {
            Integer f = first.putIfAbsent(sources[i], i);
            if (f == null) {
                continue;
            }
            if (split[f] != split[i]) {
                throw fail("source " + sources[i] + " is on both sides of the split (items " + f + " and " + i + ")");
            }
            if (!sha256[f].equals(sha256[i]) || recordFs[f] != recordFs[i]) {
                throw fail("items " + f + " and " + i + " of source " + sources[i] + " differ in sha256 or fs");
            }
        }
        checks.add("no source record on both sides of the split; items of a source share its sha256 and fs ("
                + first.size() + " sources)");
    }

    private DatasetFormatException fail(String reason) {
        return new DatasetFormatException(file, reason);
    }

    private <T> T data(HdfFile h, String name, Class<T> type) throws DatasetFormatException {
        return Hdf.data(file, h, name, type);
    }

    private long longAttribute(HdfFile h, String name) throws DatasetFormatException {
        return Hdf.longAttribute(file, h, name);
    }

    private double doubleAttribute(HdfFile h, String name) throws DatasetFormatException {
        return Hdf.doubleAttribute(file, h, name);
    }

    private String stringAttribute(HdfFile h, String name) throws DatasetFormatException {
        return Hdf.stringAttribute(file, h, name);
    }

    private String[] stringsAttribute(HdfFile h, String name) throws DatasetFormatException {
        return Hdf.stringsAttribute(file, h, name, "/");
    }

    private String[] stringsAttribute(Node node, String name, String where) throws DatasetFormatException {
        return Hdf.stringsAttribute(file, node, name, where);
    }

    /** The file read. */
    public Path file() {
        return file;
    }

    /** Number of items (records, or windows for a rhythm dataset). */
    public int size() {
        return recordNames.length;
    }

    /** Layout version. */
    public int schemaVersion() {
        return schemaVersion;
    }

    /** The sampling frequency shared by every record in Hz, or NaN when records differ (see {@link #fs(int)}). */
    public double fs() {
        return fs;
    }

    /** Sampling frequency of record i in Hz. */
    public double fs(int i) {
        return recordFs[i];
    }

    /** The lead of the source records that was packed (0-based). */
    public int lead() {
        return lead;
    }

    /** Class names; labels index this list. */
    public List<String> classNames() {
        return classNames;
    }

    /** Seed of the split. */
    public long splitSeed() {
        return splitSeed;
    }

    /** Test fraction of the split. */
    public double splitTestFraction() {
        return splitTestFraction;
    }

    /** The command line that built the file. */
    public String command() {
        return command;
    }

    /** Product and version that built the file. */
    public String createdBy() {
        return createdBy;
    }

    /** Name of item i: the record name, or "SOURCE/NNNN" for window NNNN (0-based, zero-padded) of SOURCE. */
    public String recordName(int i) {
        return recordNames[i];
    }

    /** Class index of record i. */
    public int label(int i) {
        return labels[i];
    }

    /** Class name of record i. */
    public String labelName(int i) {
        return classNames.get(labels[i]);
    }

    /** Hex SHA-256 of the files of item i's source record. */
    public String sha256(int i) {
        return sha256[i];
    }

    /** Split value of record i: {@link Split#TRAIN} or {@link Split#TEST}. */
    public byte split(int i) {
        return split[i];
    }

    /** Number of samples of record i. */
    public int length(int i) {
        return (int) (offsets[i + 1] - offsets[i]);
    }

    /** Offsets into the concatenated signals, n+1 values (a copy). */
    public long[] offsets() {
        return offsets.clone();
    }

    /** Signal of record i in mV (a copy). */
    public float[] signal(int i) {
        return Arrays.copyOfRange(signals, (int) offsets[i], (int) offsets[i + 1]);
    }

    /** Feature vector of record i (a copy), in {@link #featureNames()} order. */
    public double[] features(int i) {
        return features[i].clone();
    }

    /** Names of the feature columns. */
    public List<String> featureNames() {
        return featureNames;
    }

    /** Total duration of all records in seconds. */
    public double totalSeconds() {
        double s = 0;
        for (int i = 0; i < size(); i++) {
            s += length(i) / recordFs[i];
        }
        return s;
    }

    /** What the items are: whole records or rhythm windows. */
    public ItemKind itemKind() {
        return itemKind;
    }

    /** Length of every rhythm window in seconds; NaN when the items are whole records. */
    public double windowSeconds() {
        return windowSeconds;
    }

    /** Extension of the annotation files the rhythm windows were labelled from (e.g. "atr"); "" for records. */
    public String annotator() {
        return annotator;
    }

    /** How the split was made: {@link #SPLIT_STRATIFIED} or {@link #SPLIT_BY_SOURCE}. */
    public String splitMethod() {
        return splitMethod;
    }

    /** Name of the source record of item i (the item's own name when it is a whole record). */
    public String source(int i) {
        return sources[i];
    }

    /** First sample of item i in its source record (0-based sample index; 0 for whole records). */
    public long sourceStart(int i) {
        return sourceStarts[i];
    }

    /** Index of item i's source in {@link #sourceNames()}. */
    public int sourceIndex(int i) {
        return sourceIndex[i];
    }

    /** The distinct source records, sorted. */
    public List<String> sourceNames() {
        return sourceNames;
    }

    /** Distinct source records per split (0 train, 1 test). */
    public int[] sourceCounts() {
        Set<Integer> train = new HashSet<>();
        Set<Integer> test = new HashSet<>();
        for (int i = 0; i < size(); i++) {
            (split[i] == Split.TRAIN ? train : test).add(sourceIndex[i]);
        }
        return new int[] {train.size(), test.size()};
    }

    /** Distinct source records holding items of a class, per class (index) and split: [class][split]. */
    public int[][] classSourceCounts() {
        List<Set<Integer>> seen = new ArrayList<>();
        for (int k = 0; k < 2 * classNames.size(); k++) {
            seen.add(new HashSet<>());
        }
        for (int i = 0; i < size(); i++) {
            seen.get(2 * labels[i] + split[i]).add(sourceIndex[i]);
        }
        int[][] counts = new int[classNames.size()][2];
        for (int c = 0; c < classNames.size(); c++) {
            counts[c][0] = seen.get(2 * c).size();
            counts[c][1] = seen.get(2 * c + 1).size();
        }
        return counts;
    }

    /** Item counts per class (index) and split (0 train, 1 test): [class][split]. */
    public int[][] classCounts() {
        int[][] counts = new int[classNames.size()][2];
        for (int i = 0; i < size(); i++) {
            counts[labels[i]][split[i]]++;
        }
        return counts;
    }

    /** The checks that {@link #open} made and passed, in words. */
    public List<String> checks() {
        return List.copyOf(checks);
    }
}
