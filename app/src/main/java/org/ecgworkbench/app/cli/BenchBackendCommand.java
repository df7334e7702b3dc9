package org.ecgworkbench.app.cli;

import java.util.concurrent.Callable;

import org.ecgworkbench.engine.backend.Backend;
import org.ecgworkbench.engine.backend.BackendBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** bench backend: ND4J workloads in the native binary this JVM loaded (see scripts/bench-classifiers.sh). */
@Command(name = "backend", description = "Times gemm, conv1d and chunked filtfilt in the loaded ND4J native binary.")
public final class BenchBackendCommand implements Callable<Integer> {

    @Option(names = "--min-seconds", defaultValue = "2.0", paramLabel = "S", description = "Minimum measuring time per workload.")
    double minSeconds;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        BackendBenchmark.print(Backend.active(), BackendBenchmark.run(minSeconds), spec.commandLine().getOut());
        return 0;
    }
}
