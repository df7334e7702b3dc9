package org.ecgworkbench.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.ecgworkbench.engine.queue.QueueException;
import org.ecgworkbench.engine.queue.RunQueue;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** A queue command applied to each of several queue ids: one answer line per id, an error line per refused id. */
abstract class QueueIdsCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "ID", description = "Queue ids (queue list shows them).")
    List<String> ids;

    @Mixin
    RunsOption runs;

    @Spec
    CommandSpec spec;

    /** Applies the command to one id and returns the line to print. */
    abstract String apply(RunQueue q, String id) throws IOException;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        int code = 0;
        try {
            RunQueue q = RunQueue.open(runs.runs);
            for (String id : ids) {
                try {
                    out.println(apply(q, id));
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
