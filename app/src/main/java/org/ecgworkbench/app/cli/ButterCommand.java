package org.ecgworkbench.app.cli;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

import org.ecgworkbench.engine.filter.BandType;
import org.ecgworkbench.engine.filter.Butter;
import org.ecgworkbench.engine.filter.TransferFunction;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** scipy.signal.butter: prints the coefficients with full double precision. */
@Command(name = "butter", description = "Designs a digital Butterworth filter as scipy.signal.butter and prints b= and a= (or sos=).")
public final class ButterCommand implements Callable<Integer> {

    @Option(names = "--order", required = true, paramLabel = "N", description = "Filter order.")
    int order;

    @Option(names = "--wn", required = true, split = ",", paramLabel = "F1[,F2]",
            description = "Critical frequency in Hz (two for bandpass/bandstop).")
    double[] wn;

    @Option(names = "--btype", defaultValue = "lowpass", paramLabel = "TYPE",
            description = "lowpass, highpass, bandpass or bandstop (default lowpass).")
    String btype;

    @Option(names = "--fs", required = true, paramLabel = "HZ", description = "Sampling frequency in Hz.")
    double fs;

    @Option(names = "--output", defaultValue = "ba", paramLabel = "ba|sos", description = "Coefficient form (default ba).")
    String output;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try {
            BandType type = BandType.parse(btype);
            switch (output.toLowerCase(Locale.ROOT)) {
                case "ba" -> {
                    TransferFunction tf = Butter.ba(order, wn, type, fs);
                    out.println("b=" + join(tf.b()));
                    out.println("a=" + join(tf.a()));
                }
                case "sos" -> {
                    for (double[] s : Butter.sos(order, wn, type, fs).sections()) {
                        out.println("sos=" + join(s));
                    }
                }
                default -> throw new IllegalArgumentException("--output must be ba or sos, got " + output);
            }
            out.flush();
            return 0;
        } catch (IllegalArgumentException e) {
            return Cli.fail(spec.commandLine().getErr(), e, 1);
        }
    }

    /** Shortest decimal strings that read back to the same doubles (Java's Double.toString), comma separated. */
    private static String join(double[] v) {
        return Arrays.stream(v).mapToObj(Double::toString).collect(Collectors.joining(","));
    }
}
