package org.ecgworkbench.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.ecgworkbench.engine.queue.QueueEntry;
import org.ecgworkbench.engine.queue.QueueException;
import org.ecgworkbench.engine.queue.RunQueue;
import org.ecgworkbench.engine.queue.RunState;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** queue cancel: cancels queued runs at once and asks the scheduler to stop running ones. */
@Command(name = "cancel", description = "Cancels runs: a queued or interrupted one at once; a running one is stopped "
        + "by its scheduler at the next training step, with a checkpoint (queue retry resumes it).")
public final class QueueCancelCommand implements Callable<Integer> {

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
                    QueueEntry e = q.cancel(id);
                    out.println(e.state() == RunState.CANCELLED ? id + " cancelled"
                            : id + " cancel requested: its scheduler stops it at the next step, with a checkpoint");
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
