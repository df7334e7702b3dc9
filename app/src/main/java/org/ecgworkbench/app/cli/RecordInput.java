package org.ecgworkbench.app.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
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

    /** The command's standard output. */
    PrintWriter out() {
        return command.commandLine().getOut();
    }

    /** Prints an error line (naming file and reason) to the command's standard error. */
    void error(Exception e) {
        PrintWriter err = command.commandLine().getErr();
        err.println("error: " + e.getMessage());
        err.flush();
    }
}
