package org.ecgworkbench.engine.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The ONNX export run by ONNX Runtime gives DL4J's probabilities, for every shape of network the builder makes. */
class OnnxExportTest {

    /** Largest difference of any probability allowed between ONNX Runtime and DL4J (float32 either side). */
    private static final double TOLERANCE = 1e-5;

    static Stream<String> prototypes() {
        return Stream.of(
                // conv shortcuts, features merged before a dense head, average global pooling
                "{\"family\": \"resnet1d\", \"blocks\": 4, \"filters\": [8, 8, 12, 12], \"kernel_size\": 5,"
                        + " \"dropout\": 0.2, \"input\": {\"seconds\": 4, \"fs\": 250},"
                        + " \"features\": [\"cv_rr\", \"rmssd_s\", \"beats\"], \"head_units\": 16}",
                // pooled shortcuts (odd lengths: Same padding at the end), max global pooling, suggestions at the
                // output, three input channels, a stem stride
                "{\"family\": \"resnet1d\", \"blocks\": 3, \"filters\": [6, 10, 10], \"kernel_size\": 7,"
                        + " \"stem_stride\": 2, \"reduction\": {\"every\": 1, \"factor\": 3, \"shortcut\": \"avg\"},"
                        + " \"pooling\": \"max\", \"input\": {\"seconds\": 3.3, \"fs\": 300, \"channels\": [\"raw\","
                        + " \"bandpassed\", \"integrated\"]}, \"suggestions\": {\"file\": \"s.csv\"}}",
                "{\"family\": \"resnet1d\", \"blocks\": 2, \"filters\": [8, 8], \"kernel_size\": 3,"
                        + " \"reduction\": {\"every\": 1, \"factor\": 2, \"shortcut\": \"max\"},"
                        + " \"input\": {\"seconds\": 2, \"fs\": 250}}",
                // even kernels (Same pads one more after than before), max pooling between blocks, no batch norm
                "{\"family\": \"fcn1d\", \"blocks\": 3, \"filters\": [16, 24, 16], \"kernel_size\": [8, 5, 3],"
                        + " \"reduction\": {\"every\": 1, \"factor\": 4, \"shortcut\": \"max\"}, \"batch_norm\": false,"
                        + " \"input\": {\"seconds\": 5, \"fs\": 300}}");
    }

    @ParameterizedTest
    @MethodSource("prototypes")
    void onnxRuntimeGivesDl4jsProbabilitiesFoldedOrNot(String json) throws IOException {
        Prototype p = Prototype.parse(json, "p").withClasses(List.of("A", "N", "O", "~"));
        NetworkBuilder b = new NetworkBuilder(p, NetworkBuilder.Layout.CONV2D, null);
        ComputationGraph net = BatchNormStatistics.randomised(b.build(), new Random(3), 0.5);
        assertAgrees(net, b, json);
        // (a norm after a pooled shortcut follows no convolution: such networks are served unfolded)
        BatchNormFolding.fold(net, p, b.layout()).ifPresent(folded -> assertAgrees(folded, b, "folded " + json));
    }

    @Test
    void theConv1dLayoutIsRefusedWithTheReason() {
        Prototype p = small();
        NetworkBuilder b = new NetworkBuilder(p, NetworkBuilder.Layout.CONV1D, null);
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
                () -> OnnxExport.of(b.build(), b));
        assertTrue(e.getMessage().contains("vertex stem") && e.getMessage().contains("CONV1D"), e.getMessage());
    }

    @Test
    void everyTemplateExports() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("..", "resources", "prototypes"))) {
            List<Path> templates = files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
            assertTrue(templates.size() >= 3, "templates: " + templates);
            for (Path f : templates) {
                // Shorter windows keep the test quick; the layers are the template's own.
                Prototype p = Prototype.read(f).with("input.seconds", "4");
                NetworkBuilder b = new NetworkBuilder(p, NetworkBuilder.DEFAULT_LAYOUT, null);
                assertAgrees(BatchNormStatistics.randomised(b.build(), new Random(3), 0.5), b, f.toString());
            }
        }
    }

    @Test
    void aLayerOnnxExportDoesNotCoverIsNamed() {
        ComputationGraph net = new ComputationGraph(new NeuralNetConfiguration.Builder().graphBuilder()
                .addInputs("signal")
                .setInputTypes(InputType.recurrent(1, 20))
                .addLayer("memory", new LSTM.Builder().nOut(4).build(), "signal")
                .addLayer("output", new RnnOutputLayer.Builder().nOut(2).activation(Activation.SOFTMAX).build(),
                        "memory")
                .setOutputs("output")
                .build());
        net.init();
        Prototype p = small();
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
                () -> OnnxExport.of(net, new NetworkBuilder(p, NetworkBuilder.DEFAULT_LAYOUT, null)));
        assertTrue(e.getMessage().contains("vertex memory") && e.getMessage().contains("LSTM"), e.getMessage());
    }

    private static Prototype small() {
        try {
            return Prototype.parse(prototypes().findFirst().orElseThrow(), "p").withClasses(List.of("A", "N"));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static void assertAgrees(ComputationGraph net, NetworkBuilder b, String what) {
        try (OnnxNetwork onnx = OnnxNetwork.of(net, b, 1)) {
            INDArray[] in = b.randomInputs(3, new Random(7));
            float[][] expected = Forward.of(net).output(in);
            float[][] actual = onnx.output(in);
            assertEquals(expected.length, actual.length, what);
            double spread = 0;
            for (int r = 0; r < expected.length; r++) {
                for (int c = 0; c < expected[r].length; c++) {
                    assertEquals(expected[r][c], actual[r][c], TOLERANCE, what + ": row " + r + ", class " + c);
                    spread = Math.max(spread, Math.abs(expected[r][c] - expected[0][c]));
                }
            }
            // different inputs give different probabilities: the comparison is not of two constant outputs
            assertTrue(spread > 1e-3, what + ": outputs do not depend on the input");
        }
    }
}
