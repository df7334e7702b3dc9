package org.ecgworkbench.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.BooleanSupplier;
import org.ecgworkbench.engine.net.NetworkBuilder;
import org.ecgworkbench.engine.net.Prototype;
import org.ecgworkbench.engine.train.RunFiles;
import org.ecgworkbench.engine.train.Trainer;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** train: trains a prototype on a packed dataset in a new run directory, or resumes a run. */
@Command(name = "train", description = "Trains a network prototype on a packed dataset in its own run directory "
        + "(metrics, confusion matrices, DL4J stats, checkpoints), or resumes a run from its last checkpoint. "
        + "Creating the file RUN_DIR/stop stops it at the next step, with a checkpoint.")
public final class TrainCommand implements Callable<Integer> {

    static final class Start {
        @Option(names = "--prototype", required = true, paramLabel = "P.json", description = "Prototype file.")
        Path prototype;

        @Option(names = "--dataset", required = true, paramLabel = "D.h5", description = "Dataset written by pack.")
        Path dataset;
    }

    static final class What {
        @ArgGroup(exclusive = false)
        Start start;

        @Option(names = "--resume", paramLabel = "RUN_DIR", description = "Continue this run from its last checkpoint.")
        Path resume;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    What what;

    @Option(names = "--runs", defaultValue = "runs", paramLabel = "DIR",
            description = "Folder of run directories (default runs).")
    Path runs;

    @Option(names = "--run-dir", paramLabel = "DIR",
            description = "Exact run directory (default: RUNS/NAME-yyyyMMdd-HHmmss).")
    Path runDir;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "Override a prototype field (dotted path, e.g. optimizer.learning_rate=3e-4); repeatable.")
    List<String> overrides = List.of();

    @Option(names = "--minutes", defaultValue = "0", paramLabel = "M",
            description = "Stop (resumably) after M minutes of this call; 0: no limit (default).")
    double minutes;

    @Option(names = "--checkpoint-minutes", defaultValue = "5", paramLabel = "M",
            description = "Minutes between mid-epoch checkpoints (default 5; 0: only at epoch ends).")
    double checkpointMinutes;

    @Option(names = "--workers", defaultValue = "2", paramLabel = "N", description = "Input pipeline threads (default 2).")
    int workers;

    @Option(names = "--layout", paramLabel = "conv2d|conv1d",
            description = "How DL4J expresses the 1-D convolutions (default: the measured faster, conv2d).")
    String layout;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        PackCommand.Progress progress = new PackCommand.Progress(err);
        Trainer.Listener listener = new Trainer.Listener() {
            @Override
            public void step(int epoch, int batch, int batches, double loss, double eta) {
                int width = 30;
                int filled = (int) Math.round((double) width * batch / batches);
                long e = Math.round(eta);
                progress.show(String.format(Locale.ROOT, "epoch %d [%s%s] %d/%d loss %.4f ETA %d:%02d:%02d", epoch + 1,
                        "#".repeat(filled), ".".repeat(width - filled), batch, batches, loss, e / 3600, e / 60 % 60,
                        e % 60), batch == batches);
            }

            @Override
            public void epoch(Trainer.EpochMetrics m) {
                progress.finish();
                out.printf(Locale.ROOT, "epoch %d: train loss %.4f, validation loss %.4f, accuracy %.4f, score %.4f"
                        + " (%.0f s)%n", m.epoch(), m.trainLoss(), m.valLoss(), m.validation().accuracy(),
                        m.validation().score(), m.seconds());
                out.flush();
            }

            @Override
            public void average(int first, int through, Trainer.EpochMetrics m) {
                out.printf(Locale.ROOT, "weight average of epochs %d-%d: validation loss %.4f, accuracy %.4f, score %.4f"
                        + " (the run's model)%n", first, through, m.valLoss(), m.validation().accuracy(),
                        m.validation().score());
                out.flush();
            }
        };
        try {
            Trainer.Options o = Trainer.Options.defaults().withMinutes(minutes).withCheckpointMinutes(checkpointMinutes)
                    .withCommand(PackCommand.commandLine(spec));
            o = new Trainer.Options(layout == null ? o.layout() : NetworkBuilder.Layout.valueOf(
                    layout.toUpperCase(Locale.ROOT)), workers, o.minutes(), o.checkpointMinutes(), o.statsFrequency(),
                    o.command(), o.stop());
            Path dir;
            Trainer.Outcome outcome;
            if (what.resume != null) {
                dir = what.resume;
                outcome = Trainer.resume(dir, o.withStop(stopFile(dir)), listener);
            } else {
                Prototype p = Prototype.read(what.start.prototype);
                for (String kv : overrides) {
                    int eq = kv.indexOf('=');
                    if (eq <= 0) {
                        throw new IllegalArgumentException("--set wants KEY=VALUE, got " + kv);
                    }
                    p = p.with(kv.substring(0, eq), kv.substring(eq + 1));
                }
                dir = runDir != null ? runDir : runs.resolve(p.name() + "-"
                        + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
                out.println("run directory: " + dir);
                out.flush();
                outcome = Trainer.train(p, what.start.dataset, dir, o.withStop(stopFile(dir)), listener);
            }
            progress.finish();
            out.println(switch (outcome) {
                case DONE -> "done: " + dir;
                case BUDGET -> "time budget reached; continue with: train --resume " + dir;
                case STOPPED -> "stopped; continue with: train --resume " + dir;
            });
            String best = Files.readString(dir.resolve("state.json"));
            out.println(best.trim());
            out.flush();
            return 0;
        } catch (IllegalArgumentException e) {
            progress.finish();
            return Cli.fail(err, e, 2);
        } catch (IOException | RuntimeException e) {
            progress.finish();
            return Cli.fail(err, e instanceof IOException ? e : new IOException(e.toString(), e), 1);
        }
    }

    /** A stop condition true once RUN_DIR/stop exists: how the run queue cancels a run in this process. */
    private static BooleanSupplier stopFile(Path dir) {
        Path stop = dir.resolve(RunFiles.STOP);
        return () -> Files.exists(stop);
    }
}
