package org.ecgworkbench.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import org.ecgworkbench.engine.net.ModelSummary;
import org.ecgworkbench.engine.net.NetworkBuilder;
import org.ecgworkbench.engine.net.Prototype;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** summary: the layers, output shapes and parameter count of a prototype's network. */
@Command(name = "summary", description = "Validates a prototype and prints its network: layers, output shapes, "
        + "parameter counts.")
public final class SummaryCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "P.json", description = "Prototype file.")
    Path prototype;

    @Option(names = "--classes", split = ",", paramLabel = "A,N,...",
            description = "Class names when the prototype lists none.")
    List<String> classes;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try {
            Prototype p = Prototype.read(prototype);
            if (classes != null) {
                p = p.withClasses(classes);
            }
            if (p.classes().isEmpty()) {
                throw new IllegalArgumentException(prototype + ": the prototype lists no classes; name them with"
                        + " --classes " + String.join(",", Arrays.asList("A", "N", "O", "~")));
            }
            out.print(ModelSummary.of(p, NetworkBuilder.DEFAULT_LAYOUT).text());
            out.flush();
            return 0;
        } catch (IllegalArgumentException e) {
            return Cli.fail(spec.commandLine().getErr(), e, 2);
        } catch (IOException e) {
            return Cli.fail(spec.commandLine().getErr(), e, 1);
        }
    }
}
