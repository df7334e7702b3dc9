package org.ecgworkbench.engine.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.ecgworkbench.engine.dataset.AugmentationConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrototypeTest {

    static final Path TEMPLATES = Path.of("..", "resources", "prototypes");

    @Test
    void resnet1dSmallIsExactlyThePyTorchAnchor() throws IOException {
        Prototype p = Prototype.read(TEMPLATES.resolve("resnet1d-small.json"));
        assertEquals(List.of(16, 16, 32, 32, 48, 48, 64, 64), p.filters());
        ModelSummary s = ModelSummary.of(p, NetworkBuilder.DEFAULT_LAYOUT);
        // shared/anchors/torch_resnet1d_small.py prints 214004 trainable parameters; DL4J adds the BN running stats.
        assertEquals(214_004, s.trainable());
        assertEquals(1_920, s.runningStats());
        assertEquals(215_924, s.total());
        // Lengths as PyTorch computes them: 9000 -> 4500 (stem) -> 2250, 1125, 563, 282 (blocks 2, 4, 6, 8).
        assertEquals("64 x 282", s.rows().stream().filter(r -> r.name().equals("block8_relu")).findFirst()
                .orElseThrow().output());
        assertEquals(282, p.reducedLength(9000));
    }

    @Test
    void bothLayoutsBuildTheSameNetwork() throws IOException {
        // Without batch norm: DL4J 1.0.0-M2.1's BatchNormalization refuses the conv1d layout's rank-3 activations.
        Prototype p = Prototype.read(TEMPLATES.resolve("fcn1d.json")).with("batch_norm", "false");
        assertEquals(new NetworkBuilder(p, NetworkBuilder.Layout.CONV2D, null).build().numParams(),
                new NetworkBuilder(p, NetworkBuilder.Layout.CONV1D, null).build().numParams());
    }

    @Test
    void everyTemplateParsesRoundTripsAndBuilds() throws IOException {
        int n = 0;
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(TEMPLATES, "*.json")) {
            for (Path f : ds) {
                Prototype p = Prototype.read(f);
                assertEquals(p, Prototype.parse(p.toJson(), "x"), f.toString());
                assertTrue(ModelSummary.of(p, NetworkBuilder.DEFAULT_LAYOUT).total() > 0, f.toString());
                n++;
            }
        }
        assertTrue(n >= 4, "templates found: " + n);
    }

    @Test
    void allThreeEntryLevelsBecomeInputs() throws PrototypeException {
        Prototype p = small().with("input.channels", "[\"raw\",\"bandpassed\",\"integrated\"]")
                .with("features", "[\"cv_rr\",\"rmssd_s\"]").with("suggestions", "{\"file\":\"s.csv\"}");
        NetworkBuilder b = new NetworkBuilder(p, NetworkBuilder.DEFAULT_LAYOUT, null);
        assertEquals(List.of("signal", "features", "suggestions"), List.of(b.inputNames()));
        ModelSummary s = ModelSummary.of(p, NetworkBuilder.DEFAULT_LAYOUT);
        assertTrue(s.rows().stream().anyMatch(r -> r.name().equals("merge_features")));
        assertEquals(4 * 4 + 4, s.rows().stream().filter(r -> r.name().equals("logits_suggestions")).findFirst()
                .orElseThrow().params());
    }

    @Test
    void refusalsNameTheField() {
        assertField("kernel_size", "\"kernel_size\": 0");
        assertField("optimizer.learning_rate", "\"optimizer\": {\"learning_rate\": -1}");
        assertField("input.channels[1]", "\"input\": {\"seconds\": 4, \"fs\": 250, \"channels\": [\"raw\", \"wavelet\"]}");
        assertField("features[0]", "\"features\": [\"qt_interval\"]");
        assertField("kernal_size", "\"kernal_size\": 7");
        assertField("dropout", "\"dropout\": 1.0");
        assertField("class_weights", "\"class_weights\": [1, 2]");
        assertField("filters", "\"filters\": [8, 8]");
        assertField("family", "\"family\": \"transformer\"");
        assertField("augmentation.noise", "\"augmentation\": {\"noise\": 0.1}");
        assertField("augmentation.scale", "\"augmentation\": {\"scale\": 1.5}");
        assertField("augmentation.powerline_hz", "\"augmentation\": {\"powerline_mv\": 0.1, \"powerline_hz\": 200}");
        PrototypeException e = assertThrows(PrototypeException.class, () -> Prototype.parse("{\"family\": ", "x"));
        assertTrue(e.getMessage().contains("not valid JSON"), e.getMessage());
    }

    @Test
    void augmentationIsOptionalAndRoundTrips() throws PrototypeException {
        String base = "{\"family\": \"fcn1d\", \"input\": {\"seconds\": 30, \"fs\": 300}";
        Prototype none = Prototype.parse(base + "}", "x");
        assertNull(none.augmentation());
        assertFalse(none.toJsonTree().has("augmentation"), "absent when off, as in files written before it existed");
        Prototype p = Prototype.parse(base + ", \"augmentation\": {\"noise_mv\": 0.05, \"wander_mv\": 0.2}}", "x");
        assertEquals(new AugmentationConfig(1, 0, 0.2, 0.05, 0, 50, 0), p.augmentation());
        assertEquals(p, Prototype.parse(p.toJson(), "x"));
        assertEquals(0.3, p.with("augmentation.scale", "0.3").augmentation().scale());
    }

    @Test
    void weightAveragingIsOptionalAndFitsInTheEpochs() throws PrototypeException {
        String base = "{\"family\": \"fcn1d\", \"input\": {\"seconds\": 30, \"fs\": 300}, \"epochs\": 20";
        Prototype none = Prototype.parse(base + "}", "x");
        assertEquals(0, none.averageEpochs());
        assertFalse(none.toJsonTree().has("average_epochs"), "absent when off, as in files written before it existed");
        Prototype p = Prototype.parse(base + ", \"average_epochs\": 5}", "x");
        assertEquals(5, p.averageEpochs());
        assertEquals(p, Prototype.parse(p.toJson(), "x"));
        assertField("average_epochs", "\"epochs\": 4, \"average_epochs\": 5");
        assertField("average_epochs", "\"average_epochs\": -1");
    }

    @Test
    void aMissingFileIsNamed(@TempDir Path dir) {
        PrototypeException e = assertThrows(PrototypeException.class, () -> Prototype.read(dir.resolve("nope.json")));
        assertTrue(e.getMessage().contains("nope.json"), e.getMessage());
    }

    @Test
    void growthAndOverridesResolveFilters() throws PrototypeException {
        Prototype p = small().with("base_filters", "8").with("growth.factor", "2").with("growth.every", "1");
        assertEquals(List.of(8, 16, 32), p.filters());
    }

    @Test
    void depthStaysOverridableWithOneKernelSizeForAllBlocks() throws PrototypeException {
        Prototype p = small().with("blocks", "5");
        assertEquals(5, p.blocks());
        assertEquals(List.of(5, 5, 5, 5, 5), p.kernelSizes());
        assertEquals(p, Prototype.parse(p.toJson(), "small"));
        Prototype perBlock = small().with("kernel_size", "[3, 5, 7]");
        assertEquals(List.of(3, 5, 7), perBlock.kernelSizes());
        assertEquals(perBlock, Prototype.parse(perBlock.toJson(), "small"));
    }

    static Prototype small() throws PrototypeException {
        return Prototype.parse("{\"family\": \"fcn1d\", \"blocks\": 3, \"base_filters\": 4, \"kernel_size\": 5,"
                + " \"reduction\": {\"every\": 1, \"factor\": 4, \"shortcut\": \"max\"},"
                + " \"input\": {\"seconds\": 4, \"fs\": 250}, \"classes\": [\"A\", \"N\", \"O\", \"~\"]}", "small");
    }

    private static void assertField(String field, String member) {
        String json = "{\"family\": \"resnet1d\", \"input\": {\"seconds\": 30, \"fs\": 300}, \"classes\": [\"A\","
                + " \"N\", \"O\", \"~\"], " + member + "}";
        if (member.startsWith("\"input\"")) {
            json = "{\"family\": \"resnet1d\", \"classes\": [\"A\", \"N\", \"O\", \"~\"], " + member + "}";
        }
        if (member.startsWith("\"family\"")) {
            json = "{\"input\": {\"seconds\": 30, \"fs\": 300}, " + member + "}";
        }
        String j = json;
        PrototypeException e = assertThrows(PrototypeException.class, () -> Prototype.parse(j, "x"), member);
        assertEquals(field, e.field(), e.getMessage());
    }
}
