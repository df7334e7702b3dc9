package org.ecgworkbench.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.ecgworkbench.engine.filter.FiltfiltBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** bench filtfilt: both execution paths against SciPy, in one run. */
@Command(name = "filtfilt", description = "filtfilt speed of both paths against SciPy: by length, by batch, per signal; CSV and PNG to --out.")
public final class BenchFiltfiltCommand implements Callable<Integer> {

    @Option(names = "--out", defaultValue = "bench-out", paramLabel = "DIR", description = "Folder for filtfilt.csv and filtfilt.png.")
    Path out;

    @Option(names = "--min-seconds", defaultValue = "1.0", paramLabel = "S", description = "Minimum measuring time per point.")
    double minSeconds;

    @Option(names = "--lengths", split = ",", paramLabel = "N,...", description = "Single-signal lengths (default 1000..650000).")
    int[] lengths;

    @Option(names = "--batches", split = ",", paramLabel = "B,...", description = "Batch sizes (default 1..4096).")
    int[] batches;

    @Option(names = "--python", defaultValue = "python3", paramLabel = "EXE", description = "Python with SciPy for the anchor.")
    String python;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter o = spec.commandLine().getOut();
        FiltfiltBenchmark.Config std = FiltfiltBenchmark.Config.standard();
        FiltfiltBenchmark.Config cfg = new FiltfiltBenchmark.Config(std.order(), std.lowHz(), std.highHz(), std.fs(),
                lengths == null ? std.singleLengths() : lengths, std.batchLength(),
                batches == null ? std.batchSizes() : batches, minSeconds, python);
        o.printf("filter: butter(%d, [%s, %s] Hz, bandpass, fs=%s Hz), float64, padtype odd; %d cores%n", cfg.order(),
                cfg.lowHz(), cfg.highHz(), cfg.fs(), Runtime.getRuntime().availableProcessors());
        FiltfiltBenchmark.Result r = FiltfiltBenchmark.run(cfg, o);
        o.println();
        FiltfiltBenchmark.printTables(r, o);
        FiltfiltBenchmark.write(r, out);
        o.println("wrote " + out.resolve("filtfilt.csv") + " and " + out.resolve("filtfilt.png"));
        o.flush();
        return 0;
    }
}
