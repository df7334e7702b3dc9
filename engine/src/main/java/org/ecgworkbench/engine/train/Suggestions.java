package org.ecgworkbench.engine.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * External classifier suggestions: one class-probability vector per record, read from a CSV file whose header is
 * {@code record,CLASS1,CLASS2,...} (column names may also be {@code p_CLASS}); columns are reordered to the
 * network's classes. Values must be finite and in [0, 1].
 */
public final class Suggestions {

    private final Path file;
    private final Map<String, float[]> byRecord;

    private Suggestions(Path file, Map<String, float[]> byRecord) {
        this.file = file;
        this.byRecord = byRecord;
    }

    /** Reads the file and maps its columns to the given classes (every class must have a column). */
    public static Suggestions read(Path file, List<String> classes) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + ": suggestions file not found");
        }
        List<String> lines = Files.readAllLines(file);
        if (lines.isEmpty()) {
            throw new IOException(file + ": empty suggestions file (expected a header record,CLASS,...)");
        }
        String[] header = lines.get(0).trim().split(",");
        int[] col = new int[classes.size()];
        for (int k = 0; k < classes.size(); k++) {
            col[k] = -1;
            for (int c = 1; c < header.length; c++) {
                String h = header[c].trim();
                if (h.equals(classes.get(k)) || h.equals("p_" + classes.get(k)) || h.equals("p" + classes.get(k))) {
                    col[k] = c;
                }
            }
            if (col[k] < 0) {
                throw new IOException(file + ": no column for class " + classes.get(k) + " in the header "
                        + lines.get(0).trim());
            }
        }
        Map<String, float[]> map = new HashMap<>();
        for (int ln = 1; ln < lines.size(); ln++) {
            String line = lines.get(ln).trim();
            if (line.isEmpty()) {
                continue;
            }
            String[] f = line.split(",");
            if (f.length != header.length) {
                throw new IOException(file + ": line " + (ln + 1) + " has " + f.length + " fields, the header "
                        + header.length);
            }
            float[] p = new float[classes.size()];
            for (int k = 0; k < p.length; k++) {
                double v;
                try {
                    v = Double.parseDouble(f[col[k]].trim());
                } catch (NumberFormatException e) {
                    throw new IOException(file + ": line " + (ln + 1) + ": \"" + f[col[k]] + "\" is not a number");
                }
                if (!(v >= 0 && v <= 1)) {
                    throw new IOException(file + ": line " + (ln + 1) + ": probability " + v + " is not in [0, 1]");
                }
                p[k] = (float) v;
            }
            map.put(f[0].trim(), p);
        }
        return new Suggestions(file, map);
    }

    /** The file read. */
    public Path file() {
        return file;
    }

    /** The vector of a record (or of its source record for windows), or an error naming the record. */
    public float[] of(String record, String source) {
        float[] p = byRecord.get(record);
        if (p == null && source != null) {
            p = byRecord.get(source);
        }
        if (p == null) {
            throw new IllegalArgumentException(file + ": no suggestion for record " + record);
        }
        return p;
    }

    /** Number of records with a suggestion. */
    public int size() {
        return byRecord.size();
    }
}
