package org.ecgworkbench.app.cli;

import picocli.CommandLine.Command;

/** queue: the persistent run queue (add, list, run, cancel, retry). */
@Command(name = "queue", description = "A persistent queue of training runs, executed N at a time in child JVMs by "
        + "'queue run' (on this machine, or as Apache Spark tasks with --executor spark); survives restarts and "
        + "resumes interrupted runs from their last checkpoint.",
        subcommands = {QueueAddCommand.class, QueueListCommand.class, QueueRunCommand.class, QueueCancelCommand.class,
                QueueRetryCommand.class})
public final class QueueCommand {
}
