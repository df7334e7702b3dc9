package org.ecgworkbench.app.cli;

import picocli.CommandLine.Command;

/** bench: speed measurements printed side by side with their anchors. */
@Command(name = "bench", description = "Benchmarks, each beside its anchor (SciPy, PyTorch ...).",
        subcommands = {BenchFiltfiltCommand.class, BenchBackendCommand.class, BenchQrsCommand.class,
                BenchTrainStepCommand.class, BenchPipelineCommand.class, BenchServeCommand.class,
                BenchViewerCommand.class, BenchQueueCommand.class})
public final class BenchCommand {
}
