package org.ecgworkbench.app.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.ecgworkbench.engine.filter.Lfilter;
import org.ecgworkbench.engine.io.Npy;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** scipy.signal.lfilter over a .npy file. */
@Command(name = "lfilter", description = "Filters a .npy array along its last axis, as scipy.signal.lfilter.")
public final class LfilterCommand implements Callable<Integer> {

    @Mixin
    FilterOptions options;

    @Option(names = "--zi", paramLabel = "ZI.npy",
            description = "Initial state: [K] for every row or [rows, K], K = max(len(a), len(b)) - 1.")
    Path zi;

    @Option(names = "--zf-out", paramLabel = "ZF.npy", description = "Where to write the final state (needs --zi).")
    Path zfOut;

    @Override
    public Integer call() {
        try {
            if (zfOut != null && zi == null) {
                throw new IllegalArgumentException("--zf-out needs --zi (as scipy returns zf only when zi is given)");
            }
            Lfilter.Result r = Lfilter.run(options.filter(), options.input(), null, zi == null ? null : Npy.read(zi),
                    options.filterPath());
            options.write(r.y());
            if (zfOut != null) {
                Npy.write(r.zf(), zfOut);
            }
            return 0;
        } catch (IOException | IllegalArgumentException e) {
            return options.fail(e);
        }
    }
}
