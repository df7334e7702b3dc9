package org.ecgworkbench.engine.record;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * Reads a CSV recording: one column per lead, values in mV, comma- or semicolon-separated.
 *
 * <p>An optional first row names the leads (a row with any non-numeric field is taken as that row). A
 * first column named "time", "time_s" or "t" is skipped, since the sampling frequency already fixes it.
 * With ';' as separator a decimal comma is accepted. Lines starting with '#' are kept as comments.
 */
public final class CsvReader {

    static final long MAX_BYTES = 1L << 30;

    private CsvReader() {
    }

    /** Reads the file; samplingFrequency in Hz is needed because CSV does not carry it. */
    public static Record read(Path file, double samplingFrequency) throws RecordFormatException {
        if (!(samplingFrequency > 0) || Double.isInfinite(samplingFrequency)) {
            throw new IllegalArgumentException("sampling frequency must be positive, got " + samplingFrequency);
        }
        return parse(file, Io.baseName(file), new String(Io.readAll(file, MAX_BYTES), StandardCharsets.UTF_8),
                samplingFrequency);
    }

    /**
     * Reads a CSV recording from bytes (UTF-8; e.g. an upload) at samplingFrequency Hz; name names the record and,
     * in errors, the input.
     */
    public static Record read(String name, byte[] csv, double samplingFrequency) throws RecordFormatException {
        if (!(samplingFrequency > 0) || Double.isInfinite(samplingFrequency)) {
            throw RecordFormatException.of(Path.of(name), "sampling frequency must be a positive number of Hz, got "
                    + samplingFrequency);
        }
        return parse(Path.of(name), name, new String(csv, StandardCharsets.UTF_8), samplingFrequency);
    }

    private static Record parse(Path file, String recordName, String content, double samplingFrequency)
            throws RecordFormatException {
        String text = content;
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);  // byte order mark written by spreadsheet programs
        }
        String[] lines = text.split("\r\n|\n|\r", -1);
        List<String> comments = new ArrayList<>();
        List<String> names = null;
        Columns columns = null;
        String sep = null;
        boolean skipFirst = false;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty()) {
                continue;
            }
            if (line.startsWith("#")) {
                comments.add(line.substring(1).strip());
                continue;
            }
            if (sep == null) {
                sep = line.contains(";") ? ";" : ",";
            }
            String[] f = line.split(sep, -1);
            if (columns == null) {
                if (!allNumeric(f, sep)) {
                    names = new ArrayList<>();
                    for (String s : f) {
                        names.add(s.strip());
                    }
                    skipFirst = names.size() > 1 && isTimeName(names.get(0));
                    if (skipFirst) {
                        names.remove(0);
                    }
                    columns = new Columns(f.length, text.length());
                    continue;
                }
                columns = new Columns(f.length, text.length());
            }
            if (f.length != columns.count()) {
                throw RecordFormatException.atLine(file, i + 1, "expected " + columns.count() + " columns, found " + f.length);
            }
            for (int c = skipFirst ? 1 : 0; c < f.length; c++) {
                columns.add(c, parse(f[c], sep, file, i + 1, c + 1));
            }
            columns.endRow();
        }
        if (columns == null || columns.length() == 0) {
            throw RecordFormatException.of(file, "no samples");
        }
        double[][] data = columns.toArrays(skipFirst ? 1 : 0);
        if (names == null) {
            names = new ArrayList<>();
            for (int c = 0; c < data.length; c++) {
                names.add("signal " + c);
            }
        }
        return Record.fromPhysical(recordName, samplingFrequency, names,
                Collections.nCopies(names.size(), "mV"), data, comments, List.of());
    }

    private static boolean isTimeName(String s) {
        String n = s.toLowerCase(Locale.ROOT);
        return n.equals("time") || n.equals("time_s") || n.equals("t") || n.startsWith("time (");
    }

    private static boolean allNumeric(String[] fields, String sep) {
        for (String f : fields) {
            try {
                Double.parseDouble(normalize(f, sep));
            } catch (NumberFormatException e) {
                return false;
            }
        }
        return true;
    }

    private static String normalize(String field, String sep) {
        String s = field.strip();
        return sep.equals(";") ? s.replace(',', '.') : s;
    }

    private static double parse(String field, String sep, Path file, int line, int column) throws RecordFormatException {
        double v;
        try {
            v = Double.parseDouble(normalize(field, sep));
        } catch (NumberFormatException e) {
            throw RecordFormatException.atLine(file, line, "column " + column + ": not a number: '" + field.strip() + "'");
        }
        if (!Double.isFinite(v)) {
            throw RecordFormatException.atLine(file, line, "column " + column + ": not a finite number: '" + field.strip() + "'");
        }
        return v;
    }

    /** Growable columns of doubles; capacity grows with the data actually read, never ahead of it. */
    private static final class Columns {
        private final double[][] cols;
        private int length;

        Columns(int count, int textLength) {
            cols = new double[count][Math.min(1024, textLength / 2 + 1)];
        }

        int count() {
            return cols.length;
        }

        int length() {
            return length;
        }

        void add(int c, double v) {
            if (length >= cols[c].length) {
                cols[c] = Arrays.copyOf(cols[c], cols[c].length * 2);
            }
            cols[c][length] = v;
        }

        void endRow() {
            length++;
        }

        double[][] toArrays(int from) {
            double[][] out = new double[cols.length - from][];
            for (int c = from; c < cols.length; c++) {
                out[c - from] = Arrays.copyOf(cols[c], length);
            }
            return out;
        }
    }
}
