package org.ecgworkbench.app.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import org.ecgworkbench.engine.features.RecordFeatures;
import org.ecgworkbench.engine.record.Record;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** features: the fixed feature vector of every record, one CSV row each (names in docs/features.md). */
@Command(name = "features", description = "Writes one CSV row of hand-crafted features per record (RR statistics, "
        + "sample entropy, COSEn, Welch spectra, signal quality) with a header row of the feature names.")
public final class FeaturesCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "RECORD", description = "Records (path without extension, or .hea/.dat/.mat/.csv).")
    List<Path> records = new ArrayList<>();

    @Option(names = "--out", required = true, paramLabel = "FILE.csv", description = "CSV file to write.")
    Path out;

    @Mixin
    LeadOption lead;

    @Mixin
    RecordInput input;

    @Override
    public Integer call() throws IOException {
        RecordInput.Read loaded = input.readWithLead(records, lead.channel());
        List<Record> read = loaded.records();
        boolean failed = loaded.failed();
        List<double[]> rows;
        try {
            rows = RecordFeatures.of(read, lead.leads(read));
        } catch (IllegalArgumentException e) {
            input.error(e);
            return 1;
        }
        StringBuilder sb = new StringBuilder("record,").append(String.join(",", RecordFeatures.NAMES)).append('\n');
        for (int i = 0; i < read.size(); i++) {
            sb.append(read.get(i).name());
            for (double v : rows.get(i)) {
                sb.append(',').append(Double.isNaN(v) ? "NaN" : Double.toString(v));
            }
            sb.append('\n');
        }
        Path parent = out.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(out, sb);
        input.out().println("wrote " + read.size() + " rows of " + RecordFeatures.NAMES.size() + " features to " + out);
        input.out().flush();
        return failed ? 1 : 0;
    }
}
