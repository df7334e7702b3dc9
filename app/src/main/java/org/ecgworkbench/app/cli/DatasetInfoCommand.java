package org.ecgworkbench.app.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.concurrent.Callable;

import org.ecgworkbench.engine.dataset.Dataset;
import org.ecgworkbench.engine.dataset.DatasetFormatException;
import org.ecgworkbench.engine.dataset.Split;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** dataset-info: what a packed dataset holds, after checking it. */
@Command(name = "dataset-info", description = "Checks a packed HDF5 dataset and prints its records (or rhythm "
        + "windows and their source records), sampling frequency, classes with their counts per split, total "
        + "duration, schema version, the command that built it and the checks passed.")
public final class DatasetInfoCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "FILE.h5", description = "Dataset file written by pack.")
    Path file;

    /** Most test source records listed by name. */
    private static final int MAX_LISTED = 50;

    @Spec
    CommandSpec spec;

    /** Names of the source records on the test side, sorted. */
    private static List<String> testSources(Dataset d) {
        TreeSet<String> names = new TreeSet<>();
        for (int i = 0; i < d.size(); i++) {
            if (d.split(i) == Split.TEST) {
                names.add(d.source(i));
            }
        }
        return List.copyOf(names);
    }

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
        boolean windows = d.itemKind() == Dataset.ItemKind.RHYTHM_WINDOW;
        int[] sources = d.sourceCounts();
        if (windows) {
            out.printf(Locale.ROOT, "windows: %d of %s s, labelled by the rhythm annotations (.%s)%n", d.size(),
                    Cli.number(d.windowSeconds()), d.annotator());
            out.printf(Locale.ROOT, "source records: %d (train %d, test %d)%n", d.sourceNames().size(), sources[0],
                    sources[1]);
        } else {
            out.println("records: " + d.size());
        }
        out.println("fs: " + (Double.isNaN(d.fs()) ? "mixed (per record in /fs)" : Cli.number(d.fs()) + " Hz"));
        out.println("lead: " + d.lead());
        out.println("class names: " + String.join(", ", d.classNames()));
        int[][] counts = d.classCounts();
        // rhythm windows: also how many source records each class comes from, per split
        int[][] classSources = d.classSourceCounts();
        String more = windows ? String.format(Locale.ROOT, " %9s %9s", "train rec", "test rec") : "";
        out.printf(Locale.ROOT, "%-8s %7s %7s %7s%s%n", "class", "train", "test", "total", more);
        int train = 0;
        int test = 0;
        for (int c = 0; c < counts.length; c++) {
            more = windows ? String.format(Locale.ROOT, " %9d %9d", classSources[c][0], classSources[c][1]) : "";
            out.printf(Locale.ROOT, "%-8s %7d %7d %7d%s%n", d.classNames().get(c), counts[c][0], counts[c][1],
                    counts[c][0] + counts[c][1], more);
            train += counts[c][0];
            test += counts[c][1];
        }
        more = windows ? String.format(Locale.ROOT, " %9d %9d", sources[0], sources[1]) : "";
        out.printf(Locale.ROOT, "%-8s %7d %7d %7d%s%n", "all", train, test, train + test, more);
        double seconds = d.totalSeconds();
        out.printf(Locale.ROOT, "total duration: %.1f s (%.2f h)%n", seconds, seconds / 3600);
        out.printf(Locale.ROOT, "split: seed %d, test fraction %s, %s%n", d.splitSeed(),
                Cli.number(d.splitTestFraction()), d.splitMethod().equals(Dataset.SPLIT_BY_SOURCE)
                        ? "by source record (none on both sides; each class's test share aimed at the fraction)"
                        : "stratified by class");
        if (windows) {
            List<String> testNames = testSources(d);
            out.println("test source records: " + (testNames.size() <= MAX_LISTED ? String.join(", ", testNames)
                    : testNames.size() + " (more than " + MAX_LISTED + ", not listed)"));
        }
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
