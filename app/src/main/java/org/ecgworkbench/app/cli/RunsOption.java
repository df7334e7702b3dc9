package org.ecgworkbench.app.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The --runs folder option shared by the queue commands: where run directories and the queue live. */
final class RunsOption {

    @Option(names = "--runs", defaultValue = "runs", paramLabel = "DIR",
            description = "Folder of run directories; the queue lives in DIR/queue (default runs).")
    Path runs;
}
