package org.ecgworkbench.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.ecgworkbench.engine.queue.QueueEntry;
import org.ecgworkbench.engine.queue.QueueException;
import org.ecgworkbench.engine.queue.RunDirectory;
import org.ecgworkbench.engine.queue.RunQueue;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** queue retry: puts failed, cancelled or interrupted runs back in the queue. */
@Command(name = "retry", description = "Puts failed, cancelled or interrupted runs back in the queue; a run with a "
        + "checkpoint resumes from it.")
public final class QueueRetryCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "ID", description = "Queue ids (queue list shows them).")
    List<String> ids;

    @Mixin
    RunsOption runs;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        int code = 0;
        try {
            RunQueue q = RunQueue.open(runs.runs);
            for (String id : ids) {
                try {
                    QueueEntry e = q.retry(id);
                    RunDirectory.Progress p = new RunDirectory(e.runDir()).progress();
                    out.println(id + " queued again; " + (p == null ? "starts from the beginning"
                            : "resumes from epoch " + (p.epoch() + 1) + " batch " + p.batch()));
                } catch (QueueException e) {
                    code = Cli.fail(err, e, 2);
                }
            }
            out.flush();
            return code;
        } catch (IOException e) {
            return Cli.fail(err, e, 1);
        }
    }
}
