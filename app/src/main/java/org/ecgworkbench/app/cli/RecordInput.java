package org.ecgworkbench.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.ecgworkbench.engine.record.Record;
import org.ecgworkbench.engine.record.RecordFormatException;
import org.ecgworkbench.engine.record.Records;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * What the commands that read records share: the --fs option (CSV files do not carry their sampling
 * frequency) and the command's output streams, which tests replace.
 */
public final class RecordInput {

    @Option(names = "--fs", paramLabel = "HZ", description = "Sampling frequency in Hz of CSV input.")
    Double fs;

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    /** Reads a record (path without extension, or a .hea, .dat, .mat or .csv file). */
    Record read(Path record) throws RecordFormatException {
        return Records.read(record, fs == null ? Double.NaN : fs);
    }

    /** Records that were read, and whether any could not be (each such one already reported on stderr). */
    record Read(List<Record> records, boolean failed) {
    }

    /**
     * Reads every record that has lead {@code channel} (0-based; null: any record); the others are reported
     * and skipped.
     */
    Read readWithLead(List<Path> paths, Integer channel) {
        boolean failed = false;
        List<Record> read = new ArrayList<>();
        for (Path p : paths) {
            try {
                Record r = read(p);
                if (channel != null && (channel < 0 || channel >= r.leadCount())) {
                    throw new IllegalArgumentException(p + ": no channel " + channel + " (the record has "
                            + r.leadCount() + ")");
                }
                read.add(r);
            } catch (IOException | IllegalArgumentException e) {
                error(e);
                failed = true;
            }
        }
        return new Read(read, failed);
    }

    /** The command's standard output. */
    PrintWriter out() {
        return command.commandLine().getOut();
    }

    /** Prints an error line (naming file and reason) to the command's standard error. */
    void error(Exception e) {
        Cli.fail(command.commandLine().getErr(), e, 1);
    }
}
