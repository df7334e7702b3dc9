package org.ecgworkbench.engine.record;

import java.nio.file.Path;
import java.util.List;

/**
 * One line of a recording catalogue: what a researcher checks before opening a record, or why it could not be read.
 *
 * @param path             the file the record was found by (.hea, .mat or .csv)
 * @param name             record name
 * @param format           "WFDB", "CinC .mat" or "CSV"
 * @param samplingFrequency sampling frequency in Hz (NaN when unreadable)
 * @param samples          samples per lead (0 when unreadable)
 * @param leads            lead names (empty when unreadable)
 * @param label            reference label from REFERENCE.csv, or "" when none
 * @param annotator        extension of the annotation file counted (e.g. "atr"), or "" when none
 * @param annotations      number of annotations in that file (0 when none)
 * @param warnings         what was read but looks wrong (checksums, clipped values)
 * @param error            why the record could not be read (file and reason), or "" when it was read
 */
public record RecordSummary(Path path, String name, String format, double samplingFrequency, int samples,
                            List<String> leads, String label, String annotator, int annotations,
                            List<String> warnings, String error) {

    /** Duration in seconds (NaN when unreadable). */
    public double durationSeconds() {
        return samples / samplingFrequency;
    }

    /** Whether the record was read. */
    public boolean ok() {
        return error.isEmpty();
    }
}
