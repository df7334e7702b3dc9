package org.ecgworkbench.app.cli;

import java.io.IOException;
import org.ecgworkbench.engine.queue.QueueEntry;
import org.ecgworkbench.engine.queue.RunDirectory;
import org.ecgworkbench.engine.queue.RunQueue;
import picocli.CommandLine.Command;

/** queue retry: puts failed, cancelled or interrupted runs back in the queue. */
@Command(name = "retry", description = "Puts failed, cancelled or interrupted runs back in the queue; a run with a "
        + "checkpoint resumes from it.")
public final class QueueRetryCommand extends QueueIdsCommand {

    @Override
    String apply(RunQueue q, String id) throws IOException {
        QueueEntry e = q.retry(id);
        RunDirectory.Progress p = new RunDirectory(e.runDir()).progress();
        return id + " queued again; " + (p == null ? "starts from the beginning"
                : "resumes from epoch " + (p.epoch() + 1) + " batch " + p.batch());
    }
}
