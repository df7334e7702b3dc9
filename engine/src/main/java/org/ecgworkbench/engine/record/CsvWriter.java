package org.ecgworkbench.engine.record;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a record as CSV: a header row of lead names, then one row per sample with one column per lead.
 *
 * <p>No time column is written: it is sample / fs and {@link CsvReader} needs fs anyway. Values are the
 * physical values (normally mV) in Java's shortest exact decimal form, so reading back gives the same doubles.
 */
public final class CsvWriter {

    private CsvWriter() {
    }

    /** Writes the record to dir/NAME.csv and returns that path. */
    public static Path write(Record r, Path dir) throws IOException {
        Files.createDirectories(dir);
        Path out = dir.resolve(WfdbWriter.safeName(r.name()) + ".csv");
        try (BufferedWriter w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            for (int i = 0; i < r.leadCount(); i++) {
                w.write((i > 0 ? "," : "") + r.leadNames().get(i).replaceAll("[,;\"\\r\\n]", "_"));
            }
            w.write('\n');
            for (int s = 0; s < r.samples(); s++) {
                for (int i = 0; i < r.leadCount(); i++) {
                    if (i > 0) {
                        w.write(',');
                    }
                    w.write(Double.toString(r.physicalView(i)[s]));
                }
                w.write('\n');
            }
        }
        return out;
    }
}
