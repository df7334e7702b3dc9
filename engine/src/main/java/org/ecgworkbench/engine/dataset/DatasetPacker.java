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
import java.util.Comparator;
import java.util.HashMap;
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
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.stream.IntStream;

import io.jhdf.api.WritableDataset;
import org.ecgworkbench.engine.features.RecordFeatures;
import org.ecgworkbench.engine.qrs.PanTompkins;
import org.ecgworkbench.engine.record.AnnotationReader;
import org.ecgworkbench.engine.record.Record;
import org.ecgworkbench.engine.record.Records;

/**
 * Packs a folder of recordings into one HDF5 file (layout in docs/dataset.md): one lead of every item as float32
 * mV, concatenated, with offsets, labels, names, source records and hashes, {@link RecordFeatures} and a
 * {@link Split}. Items are either whole records labelled from a labels file (stratified split), or, with
 * {@link #rhythm}, fixed-length {@link RhythmWindow}s of each record labelled from its rhythm annotations (split
 * by source record, so no record feeds both training and test). Records are read and their features computed in
 * parallel, in chunks; the file is written once, to a temporary file beside the output, checked with
 * {@link Dataset#open}, then moved over the output atomically. A record that cannot be read, lacks the lead, has
 * no label (no annotation file, no rhythm annotations or no episode as long as a window) or whose features fail is
 * reported to the skip listener and left out.
 */
public final class DatasetPacker {

    /** Default seed of the split. */
    public static final long DEFAULT_SEED = 42;
    /** Default test fraction of the split. */
    public static final double DEFAULT_TEST_FRACTION = 0.2;
    /** Default length of rhythm windows in seconds. */
    public static final double DEFAULT_WINDOW_SECONDS = 10;
    /** Default annotator of rhythm windows: the extension of the reference annotation files. */
    public static final String DEFAULT_ANNOTATOR = "atr";
    /** Records read and featured together; bounds memory (the batch band-pass pads every row to the longest). */
    static final int CHUNK = 256;
    /** Records read and windowed together: a long record (MIT-BIH: 30 min, 2 leads) is 10 MB of doubles. */
    static final int RHYTHM_CHUNK = 16;

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

    /**
     * What a pack produced: the file, the records packed (with at least one item) of those found, what was skipped,
     * class names, item counts [class][split], the shared fs in Hz (NaN when mixed) and the number of items
     * (windows in rhythm mode, else equal to packed).
     */
    public record Result(Path out, int packed, int found, List<Skipped> skipped, List<String> classNames,
                         int[][] classCounts, double fs, int items) {
    }

    private Path labels;
    /** Extension of the annotation files of rhythm mode; null in labels mode. */
    private String annotator;
    private double windowSeconds = DEFAULT_WINDOW_SECONDS;
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

    /**
     * Rhythm mode: cut each record into non-overlapping windows that lie inside one rhythm episode of its annotation
     * file NAME.annotator (e.g. "atr"), labelled with the rhythm; excludes a labels file.
     */
    public DatasetPacker rhythm(String annotator) {
        if (annotator == null || !annotator.matches("[A-Za-z0-9_~-]+")) {
            throw new IllegalArgumentException("annotator must be a file extension such as atr, got " + annotator);
        }
        this.annotator = annotator;
        return this;
    }

