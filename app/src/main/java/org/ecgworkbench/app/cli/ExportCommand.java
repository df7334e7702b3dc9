package org.ecgworkbench.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.ecgworkbench.engine.net.NetworkBuilder;
import org.ecgworkbench.engine.net.OnnxExport;
import org.ecgworkbench.engine.net.OnnxNetwork;
import org.ecgworkbench.engine.train.TrainedModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** export: a trained run's network as an ONNX model file. */
@Command(name = "export", description = "Writes a trained run's network (its model: weight average or best checkpoint;"
        + " batch norms folded) as an ONNX model, checked against DL4J with ONNX Runtime.")
public final class ExportCommand implements Callable<Integer> {

    @Option(names = "--model", required = true, paramLabel = "RUN_DIR",
            description = "Run directory of a trained model.")
    Path model;

    @Option(names = "--out", required = true, paramLabel = "MODEL.onnx", description = "The ONNX file to write.")
    Path out;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter o = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            TrainedModel m = TrainedModel.load(model);
            NetworkBuilder built = m.builder();
            byte[] bytes;
            try (OnnxNetwork onnx = OnnxNetwork.checked(m.inferenceNetwork(), built, 1)) {
                bytes = onnx.model();
            } catch (UnsupportedOperationException | IllegalStateException e) {
                throw new IOException(model + ": " + e.getMessage(), e);
            }
            // Written beside the target and moved in one step: an existing file is never left half-written.
            Path abs = out.toAbsolutePath();
            Files.createDirectories(abs.getParent());
            Path tmp = Files.createTempFile(abs.getParent(), abs.getFileName().toString(), ".part");
            try {
                Files.write(tmp, bytes);
                Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
            o.printf(Locale.ROOT, "wrote %s: %d bytes, ONNX opset %d, float32; ONNX Runtime agrees with DL4J within"
                    + " %s%n", out, bytes.length, OnnxExport.OPSET, OnnxNetwork.TOLERANCE);
            String[] names = built.inputNames();
            InputType[] types = built.inputTypes();
            for (int i = 0; i < names.length; i++) {
                o.printf(Locale.ROOT, "  input %s %s%n", names[i], Arrays.toString(types[i].getShape(true))
                        .replace("-1", "batch"));
            }
            o.printf(Locale.ROOT, "  output %s [batch, %d]: probabilities of %s%n", NetworkBuilder.OUTPUT,
                    m.classes().size(), String.join(", ", m.classes()));
            o.println("  inputs are prepared as the run prepares them: each window channel standardised, features"
                    + " scaled with preprocessing.json's mean and std (README, Serving)");
            o.flush();
            return 0;
        } catch (IllegalArgumentException e) {
            return Cli.fail(err, e, 2);
        } catch (IOException e) {
            return Cli.fail(err, e, 1);
        }
    }
}
