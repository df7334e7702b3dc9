package org.ecgworkbench.views.prototype;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextInputControl;
import org.controlsfx.control.CheckListView;
import org.ecgworkbench.engine.net.ModelSummary;
import org.ecgworkbench.engine.net.Prototype;
import org.ecgworkbench.views.common.BackgroundJobs;
import org.ecgworkbench.views.common.Snapshots;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

class PrototypeEditorTest {

    static final Path TEMPLATES = Path.of("..", "resources", "prototypes");
    static final Path SMALL = TEMPLATES.resolve("resnet1d-small.json");
    /** Screenshots for people to look at (not compared): views/target/screenshots. */
    static final Path SHOTS = Path.of("target", "screenshots");

    static BackgroundJobs jobs;
    PrototypeEditor editor;

    @BeforeAll
    static void startFx() throws Exception {
        FxToolkit.registerPrimaryStage();
        jobs = new BackgroundJobs(2);
    }

    @AfterAll
    static void stopJobs() {
        jobs.close();
    }

    @BeforeEach
    void showEditor() throws Exception {
        editor = fx(() -> new PrototypeEditor(jobs, TEMPLATES));
        editor.setDiscardQuestion(document -> {
            throw new AssertionError("unexpected question about unsaved changes to " + document);
        });
        FxToolkit.setupStage(stage -> {
            // Within Monocle's headless screen (1280 x 800); the screenshot uses a larger scene of its own.
            stage.setScene(new Scene(editor, 1280, 800));
            stage.show();
        });
    }

    @Test
    void loadingATemplateFillsTheFormAndTheLayerTable() throws Exception {
        fx(() -> {
            editor.open(SMALL);
            return null;
        });
        ModelSummary s = awaitSummary();
        // The numbers of engine PrototypeTest: PyTorch's count of the anchor network, and DL4J's with BN statistics.
        assertEquals(214_004, s.trainable());
        assertEquals(215_924, s.total());
        assertEquals(SMALL, editor.file().orElseThrow());
        assertEquals("8", text("#field-blocks"));
        assertEquals("16", text("#field-growth-add"));
        assertEquals("resnet1d", fx(() -> ((ComboBox<?>) node("#field-family")).getValue()));
        assertEquals("A, N, O, ~", text("#field-classes"));
        assertTrue(fx(() -> ((CheckBox) node("#field-input-channels-raw")).isSelected()));
        assertFalse(fx(() -> ((CheckBox) node("#field-input-channels-integrated")).isSelected()));
        assertTrue(fx(() -> ((CheckBox) node("#field-early_stopping")).isSelected()));
        assertEquals(0, fx(() -> ((CheckListView<?>) node("#field-features")).getCheckModel().getCheckedItems().size()));
        assertTrue(label("#derived-filters_per_block").startsWith("16, 16, 32, 32, 48, 48, 64, 64"));
        assertTrue(label("#derived-input_samples").startsWith("9,000 samples"));
        assertTrue(label("#prototype-params").startsWith("214,004 trainable"), label("#prototype-params"));
        assertEquals("64 \u00d7 282", fx(() -> cell("block8_relu", 2)));
        assertEquals(s.rows().size(), fx(() -> layers().getItems().size()));
        assertFalse(editor.dirtyProperty().get());
        assertEquals("resnet1d-small.json", editor.titleProperty().get());
        assertEquals(Files.readString(SMALL), editor.json());
    }

    @Test
    void everyFieldOfTheSchemaHasAnEditor() throws Exception {
        Prototype resolved = Prototype.read(TEMPLATES.resolve("resnet1d-features.json"))
                .withSuggestions("s.csv");
        List<String> paths = new ArrayList<>();
        leaves(resolved.toJsonTree(), "", paths);
        paths.addAll(List.of("description", "filters", "suggestions", "early_stopping", "augmentation",
                "augmentation.crop", "augmentation.scale", "augmentation.wander_mv", "augmentation.noise_mv",
                "augmentation.powerline_mv", "augmentation.powerline_hz", "augmentation.shift_s"));
        assertTrue(paths.size() > 30, paths.toString());
        for (String path : paths) {
            assertNotNull(fx(() -> editor.lookup("#field-" + path.replace('.', '-'))), "no editor for " + path);
        }
    }

