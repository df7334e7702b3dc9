package org.ecgworkbench.engine.record;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reads a PhysioNet challenge label file (REFERENCE.csv): one "name,label" line per record. */
public final class ReferenceLabels {

    static final long MAX_BYTES = 64L << 20;

    private ReferenceLabels() {
    }

    /** Record name to label (e.g. "A00001" to "N"), in file order; tolerates CRLF and blank lines. */
    public static Map<String, String> read(Path file) throws RecordFormatException {
        String text = new String(Io.readAll(file, MAX_BYTES), StandardCharsets.UTF_8);
        Map<String, String> labels = new LinkedHashMap<>();
        String[] lines = text.split("\r\n|\n|\r", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty()) {
                continue;
            }
            String[] f = line.split(",", -1);
            if (f.length < 2 || f[0].isBlank() || f[1].isBlank()) {
                throw RecordFormatException.atLine(file, i + 1, "expected 'name,label', found '" + line + "'");
            }
            if (labels.put(f[0].strip(), f[1].strip()) != null) {
                throw RecordFormatException.atLine(file, i + 1, "record " + f[0].strip() + " is labelled twice");
            }
        }
        return labels;
    }
}
