package org.ecgworkbench.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.ecgworkbench.engine.dataset.AugmentationConfig;
import org.ecgworkbench.engine.dataset.Dataset;
import org.ecgworkbench.engine.dataset.PretrainPlan;
import org.ecgworkbench.engine.dataset.PretrainSet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** pretrain: plans a balanced, source-disjoint pre-training set from a packed dataset (docs/dataset.md). */
@Command(name = "pretrain", description = "Plans a balanced pre-training set from the train split of a packed "
        + "dataset: sources split into train/validation by recording, then every class on each side brought up "
        + "to that side's largest class with augmented copies. Writes the plan as a small HDF5 file.")
public final class PretrainCommand implements Callable<Integer> {

    @Option(names = "--dataset", required = true, paramLabel = "FILE.h5", description = "Dataset written by pack.")
    Path dataset;

    @Option(names = "--out", required = true, paramLabel = "PLAN.h5", description = "Plan file to write.")
    Path out;

    @Option(names = "--seed", defaultValue = "42", paramLabel = "N", description = "Seed (default 42).")
    long seed;

    @Option(names = "--validation-fraction", defaultValue = "0.2", paramLabel = "F",
            description = "Share of every class's source recordings on the validation side (default 0.2).")
    double validationFraction;

    @Option(names = "--crop", defaultValue = "0.8", paramLabel = "F",
            description = "Minimum fraction of the length kept by the random crop; 1 disables (default 0.8).")
    double crop;

    @Option(names = "--scale", defaultValue = "0.2", paramLabel = "F",
            description = "Amplitude factor drawn in [1-F, 1+F]; 0 disables (default 0.2).")
    double scale;

    @Option(names = "--wander-mv", defaultValue = "0.1", paramLabel = "MV",
            description = "Largest baseline-wander amplitude (0.1-0.5 Hz) in mV; 0 disables (default 0.1).")
    double wanderMv;

    @Option(names = "--noise-mv", defaultValue = "0.02", paramLabel = "MV",
            description = "Gaussian noise standard deviation in mV; 0 disables (default 0.02).")
    double noiseMv;

    @Option(names = "--powerline-mv", defaultValue = "0.02", paramLabel = "MV",
            description = "Powerline-noise amplitude in mV; 0 disables (default 0.02).")
    double powerlineMv;

    @Option(names = "--powerline-hz", defaultValue = "50", paramLabel = "HZ",
            description = "Powerline frequency in Hz (default 50).")
    double powerlineHz;

    @Option(names = "--shift-s", defaultValue = "0.5", paramLabel = "S",
            description = "Largest circular time shift in seconds; 0 disables (default 0.5).")
    double shiftS;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter outw = spec.commandLine().getOut();
        AugmentationConfig config;
        try {
            config = new AugmentationConfig(crop, scale, wanderMv, noiseMv, powerlineMv, powerlineHz, shiftS);
        } catch (IllegalArgumentException e) {
            return Cli.fail(err, e, 2);
        }
        try {
            Dataset d = Dataset.open(dataset);
            PretrainSet set = PretrainSet.plan(d, seed, validationFraction, config);
            PretrainPlan plan = PretrainPlan.write(set, out, PackCommand.commandLine(spec));
            int[][] counts = plan.counts();
            outw.printf(Locale.ROOT, "planned %d items into %s%n", plan.items().size(), out);
            if (d.itemKind() == Dataset.ItemKind.RHYTHM_WINDOW) {
                int[] sources = set.sourceRecordCounts();
                outw.printf(Locale.ROOT, "source records: train %d, validation %d (none on both sides)%n",
                        sources[0], sources[1]);
            }
            outw.printf(Locale.ROOT, "%-8s %7s %10s%n", "class", "train", "validation");
            for (int c = 0; c < counts.length; c++) {
                outw.printf(Locale.ROOT, "%-8s %7d %10d%n", plan.classNames().get(c), counts[c][0], counts[c][1]);
            }
            outw.flush();
            return 0;
        } catch (IllegalArgumentException e) {
            return Cli.fail(err, e, 2);
        } catch (IOException e) {
            return Cli.fail(err, e, 1);
        }
    }
}