    @Test
    void anInvalidValueIsExplainedAtItsFieldAndKeepsTheLastValidSummary() throws Exception {
        load(SMALL);
        awaitSummary();
        type("#field-blocks", "0");
        assertTrue(fx(() -> node("#error-blocks").isVisible()));
        String message = label("#error-blocks");
        assertTrue(message.contains("blocks: must be an integer in [1, 64], got 0"), message);
        assertTrue(fx(() -> node("#field-blocks").getStyleClass().contains("field-invalid")));
        assertEquals("blocks: must be an integer in [1, 64], got 0", editor.problemProperty().get());
        assertNull(editor.prototypeProperty().get());
        assertTrue(editor.json().contains("\"blocks\": 0"), "the JSON follows the form even when invalid");
        assertTrue(fx(() -> node("#prototype-layers-note").isVisible()));
        assertEquals(214_004, editor.summaryProperty().get().trainable());
        assertTrue(label("#prototype-params").startsWith("214,004"));
        assertTrue(editor.dirtyProperty().get());

        type("#field-blocks", "8");
        type("#field-dropout", "-0.1");
        assertFalse(fx(() -> node("#error-blocks").isVisible()));
        String dropout = label("#error-dropout");
        assertTrue(dropout.contains("dropout: must be a number in [0.0, 0.95), got -0.1"), dropout);
        assertTrue(label("#prototype-json-error").contains("dropout"));

        type("#field-dropout", "0.2");
        assertNull(editor.problemProperty().get());
        assertFalse(fx(() -> node("#error-dropout").isVisible()));
        assertFalse(editor.dirtyProperty().get(), "back to the saved values");
    }

    @Test
    void typingIntoAFieldValidatesEveryKeystroke() throws Exception {
        load(SMALL);
        FxRobot robot = new FxRobot();
        robot.doubleClickOn("#field-blocks").write("0");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("0", text("#field-blocks"));
        assertTrue(label("#error-blocks").contains("blocks: must be an integer in [1, 64], got 0"));
        robot.eraseText(1).write("12");
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(fx(() -> node("#error-blocks").isVisible()));
        assertEquals(12, editor.prototypeProperty().get().blocks());
        assertTrue(label("#derived-filters_per_block").startsWith("16, 16, 32, 32, 48, 48, 64, 64, 80, 80, 96, 96"));
    }

