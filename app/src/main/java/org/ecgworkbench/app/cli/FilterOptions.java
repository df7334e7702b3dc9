package org.ecgworkbench.app.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;

import org.ecgworkbench.engine.filter.FilterPath;
import org.ecgworkbench.engine.filter.TransferFunction;
import org.ecgworkbench.engine.io.Npy;
import org.nd4j.linalg.api.ndarray.INDArray;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** What lfilter and filtfilt share: coefficients, input and output .npy files, the execution path. */
public final class FilterOptions {

    @Option(names = "--b", required = true, split = ",", paramLabel = "b0,b1,...", description = "Numerator coefficients.")
    double[] b;

    @Option(names = "--a", required = true, split = ",", paramLabel = "a0,a1,...", description = "Denominator coefficients (a0 != 0).")
    double[] a;

    @Option(names = "--in", required = true, paramLabel = "X.npy",
            description = "Input: 1-D or 2-D [rows, samples] .npy, float32 or float64; filtered along the last axis.")
    Path in;

    @Option(names = "--out", required = true, paramLabel = "Y.npy", description = "Output .npy: same shape and dtype as the input.")
    Path out;

    @Option(names = "--path", defaultValue = "auto", paramLabel = "auto|serial|chunked",
            description = "Execution path: serial (CPU), chunked (GPU-shaped), auto (by backend; default).")
    String path;

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    /** The filter given by --b and --a. */
    TransferFunction filter() {
        return new TransferFunction(b, a);
    }

    /** The execution path given by --path. */
    FilterPath filterPath() {
        return FilterPath.parse(path);
    }

    /** Reads --in, checking it is 1-D or 2-D. */
    INDArray input() throws IOException {
        INDArray x = Npy.read(in);
        if (x.rank() != 1 && x.rank() != 2) {
            throw new IllegalArgumentException(in + ": input must be 1-D or 2-D [rows, samples], got shape "
                    + Arrays.toString(x.shape()));
        }
        return x;
    }

    /** Writes y to --out. */
    void write(INDArray y) throws IOException {
        Npy.write(y, out);
    }

    /** Prints an error line to the command's standard error and returns the exit code 1. */
    int fail(Exception e) {
        return Cli.fail(command.commandLine().getErr(), e, 1);
    }
}
