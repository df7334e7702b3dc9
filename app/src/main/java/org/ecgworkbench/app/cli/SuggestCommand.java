package org.ecgworkbench.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.ecgworkbench.engine.dataset.Dataset;
import org.ecgworkbench.engine.dataset.Split;
import org.ecgworkbench.engine.train.Confusion;
import org.ecgworkbench.engine.train.FeatureClassifier;
import org.ecgworkbench.engine.train.Inference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** suggest: external classifier suggestions from the hand-crafted features, for a prototype's suggestion entry. */
@Command(name = "suggest", description = "Class probabilities for every record of a packed dataset from a classifier "
        + "on its hand-crafted features (out-of-fold for the training split), as the CSV a prototype's suggestion "
        + "entry reads.")
public final class SuggestCommand implements Callable<Integer> {

    @Option(names = "--dataset", required = true, paramLabel = "D.h5", description = "Dataset written by pack.")
    Path dataset;

    @Option(names = "--out", required = true, paramLabel = "S.csv", description = "Suggestions file to write.")
    Path out;

    @Option(names = "--folds", defaultValue = "5", paramLabel = "K", description = "Cross-fitting folds (default 5).")
    int folds;

    @Option(names = "--seed", defaultValue = "42", paramLabel = "N", description = "Seed (default 42).")
    long seed;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter o = spec.commandLine().getOut();
        try {
            Dataset ds = Dataset.open(dataset);
            double[][] p = FeatureClassifier.suggestions(ds, FeatureClassifier.defaultFeatures(ds), folds, seed);
            FeatureClassifier.write(ds, p, out);
            Confusion test = new Confusion(ds.classNames());
            for (int i = 0; i < ds.size(); i++) {
                if (ds.split(i) == Split.TEST) {
                    test.add(ds.label(i), Inference.argmax(p[i]));
                }
            }
            o.printf(Locale.ROOT, "suggestions for %d records written to %s (training split out-of-fold, %d folds)%n",
                    ds.size(), out, folds);
            o.println("the feature classifier alone on the test split:");
            test.table().forEach(o::println);
            o.flush();
            return 0;
        } catch (IllegalArgumentException e) {
            return Cli.fail(spec.commandLine().getErr(), e, 2);
        } catch (IOException e) {
            return Cli.fail(spec.commandLine().getErr(), e, 1);
        }
    }
}
