package org.ecgworkbench.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.ecgworkbench.engine.dataset.Dataset;
import org.ecgworkbench.engine.dataset.Split;
import org.ecgworkbench.engine.train.BatchAssembler;
import org.ecgworkbench.engine.train.Confusion;
import org.ecgworkbench.engine.train.Inference;
import org.ecgworkbench.engine.train.Items;
import org.ecgworkbench.engine.train.TrainedModel;
import org.ecgworkbench.engine.train.Trainer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** evaluate: scores a trained run on a split of a packed dataset. */
@Command(name = "evaluate", description = "Scores a trained run's model on a split of a packed dataset: "
        + "per-class precision, recall and F1, confusion matrix, and the CinC 2017 score (mean F1 of N, A, O).")
public final class EvaluateCommand implements Callable<Integer> {

    @Option(names = "--model", required = true, paramLabel = "RUN_DIR", description = "Run directory of a trained model.")
    Path model;

    @Option(names = "--dataset", required = true, paramLabel = "D.h5", description = "Dataset written by pack.")
    Path dataset;

    @Option(names = "--split", defaultValue = "test", paramLabel = "test|train|validation|all",
            description = "Which items to score (default test); validation: the part of the training split the run"
                    + " held out to pick its best epoch.")
    String split;

    @Option(names = "--checkpoint", defaultValue = "model", paramLabel = "model|best|last|average",
            description = "Which checkpoint (default model: the weight average when the prototype asks for one,"
                    + " else the best).")
    String checkpoint;

    @Option(names = "--workers", defaultValue = "2", paramLabel = "N", description = "Batch assembly threads (default 2).")
    int workers;

    @Spec
    CommandSpec spec;

    /** The --checkpoint value as the engine's choice; an unknown one is a usage error. */
    private static TrainedModel.Checkpoint checkpointOption(String value) {
        try {
            return TrainedModel.Checkpoint.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--checkpoint must be model, best, last or average, got " + value);
        }
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            if (!List.of("test", "train", "validation", "all").contains(split)) {
                throw new IllegalArgumentException("--split must be test, train, validation or all, got " + split);
            }
            TrainedModel m = TrainedModel.load(model, checkpointOption(checkpoint));
            Dataset ds = Dataset.open(dataset);
            int[] labels = BatchAssembler.labels(ds, m.prototype());
            int[] items;
            if (split.equals("validation")) {
                items = Trainer.validationItems(ds, m.prototype().seed());
            } else {
                List<Integer> which = new ArrayList<>();
                for (int i = 0; i < ds.size(); i++) {
                    if (split.equals("all") || (split.equals("test") == (ds.split(i) == Split.TEST))) {
                        which.add(i);
                    }
                }
                items = which.stream().mapToInt(Integer::intValue).toArray();
            }
            long t0 = System.nanoTime();
            double[][] prob = m.probabilities(Items.of(ds), items, workers);
            Confusion c = new Confusion(m.prototype().classes());
            for (int k = 0; k < items.length; k++) {
                c.add(labels[items[k]], Inference.argmax(prob[k]));
            }
            out.printf(Locale.ROOT, "model: %s (%s)%ndataset: %s, split %s: %d recordings, %.1f s%n", model,
                    m.checkpoint(), dataset, split, items.length, (System.nanoTime() - t0) / 1e9);
            c.table().forEach(out::println);
            out.println("confusion matrix:");
            c.matrix().forEach(out::println);
            out.flush();
            return 0;
        } catch (IllegalArgumentException e) {
            return Cli.fail(err, e, 2);
        } catch (IOException e) {
            return Cli.fail(err, e, 1);
        }
    }
}
