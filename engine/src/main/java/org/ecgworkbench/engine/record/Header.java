package org.ecgworkbench.engine.record;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;

/**
 * A parsed WFDB header file (header(5)): the record line, its signal lines and comments.
 *
 * @param file              the header file it was read from
 * @param recordName        the record name on the record line
 * @param samplingFrequency samples per second per signal, in Hz (250 when absent)
 * @param counterFrequency  counter frequency in Hz (the sampling frequency when absent)
 * @param baseCounter       counter value of sample 0
 * @param samples           samples per signal, or -1 when absent or 0 (then taken from the file size)
 * @param baseTime          time of day of sample 0, or null
 * @param baseDate          date of sample 0, or null
 * @param signals           one entry per signal line
 * @param comments          comment lines without the '#'
 * @param warnings          tolerated irregularities
 */
public record Header(Path file, String recordName, double samplingFrequency, double counterFrequency,
                     double baseCounter, long samples, LocalTime baseTime, LocalDate baseDate,
                     List<SignalSpec> signals, List<String> comments, List<String> warnings) {

    /** WFDB's sampling frequency when the header gives none, in Hz. */
    public static final double DEFAULT_FREQUENCY = 250;

    /** Reads and parses a WFDB header file. */
    public static Header read(Path file) throws RecordFormatException {
        return HeaderParser.parse(file);
    }
}