    /** Length of rhythm windows in seconds, > 0 (default 10); a window holds round(seconds x fs) samples. */
    public DatasetPacker windowSeconds(double seconds) {
        if (!(seconds > 0) || Double.isInfinite(seconds)) {
            throw new IllegalArgumentException("window seconds must be > 0, got " + seconds);
        }
        this.windowSeconds = seconds;
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

    /**
     * One item read and featured: a whole record (window -1) or window number window of its source record,
     * starting at sample start of the source.
     */
    private record Packed(String source, int window, int start, String label, double fs, float[] signal,
                          double[] features, String sha256) {
    }

    /** A record read under its name in the folder, with its rhythm windows in rhythm mode (null in labels mode). */
    private record Loaded(String name, Record record, List<RhythmWindow> windows) {
    }

    /** Counts of rhythm mode that say why nothing could be packed. */
    private static final class RhythmTally {
        final AtomicInteger withAnnotations = new AtomicInteger();
        final AtomicInteger withRhythm = new AtomicInteger();
    }

    /** Packs the records of inputDir into out (replaced atomically if it exists). */
    public Result pack(Path inputDir, Path out) throws IOException {
        if (annotator != null && labels != null) {
            throw new IllegalArgumentException("a labels file (" + labels + ") and rhythm windows exclude each other: "
                    + "rhythm windows take their labels from the annotations");
        }
        if (!Files.isDirectory(inputDir)) {
            throw new DatasetFormatException(inputDir, "not a folder");
        }
        Map<String, String> labelMap = null;
        Path labelFile = null;
        if (annotator == null) {
            labelFile = labels != null ? labels : inputDir.resolve("REFERENCE.csv");
            if (!Files.isRegularFile(labelFile)) {
                throw new DatasetFormatException(labelFile, labels != null ? "labels file not found"
                        : "no REFERENCE.csv in the input folder; name a labels file (--labels)");
            }
            labelMap = Records.readLabels(labelFile);
        }
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
        RhythmTally tally = new RhythmTally();
        Map<String, String> labelsOf = labelMap;
        int chunkSize = annotator == null ? CHUNK : RHYTHM_CHUNK;
        for (int start = 0; start < total; start += chunkSize) {
            List<String> chunk = names.subList(start, Math.min(total, start + chunkSize));
            Object[] read = new Object[chunk.size()];
            IntStream.range(0, chunk.size()).parallel().forEach(k -> {
                String name = chunk.get(k);
                read[k] = load(name, found.get(name), labelsOf, minimum, tally);
                progress.update(done.incrementAndGet(), total);
            });
            List<Loaded> loaded = new ArrayList<>();
            for (Object o : read) {
                if (o instanceof Skipped sk) {
                    skip(skipped, sk);
                } else {
                    loaded.add((Loaded) o);
                }
            }
            packed.addAll(annotator == null ? packRecords(inputDir, loaded, labelsOf, found, skipped)
                    : packWindows(inputDir, loaded, found, skipped));
        }
        if (packed.isEmpty()) {
            if (annotator != null && tally.withAnnotations.get() == 0) {
                throw new DatasetFormatException(inputDir, "no record has an annotation file ." + annotator
                        + " (rhythm windows are labelled from it; name another with --annotator)");
            }
            if (annotator != null && tally.withRhythm.get() == 0) {
                throw new DatasetFormatException(inputDir, "no rhythm annotations ('+' with aux text such as '(N' or"
                        + " '(AFIB') in the ." + annotator + " files of the folder");
            }
            throw new DatasetFormatException(inputDir, "none of the " + total + " records could be packed");
        }
        return write(out, packed, total, skipped);
    }

    /** Whole records as items, labelled from the labels file. */
    private List<Packed> packRecords(Path dir, List<Loaded> loaded, Map<String, String> labelMap,
                                     Map<String, Path> found, List<Skipped> skipped) throws IOException {
        List<Record> records = loaded.stream().map(Loaded::record).toList();
        List<double[]> features = features(records, j -> found.get(loaded.get(j).name()), skipped);
        List<Packed> out = new ArrayList<>();
        for (int j = 0; j < records.size(); j++) {
            if (features.get(j) == null) {
                continue;
            }
            Record r = records.get(j);
            String name = loaded.get(j).name();
            out.add(new Packed(name, -1, 0, labelMap.get(name), r.samplingFrequency(), floats(r.physical(lead)),
                    features.get(j), sha256(dir, name)));
        }
        return out;
    }

    /** The rhythm windows of the records as items, each with the features of its own samples. */
    private List<Packed> packWindows(Path dir, List<Loaded> loaded, Map<String, Path> found, List<Skipped> skipped)
            throws IOException {
        List<Record> windows = new ArrayList<>();
        List<Path> files = new ArrayList<>();
        List<Packed> pending = new ArrayList<>();
        for (Loaded l : loaded) {
            Record r = l.record();
            String source = l.name();
            String sha = sha256(dir, source);
            double[][] all = r.physical();
            for (int w = 0; w < l.windows().size(); w++) {
                RhythmWindow win = l.windows().get(w);
                double[][] cut = new double[all.length][];
                for (int k = 0; k < all.length; k++) {
                    cut[k] = Arrays.copyOfRange(all[k], win.start(), win.start() + win.length());
                }
                // all leads, so the lead-agreement feature sees the window as it sees a whole record
                windows.add(Record.fromPhysical(source + "/" + w, r.samplingFrequency(), r.leadNames(), r.units(),
                        cut, List.of(), List.of()));
                files.add(found.get(source));
                pending.add(new Packed(source, w, win.start(), win.rhythm(), r.samplingFrequency(),
                        floats(cut[lead]), null, sha));
            }
        }
        List<double[]> features = features(windows, files::get, skipped);
        List<Packed> out = new ArrayList<>();
        for (int j = 0; j < pending.size(); j++) {
            if (features.get(j) != null) {
                Packed p = pending.get(j);
                out.add(new Packed(p.source(), p.window(), p.start(), p.label(), p.fs(), p.signal(), features.get(j),
                        p.sha256()));
            }
        }
        return out;
    }

    private void skip(List<Skipped> skipped, Skipped s) {
        skipped.add(s);
        onSkip.accept(s);
    }

    /**
     * The record files of the folder, by record name: .hea before .mat before .csv; the labels file (null: none)
     * and any REFERENCE.csv are not records.
     */
    static Map<String, Path> discover(Path dir, Path labelFile) throws IOException {
        Map<String, Path> found = new TreeMap<>();
        Path labelsAbs = labelFile == null ? null : labelFile.toAbsolutePath().normalize();
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

    /** The record (with its windows in rhythm mode), or why it is skipped. */
    private Object load(String name, Path file, Map<String, String> labelMap, Map<Double, Integer> minimum,
                        RhythmTally tally) {
        if (labelMap != null && !labelMap.containsKey(name)) {
            return new Skipped(name, file, "no label for record " + name);
        }
        Path annotations = annotator == null ? null : file.resolveSibling(name + "." + annotator);
        if (annotations != null && !Files.isRegularFile(annotations)) {
            return new Skipped(name, annotations, "no annotation file (rhythm windows are labelled from it)");
        }
        try {
            Record r = Records.read(file, csvFs);
            if (lead >= r.leadCount()) {
                return new Skipped(name, file, "no lead " + lead + " (the record has " + r.leadCount() + ")");
            }
            int min = minimum.computeIfAbsent(r.samplingFrequency(), f -> new PanTompkins(f).minimumSamples());
            if (annotations == null) {
                if (r.samples() < min) {
                    return new Skipped(name, file, r.samples() + " samples, fewer than the " + min
                            + " that QRS detection needs at " + r.samplingFrequency() + " Hz");
                }
                return new Loaded(name, r, null);
            }
            tally.withAnnotations.incrementAndGet();
            return windows(name, r, annotations, min, tally);
        } catch (IOException | RuntimeException e) {
            return new Skipped(name, file, e.getMessage());
        }
    }

    /** The record with its rhythm windows, or why it has none. */
    private Object windows(String name, Record r, Path annotations, int min, RhythmTally tally) throws IOException {
        List<RhythmEpisode> episodes = RhythmEpisode.of(AnnotationReader.read(annotations), r.samples());
        if (episodes.isEmpty()) {
            return new Skipped(name, annotations, "no rhythm annotations ('+' with aux text such as '(N')");
        }
        tally.withRhythm.incrementAndGet();
        double fs = r.samplingFrequency();
        int length = RhythmWindow.samples(windowSeconds, fs);
        if (length < min) {
            return new Skipped(name, annotations, "a window of " + windowSeconds + " s is " + length
                    + " samples, fewer than the " + min + " that QRS detection needs at " + fs + " Hz");
        }
        List<RhythmWindow> windows = RhythmWindow.cut(episodes, length);
        if (windows.isEmpty()) {
            int longest = episodes.stream().mapToInt(RhythmEpisode::samples).max().orElse(0);
            return new Skipped(name, annotations, "no rhythm episode lasts a window of " + windowSeconds
                    + " s (the longest lasts " + String.format(Locale.ROOT, "%.1f", longest / fs) + " s)");
        }
        return new Loaded(name, r, windows);
    }

    /** Features of each item, null where they fail (reported as skipped, with the file fileOf gives). */
    private List<double[]> features(List<Record> items, IntFunction<Path> fileOf, List<Skipped> skipped) {
        if (items.isEmpty()) {
            return List.of();
        }
        try {
            return RecordFeatures.of(items, lead);
        } catch (RuntimeException batch) {
            List<double[]> out = new ArrayList<>();
            for (int j = 0; j < items.size(); j++) {
                Record r = items.get(j);
                try {
                    out.add(RecordFeatures.of(List.of(r), lead).get(0));
                } catch (RuntimeException e) {
                    skip(skipped, new Skipped(r.name(), fileOf.apply(j), "features failed: " + e.getMessage()));
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

    private Result write(Path out, List<Packed> unsorted, int total, List<Skipped> skipped) throws IOException {
        boolean windowed = annotator != null;
        int width = Math.max(4, Integer.toString(unsorted.stream().mapToInt(Packed::window).max().orElse(0)).length());
        // "SOURCE/NNNN": no file name holds '/', so the name splits back into source and window, and sorting the
        // names keeps each source's windows together and in time order
        Function<Packed, String> nameOf = p -> p.window() < 0 ? p.source()
                : p.source() + "/" + String.format(Locale.ROOT, "%0" + width + "d", p.window());
        List<Packed> packed = new ArrayList<>(unsorted);
        packed.sort(Comparator.comparing(nameOf));
        int n = packed.size();
        List<String> classNames = List.copyOf(new TreeSet<>(packed.stream().map(Packed::label).toList()));
        long[] offsets = new long[n + 1];
        int[] labelIdx = new int[n];
        String[] names = new String[n];
        String[] hashes = new String[n];
        String[] sources = new String[n];
        long[] starts = new long[n];
        int[] sourceIdx = new int[n];
        double[][] features = new double[n][];
        double[] recordFs = new double[n];
        Map<String, Integer> sourceNumbers = new HashMap<>();
        for (int i = 0; i < n; i++) {
            Packed p = packed.get(i);
            offsets[i + 1] = offsets[i] + p.signal().length;
            labelIdx[i] = classNames.indexOf(p.label());
            names[i] = nameOf.apply(p);
            hashes[i] = p.sha256();
            sources[i] = p.source();
            starts[i] = p.start();
            sourceIdx[i] = sourceNumbers.computeIfAbsent(p.source(), k -> sourceNumbers.size());
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
        byte[] split = windowed ? Split.bySource(labelIdx, classNames.size(), sourceIdx, seed, testFraction)
                : Split.stratified(labelIdx, classNames.size(), seed, testFraction);
        int sourceCount = sourceNumbers.size();

        return Hdf.writeAtomically(out, h -> {
            h.putAttribute("schema_version", Dataset.SCHEMA_VERSION);
            h.putAttribute("fs", fs);
            h.putAttribute("lead", lead);
            h.putAttribute("class_names", classNames.toArray(String[]::new));
            h.putAttribute("split_seed", seed);
            h.putAttribute("split_test_fraction", testFraction);
            h.putAttribute("split_method", windowed ? Dataset.SPLIT_BY_SOURCE : Dataset.SPLIT_STRATIFIED);
            h.putAttribute("item_kind", (windowed ? Dataset.ItemKind.RHYTHM_WINDOW : Dataset.ItemKind.RECORD).id());
            h.putAttribute("window_seconds", windowed ? windowSeconds : Double.NaN);
            h.putAttribute("annotator", windowed ? annotator : "");
            h.putAttribute("command", command);
            h.putAttribute("created_by", createdBy);
            h.putDataset(Dataset.SIGNALS, signals);
            h.putDataset(Dataset.OFFSETS, offsets);
            h.putDataset(Dataset.LABELS, labelIdx);
            h.putDataset(Dataset.RECORD_NAMES, names);
            h.putDataset(Dataset.SOURCES, sources);
            h.putDataset(Dataset.SOURCE_STARTS, starts);
            h.putDataset(Dataset.SHA256, hashes);
            WritableDataset f = h.putDataset(Dataset.FEATURES, features);
            f.putAttribute(Dataset.FEATURE_NAMES, RecordFeatures.NAMES.toArray(String[]::new));
            h.putDataset(Dataset.SPLIT, split);
            h.putDataset(Dataset.FS, recordFs);
        }, temp -> new Result(out, sourceCount, total, List.copyOf(skipped), classNames,
                Dataset.open(temp).classCounts(), fs, n), beforeMove);
    }
}
