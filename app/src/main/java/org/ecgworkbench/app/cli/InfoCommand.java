package org.ecgworkbench.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.ecgworkbench.engine.record.Annotation;
import org.ecgworkbench.engine.record.Record;
import org.ecgworkbench.engine.record.Records;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** Prints a summary of each record; a record that cannot be read is reported on stderr and the others still print. */
@Command(name = "info", description = "Prints name, sampling frequency, duration, leads, annotations, label and warnings of records.")
public final class InfoCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "RECORD",
            description = "A record path without extension (e.g. mitdb/100) or a .hea, .dat, .mat or .csv file.")
    List<Path> records = new ArrayList<>();

    @Mixin
    RecordInput input;

    @Override
    public Integer call() {
        boolean failed = false;
        for (Path path : records) {
            try {
                print(path, input.read(path));
            } catch (IOException e) {
                input.error(e);
                failed = true;
            }
        }
        return failed ? 1 : 0;
    }

    private void print(Path path, Record r) throws IOException {
        PrintWriter out = input.out();
        out.println("record: " + r.name() + " (" + path + ")");
        out.println("  sampling frequency: " + Cli.number(r.samplingFrequency()) + " Hz");
        out.println(String.format(Locale.ROOT, "  duration: %.3f s (%d samples)", r.durationSeconds(), r.samples()));
        List<String> leads = new ArrayList<>();
        for (int i = 0; i < r.leadCount(); i++) {
            leads.add(r.leadNames().get(i) + " [" + r.units().get(i) + "]");
        }
        out.println("  leads: " + r.leadCount() + ": " + String.join(", ", leads));
        for (Path ann : Records.annotationFiles(path)) {
            try {
                List<Annotation> a = Records.readAnnotations(path, Cli.extension(ann));
                long beats = a.stream().filter(Annotation::isBeat).count();
                out.println("  annotations: " + ann.getFileName() + ": " + a.size() + " (" + beats + " beats)");
            } catch (IOException e) {
                input.error(e);
            }
        }
        Records.label(path).ifPresent(l -> out.println("  label: " + l));
        for (String w : r.warnings()) {
            out.println("  warning: " + w);
        }
        out.flush();
    }
}
