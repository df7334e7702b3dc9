package org.ecgworkbench.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import org.ecgworkbench.engine.train.Inference;
import org.ecgworkbench.engine.train.TrainedModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** predict: classifies recordings with a trained run's model. */
@Command(name = "predict", description = "Classifies recordings (files or folders of .hea/.mat/.csv) with a trained "
        + "run's model (its weight average when the prototype sets average_epochs, else its best checkpoint); writes "
        + "name,label and one probability per class.")
public final class PredictCommand implements Callable<Integer> {

    @Option(names = "--model", required = true, paramLabel = "RUN_DIR", description = "Run directory of a trained model.")
    Path model;

    @Option(names = "--out", paramLabel = "preds.csv", description = "Output CSV (default: standard output).")
    Path out;

    @Option(names = "--workers", defaultValue = "2", paramLabel = "N", description = "Batch assembly threads (default 2).")
    int workers;

    @Parameters(arity = "1..*", paramLabel = "RECORD|DIR", description = "Recordings, or folders of recordings.")
    List<Path> inputs;

    @Mixin
    RecordInput input;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        try {
            TrainedModel m = TrainedModel.load(model);
            RecordInput.Read read = input.readWithLead(expand(inputs), null);
            List<String> classes = m.prototype().classes();
            int[] order = cincOrder(classes);
            StringBuilder sb = new StringBuilder("name,label");
            for (int c : order) {
                sb.append(",p").append(classes.get(c));
            }
            sb.append('\n');
            if (!read.records().isEmpty()) {
                double[][] prob = m.probabilities(read.records(), workers);
                for (int i = 0; i < prob.length; i++) {
                    sb.append(read.records().get(i).name()).append(',').append(classes.get(Inference.argmax(prob[i])));
                    for (int c : order) {
                        sb.append(String.format(Locale.ROOT, ",%.6f", prob[i][c]));
                    }
                    sb.append('\n');
                }
            }
            if (out == null) {
                spec.commandLine().getOut().print(sb);
                spec.commandLine().getOut().flush();
            } else {
                Files.writeString(out, sb, StandardCharsets.UTF_8);
                spec.commandLine().getOut().printf("%d recordings classified into %s%n", read.records().size(), out);
                spec.commandLine().getOut().flush();
            }
            return read.failed() ? 1 : 0;
        } catch (IllegalArgumentException e) {
            return Cli.fail(err, e, 2);
        } catch (IOException e) {
            return Cli.fail(err, e, 1);
        }
    }

    /** Class indices in the CinC 2017 order N, A, O, ~ first (the challenge's answer order), then the others. */
    static int[] cincOrder(List<String> classes) {
        List<Integer> order = new ArrayList<>();
        for (String c : List.of("N", "A", "O", "~")) {
            if (classes.contains(c)) {
                order.add(classes.indexOf(c));
            }
        }
        for (int c = 0; c < classes.size(); c++) {
            if (!order.contains(c)) {
                order.add(c);
            }
        }
        return order.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Files as given; a folder becomes its recordings (one per name: .hea before .mat before .csv). */
    static List<Path> expand(List<Path> inputs) throws IOException {
        List<Path> out = new ArrayList<>();
        for (Path p : inputs) {
            if (!Files.isDirectory(p)) {
                out.add(p);
                continue;
            }
            TreeSet<String> names = new TreeSet<>();
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(p)) {
                for (Path f : ds) {
                    String n = f.getFileName().toString();
                    if (n.matches(".*\\.(hea|mat|csv)") && !n.equals("REFERENCE.csv")) {
                        names.add(n.substring(0, n.lastIndexOf('.')));
                    }
                }
            }
            for (String n : names) {
                for (String ext : List.of("hea", "mat", "csv")) {
                    Path f = p.resolve(n + "." + ext);
                    if (Files.isRegularFile(f)) {
                        out.add(f);
                        break;
                    }
                }
            }
            if (names.isEmpty()) {
                throw new IOException(p + ": no recordings (.hea, .mat, .csv) in the folder");
            }
        }
        return out;
    }
}
