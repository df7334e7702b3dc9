package org.ecgworkbench.engine.dataset;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.IntStream;

import io.jhdf.api.WritableDataset;
import org.ecgworkbench.engine.features.RecordFeatures;
import org.ecgworkbench.engine.qrs.PanTompkins;
import org.ecgworkbench.engine.record.Record;
import org.ecgworkbench.engine.record.Records;

/**
 * Packs a folder of recordings and their labels into one HDF5 file (layout in docs/dataset.md): one lead of every
 * record as float32 mV, concatenated, with offsets, labels, names, source hashes, {@link RecordFeatures} and a
 * stratified {@link Split}. Records are read and their features computed in parallel, in chunks; the file is
 * written once, to a temporary file beside the output, checked with {@link Dataset#open}, then moved over the
 * output atomically. A record that cannot be read, lacks the lead, has no label or whose features fail is
 * reported to the skip listener and left out.
 */
public final class DatasetPacker {

    /** Default seed of the split. */
    public static final long DEFAULT_SEED = 42;
    /** Default test fraction of the split. */
    public static final double DEFAULT_TEST_FRACTION = 0.2;
    /** Records read and featured together; bounds memory (the batch band-pass pads every row to the longest). */
    static final int CHUNK = 256;

    /** Source-file extensions of a record, in the order their bytes enter its SHA-256. */
    private static final List<String> SOURCE_EXTENSIONS = List.of("csv", "dat", "hea", "mat");

    /** Receives progress: records processed so far out of the total found. Called from worker threads. */
    public interface Progress {
        /** done of total records processed (packed or skipped). */
        void update(int done, int total);
    }

    /** A record left out: its name, the file tried and the reason. */
    public record Skipped(String record, Path file, String reason) {
        @Override
        public String toString() {
            return file + ": " + reason;
        }
    }

    /** What a pack produced: the file, the records packed, those skipped, class names and counts. */
    public record Result(Path out, int packed, int found, List<Skipped> skipped, List<String> classNames,
                         int[][] classCounts, double fs) {
    }

    private Path labels;
    private double csvFs = Double.NaN;
    private int lead;
    private long seed = DEFAULT_SEED;
    private double testFraction = DEFAULT_TEST_FRACTION;
    private String command = "";
    private String createdBy = "ECG Workbench";
    private Progress progress = (d, t) -> { };
    private Consumer<Skipped> onSkip = s -> { };
    Hdf.IoStep beforeMove = t -> { };

    /** The labels file ("name,label" lines); null (default) means REFERENCE.csv in the input folder. */
    public DatasetPacker labels(Path file) {
        this.labels = file;
        return this;
    }

    /** Sampling frequency of CSV records in Hz (CSV files do not carry it). */
    public DatasetPacker csvFs(double hz) {
        this.csvFs = hz;
        return this;
    }

    /** The lead to keep, 0-based (default 0); features detect on it. */
    public DatasetPacker lead(int lead) {
        if (lead < 0) {
            throw new IllegalArgumentException("lead must be >= 0, got " + lead);
        }
        this.lead = lead;
        return this;
    }

    /** Seed of the split (default 42). */
    public DatasetPacker seed(long seed) {
        this.seed = seed;
        return this;
    }

    /** Test fraction of the split, in [0, 1] (default 0.2). */
    public DatasetPacker testFraction(double fraction) {
        if (!(fraction >= 0 && fraction <= 1)) {
            throw new IllegalArgumentException("test fraction must be in [0, 1], got " + fraction);
        }
        this.testFraction = fraction;
        return this;
    }

    /** The command line stored in the file's "command" attribute. */
    public DatasetPacker command(String line) {
        this.command = Objects.requireNonNull(line);
        return this;
    }

    /** Product and version stored in the file's "created_by" attribute. */
    public DatasetPacker createdBy(String product) {
        this.createdBy = Objects.requireNonNull(product);
        return this;
    }

    /** Listener of progress. */
    public DatasetPacker progress(Progress listener) {
        this.progress = Objects.requireNonNull(listener);
        return this;
    }

    /** Listener of records left out, called as they are found (from worker threads). */
    public DatasetPacker onSkip(Consumer<Skipped> listener) {
        this.onSkip = Objects.requireNonNull(listener);
        return this;
    }

    /** One record read and featured. */
    private record Packed(String name, String label, double fs, float[] signal, double[] features, String sha256) {
    }

