package org.ecgworkbench.app.cli;

import java.io.IOException;
import java.util.concurrent.Callable;

import org.ecgworkbench.engine.filter.Filtfilt;
import org.ecgworkbench.engine.filter.PadType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** scipy.signal.filtfilt over a .npy file. */
@Command(name = "filtfilt", description = "Zero-phase filtering of a .npy array, as scipy.signal.filtfilt (method 'pad').")
public final class FiltfiltCommand implements Callable<Integer> {

    @Mixin
    FilterOptions options;

    @Option(names = "--padtype", defaultValue = "odd", paramLabel = "odd|even|constant|none",
            description = "Extension at both ends (default odd).")
    String padtype;

    @Option(names = "--padlen", paramLabel = "N",
            description = "Samples of extension at each end (default 3·max(len(a), len(b))).")
    Integer padlen;

    @Override
    public Integer call() {
        try {
            options.write(Filtfilt.run(options.filter(), options.input(), null, PadType.parse(padtype), padlen,
                    options.filterPath()));
            return 0;
        } catch (IOException | IllegalArgumentException e) {
            return options.fail(e);
        }
    }
}
