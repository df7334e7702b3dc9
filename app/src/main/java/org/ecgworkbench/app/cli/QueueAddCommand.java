package org.ecgworkbench.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.ecgworkbench.engine.net.Prototype;
import org.ecgworkbench.engine.net.PrototypeException;
import org.ecgworkbench.engine.queue.Grid;
import org.ecgworkbench.engine.queue.QueueEntry;
import org.ecgworkbench.engine.queue.QueueException;
import org.ecgworkbench.engine.queue.RunQueue;
import org.ecgworkbench.engine.queue.Setting;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** queue add: queues one run per prototype and grid point, each with its resolved prototype stored. */
@Command(name = "add", description = "Queues one run per prototype and grid point (cartesian product of the --grid "
        + "axes). The resolved prototype is stored with the entry, so later edits of the file do not change it.")
public final class QueueAddCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "P.json", description = "Prototype files.")
    List<Path> prototypes;

    @Option(names = "--dataset", required = true, paramLabel = "D.h5", description = "Dataset written by pack.")
    Path dataset;

    @Option(names = "--grid", paramLabel = "KEY=V1,V2,...",
            description = "A grid axis: one run per value (dotted path as --set; list values in brackets, e.g. "
                    + "filters=[8,16],[16,32]); several axes multiply. Repeatable.")
    List<String> grid = List.of();

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "Override a prototype field in every run (dotted path, e.g. epochs=10); repeatable.")
    List<String> sets = List.of();

    @Option(names = "--checkpoint-minutes", defaultValue = "5", paramLabel = "M",
            description = "Minutes between mid-epoch checkpoints of these runs (default 5; 0: only at epoch ends).")
    double checkpointMinutes;

    @Option(names = "--workers", defaultValue = "2", paramLabel = "N",
            description = "Input pipeline threads of these runs (default 2).")
    int workers;

    @Mixin
    RunsOption runs;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            Grid g = Grid.parse(grid);
            List<Setting> fixed = new ArrayList<>();
            for (String s : sets) {
                fixed.add(Setting.parse(s, "--set"));
            }
            if (!Files.isRegularFile(dataset)) {
                throw new QueueException(dataset, "dataset file not found");
            }
            if (checkpointMinutes < 0 || workers < 1) {
                throw new QueueException(null, "--checkpoint-minutes must be >= 0 and --workers >= 1");
            }
            List<RunQueue.Request> requests = new ArrayList<>();
            for (Path file : prototypes) {
                Prototype base = Prototype.read(file);
                for (List<Setting> point : g.points()) {
                    List<Setting> all = new ArrayList<>(fixed);
                    all.addAll(point);
                    Prototype p = base;
                    for (Setting s : all) {
                        try {
                            p = p.with(s.key(), s.value());
                        } catch (PrototypeException e) {
                            throw e.in(file);
                        }
                    }
                    requests.add(new RunQueue.Request(p, file, all, dataset, null, checkpointMinutes, workers));
                }
            }
            for (QueueEntry e : RunQueue.open(runs.runs).add(requests)) {
                out.println(e.id() + " queued: " + e.prototypeName()
                        + (e.overrides().isEmpty() ? "" : " [" + e.overridesText() + "]") + " -> " + e.runDir());
            }
            out.flush();
            return 0;
        } catch (QueueException | PrototypeException e) {
            return Cli.fail(err, e, 2);
        } catch (IOException e) {
            return Cli.fail(err, e, 1);
        }
    }
}