    /** Packs the records of inputDir into out (replaced atomically if it exists). */
    public Result pack(Path inputDir, Path out) throws IOException {
        if (!Files.isDirectory(inputDir)) {
            throw new DatasetFormatException(inputDir, "not a folder");
        }
        Path labelFile = labels != null ? labels : inputDir.resolve("REFERENCE.csv");
        if (!Files.isRegularFile(labelFile)) {
            throw new DatasetFormatException(labelFile, labels != null ? "labels file not found"
                    : "no REFERENCE.csv in the input folder; name a labels file (--labels)");
        }
        Map<String, String> labelMap = Records.readLabels(labelFile);
        Map<String, Path> found = discover(inputDir, labelFile);
        if (found.isEmpty()) {
            throw new DatasetFormatException(inputDir, "no record files (.hea, .mat, .csv) in the folder");
        }
        List<String> names = new ArrayList<>(found.keySet());
        int total = names.size();
        List<Skipped> skipped = new ArrayList<>();
        List<Packed> packed = new ArrayList<>();
        AtomicInteger done = new AtomicInteger();
        Map<Double, Integer> minimum = new ConcurrentHashMap<>();
        for (int start = 0; start < total; start += CHUNK) {
            List<String> chunk = names.subList(start, Math.min(total, start + CHUNK));
            Object[] read = new Object[chunk.size()];
            IntStream.range(0, chunk.size()).parallel().forEach(k -> {
                String name = chunk.get(k);
                read[k] = load(name, found.get(name), labelMap, minimum);
                progress.update(done.incrementAndGet(), total);
            });
            List<Record> records = new ArrayList<>();
            List<Integer> where = new ArrayList<>();
            for (int k = 0; k < read.length; k++) {
                if (read[k] instanceof Skipped s) {
                    skip(skipped, s);
                } else {
                    records.add((Record) read[k]);
                    where.add(k);
                }
            }
            List<double[]> features = features(records, found, skipped);
            for (int j = 0; j < records.size(); j++) {
                if (features.get(j) == null) {
                    continue;
                }
                Record r = records.get(j);
                String name = chunk.get(where.get(j));
                packed.add(new Packed(name, labelMap.get(name), r.samplingFrequency(), floats(r.physical(lead)),
                        features.get(j), sha256(inputDir, name)));
            }
        }
        if (packed.isEmpty()) {
            throw new DatasetFormatException(inputDir, "none of the " + total + " records could be packed");
        }
        return write(out, packed, total, skipped);
    }

    private void skip(List<Skipped> skipped, Skipped s) {
        skipped.add(s);
        onSkip.accept(s);
    }

