package org.ecgworkbench.app.cli;

import java.io.IOException;
import org.ecgworkbench.engine.queue.QueueEntry;
import org.ecgworkbench.engine.queue.RunQueue;
import org.ecgworkbench.engine.queue.RunState;
import picocli.CommandLine.Command;

/** queue cancel: cancels queued runs at once and asks the scheduler to stop running ones. */
@Command(name = "cancel", description = "Cancels runs: a queued or interrupted one at once; a running one is stopped "
        + "by its scheduler at the next training step, with a checkpoint (queue retry resumes it).")
public final class QueueCancelCommand extends QueueIdsCommand {

    @Override
    String apply(RunQueue q, String id) throws IOException {
        QueueEntry e = q.cancel(id);
        return e.state() == RunState.CANCELLED ? id + " cancelled"
                : id + " cancel requested: its scheduler stops it at the next step, with a checkpoint";
    }
}
