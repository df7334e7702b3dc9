package org.ecgworkbench.app.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.ecgworkbench.engine.dataset.Dataset;
import org.ecgworkbench.engine.dataset.DatasetFormatException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** dataset-info: what a packed dataset holds, after checking it. */
@Command(name = "dataset-info", description = "Checks a packed HDF5 dataset and prints its records, sampling "
        + "frequency, classes with their counts per split, total duration, schema version, the command that "
        + "built it and the checks passed.")
public final class DatasetInfoCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "FILE.h5", description = "Dataset file written by pack.")
    Path file;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Dataset d;
        try {
            d = Dataset.open(file);
        } catch (DatasetFormatException e) {
            return Cli.fail(spec.commandLine().getErr(), e, 1);
        }
        out.println("file: " + file);
        out.println("schema version: " + d.schemaVersion());
        out.println("records: " + d.size());
        out.println("fs: " + (Double.isNaN(d.fs()) ? "mixed (per record in /fs)" : Cli.number(d.fs()) + " Hz"));
        out.println("lead: " + d.lead());
        out.println("class names: " + String.join(", ", d.classNames()));
        int[][] counts = d.classCounts();
        out.printf(Locale.ROOT, "%-8s %7s %7s %7s%n", "class", "train", "test", "total");
        int train = 0;
        int test = 0;
        for (int c = 0; c < counts.length; c++) {
            out.printf(Locale.ROOT, "%-8s %7d %7d %7d%n", d.classNames().get(c), counts[c][0], counts[c][1],
                    counts[c][0] + counts[c][1]);
            train += counts[c][0];
            test += counts[c][1];
        }
        out.printf(Locale.ROOT, "%-8s %7d %7d %7d%n", "all", train, test, train + test);
        double seconds = d.totalSeconds();
        out.printf(Locale.ROOT, "total duration: %.1f s (%.2f h)%n", seconds, seconds / 3600);
        out.printf(Locale.ROOT, "split: seed %d, test fraction %s%n", d.splitSeed(), Cli.number(d.splitTestFraction()));
        out.println("features: " + d.featureNames().size() + " (" + String.join(", ", d.featureNames()) + ")");
        out.println("created by: " + d.createdBy());
        out.println("command: " + d.command());
        List<String> checks = d.checks();
        out.println("checks passed (" + checks.size() + "):");
        for (String c : checks) {
            out.println("  ok  " + c);
        }
        out.flush();
        return 0;
    }
}
