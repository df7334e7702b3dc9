package org.ecgworkbench.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.ecgworkbench.engine.record.Quantizer;
import org.ecgworkbench.engine.record.Record;
import org.ecgworkbench.engine.record.Records;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

/** Converts one record to WFDB format 16 or CSV. */
@Command(name = "convert", description = "Converts a record to WFDB (format 16) or CSV (values in mV).")
public final class ConvertCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "RECORD",
            description = "A record path without extension (e.g. mitdb/100) or a .hea, .dat, .mat or .csv file.")
    Path record;

    @Option(names = "--to", required = true, paramLabel = "wfdb|csv", description = "Output format: wfdb or csv.")
    String to;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder (created if needed).")
    Path out;

    @Mixin
    RecordInput input;

    @Override
    public Integer call() {
        Records.Format format = switch (to.toLowerCase(Locale.ROOT)) {
            case "wfdb" -> Records.Format.WFDB;
            case "csv" -> Records.Format.CSV;
            default -> throw new ParameterException(input.command.commandLine(), "--to must be wfdb or csv, not '" + to + "'");
        };
        try {
            Record r = input.read(record);
            if (format == Records.Format.WFDB) {
                r = Quantizer.quantize(r);  // done here so the quantization warning is shown
            }
            Path written = Records.write(r, out, format);
            PrintWriter stdout = input.out();
            stdout.println("wrote " + written);
            for (String w : r.warnings()) {
                stdout.println("warning: " + w);
            }
            stdout.flush();
            return 0;
        } catch (IOException e) {
            input.error(e);
            return 1;
        }
    }
}
