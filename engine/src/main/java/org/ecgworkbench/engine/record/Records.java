package org.ecgworkbench.engine.record;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Entry point for reading and writing recordings, whatever their format. */
public final class Records {

    /** Extensions beside a record that are not annotation files. */
    private static final Set<String> NOT_ANNOTATIONS = Set.of(
            "hea", "dat", "mat", "csv", "txt", "json", "xml", "edf", "png", "jpg", "pdf", "md", "zip", "gz", "xws");

    /** Output formats of {@link #write}. */
    public enum Format {
        /** WFDB header plus format-16 signal file. */
        WFDB,
        /** CSV with a header row of lead names, values in mV. */
        CSV
    }

    private Records() {
    }

    /**
     * Reads a record given as a path without extension ("…/100" finds 100.hea, then 100.mat), as a
     * .hea, .dat or .mat file, or as another file of the record such as 100.atr. CSV needs a sampling frequency: use {@link #read(Path, double)}.
     */
    public static Record read(Path path) throws RecordFormatException {
        return read(path, Double.NaN);
    }

    /** Like {@link #read(Path)}, and reads a .csv file at the given sampling frequency in Hz. */
    public static Record read(Path path, double csvFrequency) throws RecordFormatException {
        String ext = Io.extension(path);
        Path base = path.resolveSibling(Io.baseName(path));
        switch (ext) {
            case "hea":
                return WfdbReader.read(path);
            case "mat":
                return MatReader.read(path);
            case "csv":
                if (Double.isNaN(csvFrequency)) {
                    throw RecordFormatException.of(path, "a CSV file needs its sampling frequency (--fs)");
                }
                return CsvReader.read(path, csvFrequency);
            case "dat":
                return WfdbReader.read(withExtension(base, "hea"));
            default:
                break;
        }
        // A record name may itself contain a dot; failing that, "100.atr" names record 100.
        for (Path candidate : ext.isEmpty() ? List.of(path) : List.of(path, base)) {
            Optional<Path> file = namedFile(candidate, "hea", "mat");
            if (file.isPresent()) {
                return Io.extension(file.get()).equals("hea") ? WfdbReader.read(file.get()) : MatReader.read(file.get());
            }
        }
        throw RecordFormatException.of(path, "no record found (looked for .hea and .mat files)");
    }

    /** The annotations in the file beside a record with the given extension (e.g. "atr" for 100.atr). */
    public static List<Annotation> readAnnotations(Path record, String extension) throws RecordFormatException {
        return AnnotationReader.read(withExtension(recordBase(record), extension));
    }

    /** The annotation files beside a record (same name, any extension other than signal, header or data ones), sorted. */
    public static List<Path> annotationFiles(Path record) throws IOException {
        Path base = recordBase(record);
        Path dir = base.toAbsolutePath().getParent();
        String prefix = String.valueOf(base.getFileName()) + ".";
        List<Path> found = new ArrayList<>();
        if (dir == null || !Files.isDirectory(dir)) {
            return found;
        }
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, p -> {
            String n = p.getFileName().toString();
            return n.startsWith(prefix) && n.length() > prefix.length()
                    && !n.substring(prefix.length()).contains(".")
                    && !NOT_ANNOTATIONS.contains(Io.extension(p)) && Files.isRegularFile(p);
        })) {
            ds.forEach(found::add);
        }
        found.sort(null);
        return found;
    }

    /** The label of a record from a REFERENCE.csv in its folder, if there is one and it names the record. */
    public static Optional<String> label(Path record) throws RecordFormatException {
        Path base = recordBase(record);
        Path ref = base.resolveSibling("REFERENCE.csv");
        if (!Files.isRegularFile(ref)) {
            return Optional.empty();
        }
        Map<String, String> labels = ReferenceLabels.read(ref);
        return Optional.ofNullable(labels.get(String.valueOf(base.getFileName())));
    }

    /** Reads a REFERENCE.csv label file: record name to label. */
    public static Map<String, String> readLabels(Path referenceCsv) throws RecordFormatException {
        return ReferenceLabels.read(referenceCsv);
    }

    /** Writes the record into dir in the given format and returns the main file written (.hea or .csv). */
    public static Path write(Record record, Path dir, Format format) throws IOException {
        return switch (format) {
            case WFDB -> WfdbWriter.write(record, dir);
            case CSV -> CsvWriter.write(record, dir);
        };
    }

    /** The record path without a known record-file extension ("…/100.hea" gives "…/100"). */
    public static Path recordBase(Path record) {
        String ext = Io.extension(record);
        return switch (ext) {
            case "hea", "dat", "mat", "csv" -> record.resolveSibling(Io.baseName(record));
            default -> record;
        };
    }

    /**
     * The file of a record named without extension, as PhysioNet names records ("…/mitdb/100"): name.EXT for the
     * first of extensions that is a regular file, or empty when none is.
     */
    public static Optional<Path> namedFile(Path name, String... extensions) {
        for (String ext : extensions) {
            Path file = withExtension(name, ext);
            if (Files.isRegularFile(file)) {
                return Optional.of(file);
            }
        }
        return Optional.empty();
    }

    private static Path withExtension(Path base, String ext) {
        return base.resolveSibling(base.getFileName() + "." + ext);
    }
}
