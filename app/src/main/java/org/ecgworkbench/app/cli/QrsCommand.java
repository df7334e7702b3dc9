package org.ecgworkbench.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import org.ecgworkbench.engine.qrs.PanTompkins;
import org.ecgworkbench.engine.qrs.QrsDetection;
import org.ecgworkbench.engine.record.Record;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** qrs: Pan-Tompkins detection, one DIR/&lt;record&gt;.qrs.csv of 0-based R-peak sample indices per record. */
@Command(name = "qrs", description = "Detects QRS complexes (Pan-Tompkins); writes DIR/<record>.qrs.csv, one 0-based "
        + "sample index per line, no header.")
public final class QrsCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "RECORD",
            description = "A record path without extension (e.g. mitdb/100) or a .hea, .dat, .mat or .csv file.")
    List<Path> records = new ArrayList<>();

    @Mixin
    LeadOption lead;

    @Option(names = "--out-dir", required = true, paramLabel = "DIR", description = "Folder for the .qrs.csv files.")
    Path outDir;

    @Mixin
    RecordInput input;

    @Override
    public Integer call() throws IOException {
        RecordInput.Read loaded = input.readWithLead(records, lead.channel());
        List<Record> read = loaded.records();
        boolean failed = loaded.failed();
        Files.createDirectories(outDir);
        List<QrsDetection> found;
        try {
            found = PanTompkins.detect(read, lead.leads(read));
        } catch (IllegalArgumentException e) {
            input.error(e);
            return 1;
        }
        PrintWriter out = input.out();
        for (int i = 0; i < read.size(); i++) {
            Path file = outDir.resolve(read.get(i).name() + ".qrs.csv");
            write(file, found.get(i).rPeaks());
            out.println(read.get(i).name() + ": " + found.get(i).rPeaks().length + " beats -> " + file);
        }
        out.flush();
        return failed ? 1 : 0;
    }

    /** Writes one sample index per line, no header. */
    static void write(Path file, int[] samples) throws IOException {
        StringBuilder sb = new StringBuilder(samples.length * 8);
        for (int s : samples) {
            sb.append(s).append('\n');
        }
        Files.writeString(file, sb);
    }
}