    @Test
    void theSummaryFollowsTheLatestValidEditOnly() throws Exception {
        load(SMALL);
        ModelSummary before = awaitSummary();
        // Three edits in a row: only the last one's network may end up in the table.
        type("#field-blocks", "2");
        type("#field-blocks", "3");
        type("#field-blocks", "4");
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> fx(() -> editor.summaryProperty().get() != before
                && !node("#prototype-busy").isVisible()));
        ModelSummary after = editor.summaryProperty().get();
        assertTrue(after.rows().stream().anyMatch(r -> r.name().equals("block4_relu")));
        assertTrue(after.rows().stream().noneMatch(r -> r.name().startsWith("block5")));
        assertEquals(after.rows().size(), fx(() -> layers().getItems().size()));
        assertTrue(after.trainable() < before.trainable());
    }

    @Test
    void editingTheJsonUpdatesTheForm() throws Exception {
        load(SMALL);
        String json = editor.json();
        setJson(json.replace("\"blocks\": 8", "\"blocks\": 6").replace("\"head_units\": 0", "\"head_units\": 32"));
        assertEquals("6", text("#field-blocks"));
        assertEquals("32", text("#field-head_units"));
        assertEquals(6, editor.prototypeProperty().get().blocks());

        setJson(editor.json().replace("\"blocks\": 6", "\"blocks\": 6,,"));
        assertTrue(label("#prototype-json-error").contains("not valid JSON"), label("#prototype-json-error"));
        assertNull(editor.prototypeProperty().get());
        assertEquals("6", text("#field-blocks"), "the form keeps its last valid state");

        setJson(json.replace("\"blocks\": 8", "\"blocks\": 0"));
        assertTrue(label("#prototype-json-error").contains("blocks: must be an integer"));
        assertEquals("6", text("#field-blocks"));

        setJson(json.replace("\"pooling\": \"avg\"", "\"pooling\": \"max\""));
        assertEquals("max", fx(() -> ((ComboBox<?>) node("#field-pooling")).getValue()));
        assertEquals("8", text("#field-blocks"));
    }

    @Test
    void saveWritesAFileThatReadsBackAsAnEqualPrototype(@TempDir Path dir) throws Exception {
        load(SMALL);
        type("#field-dropout", "0.3");
        fx(() -> {
            ((CheckBox) node("#field-input-channels-integrated")).setSelected(true);
            CheckListView<String> features = (CheckListView<String>) node("#field-features");
            features.getCheckModel().check("cv_rr");
            features.getCheckModel().check("rmssd_s");
            ((ComboBox<String>) node("#field-optimizer-schedule-type")).setValue("cosine");
            return null;
        });
        assertTrue(editor.dirtyProperty().get());
        assertTrue(editor.titleProperty().get().endsWith(" *"));
        Prototype edited = editor.prototypeProperty().get();
        assertEquals(List.of("raw", "integrated"), edited.input().channels());
        assertEquals(List.of("rmssd_s", "cv_rr"), edited.features());

        Path target = dir.resolve("my-net.json");
        CompletableFuture<Path> saved = new CompletableFuture<>();
        editor.setOnSaved(saved::complete);
        fx(() -> {
            editor.saveAs(target);
            return null;
        });
        assertEquals(target, saved.get(30, TimeUnit.SECONDS));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(edited, Prototype.read(target));
        assertEquals(0.3, Prototype.read(target).dropout());
        assertTrue(Files.readString(target).contains("\"description\""), "the description survives");
        assertFalse(editor.dirtyProperty().get());
        assertEquals("my-net.json", editor.titleProperty().get());
        assertEquals(target, editor.file().orElseThrow());
        try (var left = Files.list(dir)) {
            assertEquals(List.of(target), left.toList(), "no temporary file is left behind");
        }
    }

    @Test
    void duplicatingATemplateGivesAnUnsavedCopyNamedAfterItsFile(@TempDir Path dir) throws Exception {
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> fx(() -> editor.templates().size() >= 4));
        Path fcn = TEMPLATES.resolve("fcn1d.json");
        assertTrue(editor.templates().contains(fcn));
        fx(() -> {
            editor.duplicate(fcn);
            return null;
        });
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> fx(() -> editor.prototypeProperty().get() != null));
        assertEquals(Prototype.Family.FCN1D, editor.prototypeProperty().get().family());
        assertTrue(editor.file().isEmpty());
        assertTrue(editor.dirtyProperty().get(), "a copy is not saved yet");
        assertEquals("untitled (from fcn1d) *", editor.titleProperty().get());
        assertEquals("", text("#field-name"));
        assertEquals("one value per block", fx(() -> ((ComboBox<?>) node("#field-filters_mode")).getValue()));
        assertFalse(JsonDocument.parseObject(editor.json()).orElseThrow().has("name"));
        assertTrue(fx(() -> node("#field-stem_stride").isDisabled()), "no stem in fcn1d");

        Path target = dir.resolve("wide.json");
        CompletableFuture<Path> saved = new CompletableFuture<>();
        editor.setOnSaved(saved::complete);
        fx(() -> {
            editor.saveAs(target);
            return null;
        });
        saved.get(30, TimeUnit.SECONDS);
        Prototype p = Prototype.read(target);
        assertEquals("wide", p.name());
        assertEquals(List.of(128, 256, 128), p.filters());
        assertEquals(Prototype.read(fcn).withClasses(p.classes()).filters(), p.filters());
    }

    @Test
    void unsavedEditsAreOnlyReplacedWhenTheUserSaysSo() throws Exception {
        load(SMALL);
        type("#field-epochs", "50");
        List<String> asked = new ArrayList<>();
        editor.setDiscardQuestion(document -> {
            asked.add(document);
            return PrototypeEditor.DiscardAnswer.CANCEL;
        });
        String other = Files.readString(TEMPLATES.resolve("fcn1d.json"));
        assertFalse(fx(() -> editor.load(other, "fcn1d")));
        assertEquals(List.of("untitled"), asked);
        assertEquals("50", text("#field-epochs"));
        editor.setDiscardQuestion(document -> PrototypeEditor.DiscardAnswer.DISCARD);
        assertTrue(fx(() -> editor.load(other, "fcn1d")));
        assertEquals("fcn1d", fx(() -> ((ComboBox<?>) node("#field-family")).getValue()));
        assertFalse(editor.dirtyProperty().get());
    }

    @Test
    void aPrototypeCanBeBuiltFromAnEmptyFormFieldByField() throws Exception {
        type("#field-blocks", "4");
        assertEquals("family: required", label("#error-family"));
        fx(() -> {
            ((ComboBox<String>) node("#field-family")).setValue("fcn1d");
            return null;
        });
        assertTrue(editor.problemProperty().get().startsWith("input"), editor.problemProperty().get());
        assertTrue(fx(() -> node("#error-input-seconds").isVisible()), "an error of \"input\" shows at its first field");
        type("#field-input-seconds", "10");
        type("#field-input-fs", "250");
        assertNull(editor.problemProperty().get());
        Prototype p = editor.prototypeProperty().get();
        assertEquals(4, p.blocks());
        assertEquals(2500, p.input().samples());
        assertEquals("{\n  \"blocks\": 4,\n  \"family\": \"fcn1d\",\n  \"input\": {\"seconds\": 10, \"fs\": 250}\n}\n",
                editor.json());
    }

    @Test
    void switchingFilterModesKeepsTheNetwork() throws Exception {
        load(SMALL);
        fx(() -> {
            ((ComboBox<String>) node("#field-filters_mode")).setValue(FiltersModeEditor.LISTED);
            return null;
        });
        assertEquals("16, 16, 32, 32, 48, 48, 64, 64", text("#field-filters"));
        assertTrue(fx(() -> node("#field-growth-add").isDisabled()));
        assertEquals(List.of(16, 16, 32, 32, 48, 48, 64, 64), editor.prototypeProperty().get().filters());
        type("#field-filters", "16, 16, 32");
        assertTrue(label("#error-filters").contains("filters: lists 3 values for 8 blocks"), label("#error-filters"));
    }

    @Test
    void screenshotOfTheEditor() throws Exception {
        Files.createDirectories(SHOTS);
        // A projector-sized scene that is not shown in a window (the headless screen is smaller).
        editor = fx(() -> {
            PrototypeEditor big = new PrototypeEditor(jobs, TEMPLATES);
            new Scene(big, 1600, 1000);
            big.applyCss();
            big.layout();
            return big;
        });
        load(SMALL);
        awaitSummary();
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> fx(() -> !node("#prototype-busy").isVisible()));
        fx(() -> {
            // A scene outside a window gets no pulses: one throwaway render settles the text area's layout.
            editor.snapshot(null, null);
            Snapshots.savePng(editor, SHOTS.resolve("prototype-editor.png"));
            return null;
        });
        fx(() -> {
            Snapshots.savePng(((javafx.scene.control.ScrollPane) node("#prototype-form")).getContent(),
                    SHOTS.resolve("prototype-form.png"));
            return null;
        });
        type("#field-blocks", "0");
        fx(() -> {
            Snapshots.savePng(editor, SHOTS.resolve("prototype-editor-invalid.png"));
            return null;
        });
        editor.setDiscardQuestion(document -> PrototypeEditor.DiscardAnswer.DISCARD);
        load(TEMPLATES.resolve("resnet1d-features.json"));
        fx(() -> {
            Snapshots.savePng(((javafx.scene.control.ScrollPane) node("#prototype-form")).getContent(),
                    SHOTS.resolve("prototype-form-features.png"));
            return null;
        });
        assertTrue(Files.size(SHOTS.resolve("prototype-editor.png")) > 10_000);
    }

    // ---- helpers ----

    private void load(Path template) throws Exception {
        String json = Files.readString(template);
        assertTrue(fx(() -> editor.load(json, PrototypeFiles.baseName(template))));
        assertNotNull(editor.prototypeProperty().get(), editor.problemProperty().get());
    }

    private ModelSummary awaitSummary() throws Exception {
        WaitForAsyncUtils.waitFor(180, TimeUnit.SECONDS, () -> fx(() -> editor.summaryProperty().get() != null));
        return editor.summaryProperty().get();
    }

    private void type(String id, String text) throws Exception {
        fx(() -> {
            ((TextInputControl) node(id)).setText(text);
            return null;
        });
    }

    private void setJson(String json) throws Exception {
        fx(() -> {
            ((TextArea) node("#prototype-json")).setText(json);
            return null;
        });
    }

    private String text(String id) throws Exception {
        return fx(() -> ((TextInputControl) node(id)).getText());
    }

    private String label(String id) throws Exception {
        return fx(() -> ((Label) node(id)).getText());
    }

    private Node node(String id) {
        Node n = editor.lookup(id);
        assertNotNull(n, "no node " + id);
        return n;
    }

    @SuppressWarnings("unchecked")
    private TableView<ModelSummary.Row> layers() {
        return (TableView<ModelSummary.Row>) node("#prototype-layers");
    }

    private String cell(String layer, int column) {
        TableView<ModelSummary.Row> t = layers();
        ModelSummary.Row row = t.getItems().stream().filter(r -> r.name().equals(layer)).findFirst().orElseThrow();
        return String.valueOf(t.getColumns().get(column).getCellData(row));
    }

    private static void leaves(JsonNode node, String prefix, List<String> out) {
        if (node instanceof ObjectNode o) {
            Iterator<Map.Entry<String, JsonNode>> it = o.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                leaves(e.getValue(), prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(), out);
            }
        } else {
            out.add(prefix);
        }
    }

    private static <T> T fx(Callable<T> work) throws Exception {
        return WaitForAsyncUtils.asyncFx(work).get(30, TimeUnit.SECONDS);
    }
}
