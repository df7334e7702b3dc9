package org.ecgworkbench.engine.record;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Finds the records in a file or folder and summarises each (the recording browser's table). A record that cannot
 * be read becomes a summary carrying its error, so one bad file never stops the others from being listed.
 */
public final class RecordCatalog {

    /** Annotation extensions preferred for counting, in order (PhysioNet's reference annotator first). */
    private static final List<String> PREFERRED_ANNOTATORS = List.of("atr", "ecg", "qrs");

    private final double csvFrequency;
    private final Map<Path, Map<String, String>> labelsByFolder = new HashMap<>();

    /** A catalogue reading CSV files at csvFrequency Hz (NaN: CSV files are listed with an error asking for it). */
    public RecordCatalog(double csvFrequency) {
        this.csvFrequency = csvFrequency;
    }

    /**
     * The record files under path: path itself when it is a file, otherwise the records in the folder (one file per
     * record: its .hea, else its .mat, else a .csv), sorted by name. Not recursive. A record named as PhysioNet names
     * it, without extension ("…/mitdb/100"), is its .hea, else its .mat, else its .csv file.
     */
    public static List<Path> find(Path path) throws IOException {
        if (!Files.exists(path)) {
            Optional<Path> file = Records.namedFile(path, "hea", "mat", "csv");
            if (file.isPresent()) {
                return List.of(file.get());
            }
            throw RecordFormatException.of(path, "no such file, folder or record (looked for .hea, .mat and .csv)");
        }
        if (!Files.isDirectory(path)) {
            return List.of(path);
        }
        Set<String> withHeader = new TreeSet<>();
        List<Path> candidates = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(path)) {
            for (Path p : ds) {
                String ext = Io.extension(p);
                if (!Files.isRegularFile(p)) {
                    continue;
                }
                if (ext.equals("hea")) {
                    withHeader.add(Io.baseName(p));
                    candidates.add(p);
                } else if (ext.equals("mat") || ext.equals("csv") && !p.getFileName().toString().equals(
                        "REFERENCE.csv")) {
                    candidates.add(p);
                }
            }
        }
        List<Path> out = new ArrayList<>();
        for (Path p : candidates) {
            if (Io.extension(p).equals("mat") && withHeader.contains(Io.baseName(p))) {
                continue; // read through its header
            }
            out.add(p);
        }
        out.sort(null);
        return out;
    }

    /** Reads the record at file and summarises it; never throws for a bad record (the error is in the summary). */
    public RecordSummary summarize(Path file) {
        String name = Io.baseName(file);
        String format = format(file);
        String label = "";
        try {
            label = label(file).orElse("");
            Record r = Io.extension(file).equals("csv") ? Records.read(file, csvFrequency) : Records.read(file);
            String annotator = "";
            int count = 0;
            Optional<Path> ann = annotationFile(file);
            List<String> warnings = new ArrayList<>(r.warnings());
            if (ann.isPresent()) {
                annotator = Io.extension(ann.get());
                try {
                    count = Records.readAnnotations(file, annotator).size();
                } catch (RecordFormatException e) {
                    warnings.add(e.getMessage());
                }
            }
            return new RecordSummary(file, r.name(), format, r.samplingFrequency(), r.samples(), r.leadNames(),
                    label, annotator, count, List.copyOf(warnings), "");
        } catch (IOException | RuntimeException e) {
            String why = e instanceof RecordFormatException ? e.getMessage() : file + ": " + e.getMessage();
            if (e instanceof IllegalArgumentException && Io.extension(file).equals("csv")) {
                why = file + ": a CSV file needs its sampling frequency (set it in Preferences)";
            }
            return new RecordSummary(file, name, format, Double.NaN, 0, List.of(), label, "", 0, List.of(), why);
        }
    }

    private static String format(Path file) {
        return switch (Io.extension(file)) {
            case "mat" -> "CinC .mat";
            case "csv" -> "CSV";
            default -> Files.isRegularFile(file.resolveSibling(Io.baseName(file) + ".mat")) ? "CinC .mat" : "WFDB";
        };
    }

    private Optional<String> label(Path file) throws RecordFormatException {
        Path folder = file.toAbsolutePath().getParent();
        Path ref = folder.resolve("REFERENCE.csv");
        if (!Files.isRegularFile(ref)) {
            return Optional.empty();
        }
        Map<String, String> labels = labelsByFolder.get(folder);
        if (labels == null) {
            labels = Records.readLabels(ref);
            labelsByFolder.put(folder, labels);
        }
        return Optional.ofNullable(labels.get(Io.baseName(file)));
    }

    private static Optional<Path> annotationFile(Path file) throws IOException {
        List<Path> files = Records.annotationFiles(file);
        for (String ext : PREFERRED_ANNOTATORS) {
            for (Path p : files) {
                if (Io.extension(p).equals(ext)) {
                    return Optional.of(p);
                }
            }
        }
        return files.stream().findFirst();
    }
}