    /** The record files of the folder, by record name: .hea before .mat before .csv; the labels file is not one. */
    static Map<String, Path> discover(Path dir, Path labelFile) throws IOException {
        Map<String, Path> found = new TreeMap<>();
        Path labelsAbs = labelFile.toAbsolutePath().normalize();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path p : ds) {
                String n = p.getFileName().toString();
                int dot = n.lastIndexOf('.');
                if (dot <= 0 || !Files.isRegularFile(p)) {
                    continue;
                }
                String ext = n.substring(dot + 1).toLowerCase(Locale.ROOT);
                String base = n.substring(0, dot);
                if (!ext.equals("hea") && !ext.equals("mat") && !ext.equals("csv")) {
                    continue;
                }
                if (p.toAbsolutePath().normalize().equals(labelsAbs) || n.equals("REFERENCE.csv")) {
                    continue;
                }
                Path old = found.get(base);
                if (old == null || rank(ext) < rank(extension(old))) {
                    found.put(base, p);
                }
            }
        }
        return found;
    }

    private static int rank(String ext) {
        return switch (ext) {
            case "hea" -> 0;
            case "mat" -> 1;
            default -> 2;
        };
    }

    private static String extension(Path p) {
        String n = p.getFileName().toString();
        return n.substring(n.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
    }

    /** The record, or why it is skipped. */
    private Object load(String name, Path file, Map<String, String> labelMap, Map<Double, Integer> minimum) {
        if (!labelMap.containsKey(name)) {
            return new Skipped(name, file, "no label for record " + name);
        }
        try {
            Record r = Records.read(file, csvFs);
            if (lead >= r.leadCount()) {
                return new Skipped(name, file, "no lead " + lead + " (the record has " + r.leadCount() + ")");
            }
            int min = minimum.computeIfAbsent(r.samplingFrequency(), f -> new PanTompkins(f).minimumSamples());
            if (r.samples() < min) {
                return new Skipped(name, file, r.samples() + " samples, fewer than the " + min
                        + " that QRS detection needs at " + r.samplingFrequency() + " Hz");
            }
            return r;
        } catch (IOException | RuntimeException e) {
            return new Skipped(name, file, e.getMessage());
        }
    }

    /** Features of each record, null where they fail (reported and skipped). */
    private List<double[]> features(List<Record> records, Map<String, Path> found, List<Skipped> skipped) {
        if (records.isEmpty()) {
            return List.of();
        }
        try {
            return RecordFeatures.of(records, lead);
        } catch (RuntimeException batch) {
            List<double[]> out = new ArrayList<>();
            for (Record r : records) {
                try {
                    out.add(RecordFeatures.of(List.of(r), lead).get(0));
                } catch (RuntimeException e) {
                    skip(skipped, new Skipped(r.name(), found.get(r.name()), "features failed: " + e.getMessage()));
                    out.add(null);
                }
            }
            return out;
        }
    }

    /** SHA-256 (hex) of the record's source files that exist: name.csv, name.dat, name.hea, name.mat, in that order. */
    public static String sha256(Path dir, String name) throws IOException {
        List<Path> files = new ArrayList<>();
        for (String ext : SOURCE_EXTENSIONS) {
            Path f = dir.resolve(name + "." + ext);
            if (Files.isRegularFile(f)) {
                files.add(f);
            }
        }
        return sha256(files);
    }

    /** Lowercase hex SHA-256 of the bytes of the files, one after the other. */
    static String sha256(List<Path> files) throws IOException {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        byte[] buf = new byte[1 << 16];
        for (Path f : files) {
            try (InputStream in = Files.newInputStream(f)) {
                for (int n; (n = in.read(buf)) > 0; ) {
                    md.update(buf, 0, n);
                }
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }

    private static float[] floats(double[] v) {
        float[] f = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            f[i] = (float) v[i];
        }
        return f;
    }

    private Result write(Path out, List<Packed> packed, int total, List<Skipped> skipped) throws IOException {
        int n = packed.size();
        List<String> classNames = List.copyOf(new TreeSet<>(packed.stream().map(Packed::label).toList()));
        long[] offsets = new long[n + 1];
        int[] labelIdx = new int[n];
        String[] names = new String[n];
        String[] hashes = new String[n];
        double[][] features = new double[n][];
        double[] recordFs = new double[n];
        for (int i = 0; i < n; i++) {
            Packed p = packed.get(i);
            offsets[i + 1] = offsets[i] + p.signal().length;
            labelIdx[i] = classNames.indexOf(p.label());
            names[i] = p.name();
            hashes[i] = p.sha256();
            features[i] = p.features();
            recordFs[i] = p.fs();
        }
        if (offsets[n] > Integer.MAX_VALUE - 8) {
            throw new DatasetFormatException(out, offsets[n] + " samples in all; one file holds at most "
                    + (Integer.MAX_VALUE - 8));
        }
        float[] signals = new float[(int) offsets[n]];
        for (int i = 0; i < n; i++) {
            float[] s = packed.get(i).signal();
            System.arraycopy(s, 0, signals, (int) offsets[i], s.length);
        }
        double first = recordFs[0];
        double fs = Arrays.stream(recordFs).allMatch(f -> f == first) ? first : Double.NaN;
        byte[] split = Split.stratified(labelIdx, classNames.size(), seed, testFraction);

        return Hdf.writeAtomically(out, h -> {
            h.putAttribute("schema_version", Dataset.SCHEMA_VERSION);
            h.putAttribute("fs", fs);
            h.putAttribute("lead", lead);
            h.putAttribute("class_names", classNames.toArray(String[]::new));
            h.putAttribute("split_seed", seed);
            h.putAttribute("split_test_fraction", testFraction);
            h.putAttribute("command", command);
            h.putAttribute("created_by", createdBy);
            h.putDataset(Dataset.SIGNALS, signals);
            h.putDataset(Dataset.OFFSETS, offsets);
            h.putDataset(Dataset.LABELS, labelIdx);
            h.putDataset(Dataset.RECORD_NAMES, names);
            h.putDataset(Dataset.SHA256, hashes);
            WritableDataset f = h.putDataset(Dataset.FEATURES, features);
            f.putAttribute(Dataset.FEATURE_NAMES, RecordFeatures.NAMES.toArray(String[]::new));
            h.putDataset(Dataset.SPLIT, split);
            h.putDataset(Dataset.FS, recordFs);
        }, temp -> new Result(out, n, total, List.copyOf(skipped), classNames, Dataset.open(temp).classCounts(), fs),
                beforeMove);
    }
}
