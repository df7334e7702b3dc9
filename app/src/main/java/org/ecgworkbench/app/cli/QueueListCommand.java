package org.ecgworkbench.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.ecgworkbench.engine.queue.QueueEntry;
import org.ecgworkbench.engine.queue.RunDirectory;
import org.ecgworkbench.engine.queue.RunQueue;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** queue list: one line per entry with its state, overrides, progress from state.json and where it runs. */
@Command(name = "list", description = "Lists the queue: id, state, prototype, overrides, epoch and best score (from "
        + "the run's state.json), where it executes, run directory; the reason under failed or interrupted runs. An "
        + "unreadable entry file is reported and skipped (exit code 1).")
public final class QueueListCommand implements Callable<Integer> {

    @Mixin
    RunsOption runs;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try {
            PrintWriter err = spec.commandLine().getErr();
            int[] code = {0};
            List<QueueEntry> entries = RunQueue.open(runs.runs).list(bad -> code[0] = Cli.fail(err, bad, 1));
            if (entries.isEmpty()) {
                out.println("the queue in " + runs.runs.resolve(RunQueue.FOLDER) + " is empty");
                out.flush();
                return code[0];
            }
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[] {"ID", "STATE", "PROTOTYPE", "OVERRIDES", "EPOCH", "BEST", "WHERE", "RUN DIR"});
            for (QueueEntry e : entries) {
                RunDirectory.Progress p = new RunDirectory(e.runDir()).progress();
                rows.add(new String[] {e.id(), e.state().json() + (e.cancelRequested() ? " (cancelling)" : ""),
                        e.prototypeName(), e.overrides().isEmpty() ? "-" : e.overridesText(), epoch(p), best(p),
                        e.where() == null ? "-" : e.where(), e.runDir().toString()});
            }
            int[] width = new int[rows.get(0).length];
            for (String[] r : rows) {
                for (int c = 0; c < r.length; c++) {
                    width[c] = Math.max(width[c], r[c].length());
                }
            }
            for (int i = 0; i < rows.size(); i++) {
                StringBuilder line = new StringBuilder();
                String[] r = rows.get(i);
                for (int c = 0; c < r.length; c++) {
                    line.append(c == r.length - 1 ? r[c] : String.format("%-" + width[c] + "s  ", r[c]));
                }
                out.println(line.toString().stripTrailing());
                QueueEntry e = i == 0 ? null : entries.get(i - 1);
                if (e != null && e.error() != null && !e.state().json().equals("done")) {
                    out.println("      " + e.error());
                }
            }
            out.flush();
            return code[0];
        } catch (IOException e) {
            return Cli.fail(spec.commandLine().getErr(), e, 1);
        }
    }

    // "2/30" epochs done of planned, with the batch when an epoch is under way
    private static String epoch(RunDirectory.Progress p) {
        if (p == null) {
            return "-";
        }
        String s = p.epoch() + "/" + (p.epochs() > 0 ? p.epochs() : "?");
        return p.batch() > 0 ? s + " +" + p.batch() + " batches" : s;
    }

    private static String best(RunDirectory.Progress p) {
        if (p == null || p.bestEpoch() == 0) {
            return "-";
        }
        return String.format(Locale.ROOT, "%s %.4f @%d", p.metric(), p.best(), p.bestEpoch());
    }
}
