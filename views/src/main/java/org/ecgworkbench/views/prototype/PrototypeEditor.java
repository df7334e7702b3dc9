package org.ecgworkbench.views.prototype;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import impl.org.controlsfx.skin.DecorationPane;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.scene.control.Button;
import javafx.scene.control.CustomMenuItem;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Separator;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import org.ecgworkbench.engine.net.ModelSummary;
import org.ecgworkbench.engine.net.NetworkBuilder;
import org.ecgworkbench.engine.net.Prototype;
import org.ecgworkbench.engine.net.PrototypeException;
import org.ecgworkbench.views.common.BackgroundJobs;

/**
 * The prototype editor: a form of every prototype field (grouped, described, each refusal of the engine shown at its
 * field), the JSON beside it kept in sync both ways, and the layers and parameter count of the network it builds,
 * recomputed in the background as the form changes. Loads, saves (atomically, with an unsaved-changes mark and a
 * question before edits are discarded) and duplicates templates. The engine's parser is the only validation.
 */
public final class PrototypeEditor extends BorderPane {

    /** The answer to "save the changes before they are replaced?". */
    public enum DiscardAnswer {
        /** Save, then go on. */
        SAVE,
        /** Drop the changes and go on. */
        DISCARD,
        /** Keep the document, do not go on. */
        CANCEL
    }

    /** Asks whether to save unsaved changes; the default shows a dialog. */
    @FunctionalInterface
    public interface DiscardQuestion {
        /** Asks about the document with the given title (e.g. "resnet1d-small.json"). */
        DiscardAnswer ask(String document);
    }

    private static final String UNTITLED = "untitled";

    private final BackgroundJobs jobs;
    private final Path templatesDir;
    private final ObservableList<Path> templates = FXCollections.observableArrayList();
    private final PrototypeForm form;
    private final TextArea jsonArea = new TextArea();
    private final Label jsonStatus = new Label();
    private final NetworkPane network;
    private final Label title = new Label();
    private final Label status = new Label();
    private final MenuButton templateMenu = new MenuButton("New from template");
    private final SummaryUpdater summaries;

    private final ReadOnlyObjectWrapper<Path> file = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyBooleanWrapper dirty = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyObjectWrapper<Prototype> prototype = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper();
    private final ReadOnlyObjectWrapper<ModelSummary> summary = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper titleText = new ReadOnlyStringWrapper(UNTITLED);

    private ObjectNode tree = JsonNodeFactory.instance.objectNode();
    private String savedText = "";
    private String origin;
    private Prototype lastValid;
    private boolean writingJson;
    private Path lastDir;
    private Consumer<Path> onSaved = p -> { };
    private DiscardQuestion discardQuestion = document -> PrototypeDialogs.askDiscard(window(), document);

    /**
     * An empty editor; jobs runs file reading and network building, templatesDir holds the *.json templates offered
     * by "New from template" (may be null or missing: none are offered).
     */
    public PrototypeEditor(BackgroundJobs jobs, Path templatesDir) {
        this.jobs = Objects.requireNonNull(jobs);
        this.templatesDir = templatesDir;
        getStyleClass().add("prototype-editor");
        getStylesheets().add(Objects.requireNonNull(
                PrototypeEditor.class.getResource("prototype.css")).toExternalForm());
        form = new PrototypeForm(this::formEdited, () -> lastValid);
        summaries = new SummaryUpdater(jobs, this::summaryReady, this::summaryFailed);
        network = new NetworkPane(summaries.busyProperty());
        problem.addListener((obs, old, now) -> updateStale());
        setTop(toolbar());
        SplitPane split = new SplitPane(formPane(), jsonPane(), layersPane());
        split.setDividerPositions(0.36, 0.67);
        setCenter(split);
        addEventHandler(KeyEvent.KEY_PRESSED, e -> {
            if (new KeyCodeCombination(KeyCode.S, KeyCombination.SHORTCUT_DOWN).match(e)) {
                save();
                e.consume();
            }
        });
        dirty.addListener((obs, old, now) -> updateTitle());
        file.addListener((obs, old, now) -> updateTitle());
        form.render(tree);
        network.clear("Open a prototype, or start one from a template.", "");
        showStatus();
        listTemplates();
    }

    // ---- public API ----

    /** Reads a prototype file in the background and shows it (after asking about unsaved changes). */
    public void open(Path path) {
        if (!confirmDiscard()) {
            return;
        }
        jobs.submit("Reading " + path.getFileName(), progress -> Files.readString(path),
                text -> {
                    lastDir = path.toAbsolutePath().getParent();
                    show(text, path, text, null);
                },
                error -> failed("Cannot read " + path, error));
    }

    /**
     * Shows prototype JSON (e.g. a run's prototype.json) as a new, unsaved-to-file document named name when the JSON
     * has no name; asks about unsaved changes first and returns false when the user keeps them.
     */
    public boolean load(String json, String name) {
        if (!confirmDiscard()) {
            return false;
        }
        show(json, null, json, name);
        return true;
    }

    /**
     * Starts a new document from a template: its content without its name (a saved copy takes the file's name),
     * not yet saved. Reads the template in the background; asks about unsaved changes first.
     */
    public void duplicate(Path template) {
        if (!confirmDiscard()) {
            return;
        }
        jobs.submit("Reading template " + template.getFileName(), progress -> Files.readString(template),
                text -> {
                    String copy = JsonDocument.parseObject(text).map(o -> {
                        o.remove("name");
                        return JsonDocument.print(o);
                    }).orElse(text);
                    show(copy, null, null, null);
                    origin = PrototypeFiles.baseName(template);
                    updateTitle();
                },
                error -> failed("Cannot read template " + template, error));
    }

    /** The template files offered (filled in the background after construction). */
    public ObservableList<Path> templates() {
        return FXCollections.unmodifiableObservableList(templates);
    }

    /** The file the document was read from or last saved to, if any. */
    public Optional<Path> file() {
        return Optional.ofNullable(file.get());
    }

    /** The document's file (null while it has none). */
    public ReadOnlyObjectProperty<Path> fileProperty() {
        return file.getReadOnlyProperty();
    }

    /** The document's JSON as shown and as it would be saved (possibly invalid). */
    public String json() {
        return jsonArea.getText();
    }

    /** Whether the document differs from what was last read or saved (a new copy counts as unsaved). */
    public ReadOnlyBooleanProperty dirtyProperty() {
        return dirty.getReadOnlyProperty();
    }

    /** The document's prototype while it is valid, else null. */
    public ReadOnlyObjectProperty<Prototype> prototypeProperty() {
        return prototype.getReadOnlyProperty();
    }

    /** The engine's refusal of the document ("blocks: must be an integer in [1, 64], got 0"), or null when valid. */
    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }

    /** The layer summary shown: of the latest valid prototype once built (null before the first). */
    public ReadOnlyObjectProperty<ModelSummary> summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    /** The title for a tab or window: file name (or "untitled"), with " *" while there are unsaved changes. */
    public ReadOnlyStringProperty titleProperty() {
        return titleText.getReadOnlyProperty();
    }

    /** Called with the file after every save of a valid prototype (e.g. to offer "enqueue this prototype"). */
    public void setOnSaved(Consumer<Path> hook) {
        onSaved = hook == null ? p -> { } : hook;
    }

    /** Replaces the question asked before unsaved changes would be lost (tests, or the app's own dialog style). */
    public void setDiscardQuestion(DiscardQuestion question) {
        discardQuestion = Objects.requireNonNull(question);
    }

    /** Saves to the document's file, or asks for one (Save as) when it has none. */
    public void save() {
        Path target = file.get();
        if (target == null) {
            saveAs();
        } else {
            saveAs(target);
        }
    }

    /** Asks for a file and saves there. */
    public void saveAs() {
        Path target = chooseSaveFile();
        if (target != null) {
            saveAs(target);
        }
    }

    /** Writes the JSON to target atomically in the background; the document then belongs to that file. */
    public void saveAs(Path target) {
        String text = jsonArea.getText();
        jobs.submit("Saving " + target.getFileName(), progress -> {
            PrototypeFiles.writeAtomically(target, text);
            return text;
        }, saved -> saved(target, saved), error -> failed("Cannot save " + target, error));
    }

    /**
     * Whether the document may be replaced or closed: true when there are no unsaved changes or the user chose to
     * save (done before returning) or discard them; false when the user cancels. Call before closing the editor.
     */
    public boolean confirmDiscard() {
        if (!dirty.get()) {
            return true;
        }
        return switch (discardQuestion.ask(documentName())) {
            case DISCARD -> true;
            case CANCEL -> false;
            case SAVE -> saveNow();
        };
    }

    // ---- document ----

    /** Shows text as the document: file (or null), the text last saved (null: never), the name when none is set. */
    private void show(String text, Path path, String saved, String name) {
        file.set(path);
        savedText = saved;
        origin = name;
        lastValid = null;
        summaries.reset();
        summary.set(null);
        network.clear("Building the network \u2026", "");
        writeJson(text);
        Optional<ObjectNode> parsed = JsonDocument.parseObject(text);
        tree = parsed.orElseGet(JsonNodeFactory.instance::objectNode);
        form.render(tree);
        try {
            valid(Prototype.parse(text, defaultName()));
        } catch (PrototypeException e) {
            if (parsed.isPresent()) {
                form.showError(e);
            } else {
                form.clearErrors();
            }
            invalid(e);
            network.clear("No valid prototype yet: " + describe(e), "");
        }
        updateDirty();
        updateTitle();
    }

    private void formEdited(FieldEditor source, Consumer<ObjectNode> change) {
        change.accept(tree);
        form.render(tree);
        writeJson(JsonDocument.print(tree));
        try {
            valid(Prototype.parse(tree.toString(), defaultName()));
        } catch (PrototypeException e) {
            form.showError(e);
            invalid(e);
        }
        updateDirty();
    }

    private void jsonEdited(String text) {
        try {
            Prototype p = Prototype.parse(text, defaultName());
            tree = JsonDocument.parseObject(text).orElseThrow();
            form.render(tree);
            valid(p);
        } catch (PrototypeException e) {
            // The form keeps the last state that parsed; only the JSON pane explains what is wrong.
            invalid(e);
        }
        updateDirty();
    }

    private void valid(Prototype p) {
        form.clearErrors();
        lastValid = p;
        prototype.set(p);
        problem.set(null);
        form.validated(p);
        jsonStatus.setText("\u2714 Valid; the form and the JSON are in sync.");
        jsonStatus.getStyleClass().setAll("label", "json-status", "json-ok");
        summaries.request(p);
        showStatus();
    }

    private void invalid(PrototypeException e) {
        prototype.set(null);
        problem.set(describe(e));
        jsonStatus.setText("\u26a0 " + describe(e));
        jsonStatus.getStyleClass().setAll("label", "json-status", "json-error");
        showStatus();
    }

    private void writeJson(String text) {
        writingJson = true;
        try {
            jsonArea.setText(text);
        } finally {
            writingJson = false;
        }
    }

    private void saved(Path target, String text) {
        lastDir = target.toAbsolutePath().getParent();
        file.set(target);
        savedText = text;
        origin = null;
        boolean ok;
        try {
            Prototype p = Prototype.parse(text, defaultName());
            // The default name follows the file, so the name shown may have changed.
            if (text.equals(jsonArea.getText())) {
                valid(p);
            }
            ok = true;
        } catch (PrototypeException e) {
            ok = false;
        }
        updateDirty();
        updateTitle();
        if (ok) {
            onSaved.accept(target);
        }
    }

    /**
     * Saves on the JavaFX thread, for the discard question only: the user is waiting for the answer anyway, and a
     * prototype is a few kilobytes.
     */
    private boolean saveNow() {
        Path target = file.get() != null ? file.get() : chooseSaveFile();
        if (target == null) {
            return false;
        }
        try {
            PrototypeFiles.writeAtomically(target, jsonArea.getText());
        } catch (IOException e) {
            failed("Cannot save " + target, e);
            return false;
        }
        saved(target, jsonArea.getText());
        return true;
    }

    private void updateDirty() {
        String now = jsonArea.getText();
        boolean same = savedText != null && (savedText.equals(now) || JsonDocument.parseObject(savedText)
                .flatMap(a -> JsonDocument.parseObject(now).map(a::equals)).orElse(false));
        dirty.set(!same);
        updateTitle();
    }

    private String defaultName() {
        if (file.get() != null) {
            return PrototypeFiles.baseName(file.get());
        }
        return origin != null && savedText != null ? origin : UNTITLED;
    }

    private String documentName() {
        return file.get() != null ? file.get().getFileName().toString() : UNTITLED;
    }

    private void updateTitle() {
        String name = documentName();
        if (file.get() == null && origin != null) {
            name = savedText == null ? name + " (from " + origin + ")" : origin;
        }
        titleText.set(name + (dirty.get() ? " *" : ""));
        title.setText(titleText.get());
    }

    /** "field: reason", or the reason alone for document-wide errors. */
    static String describe(PrototypeException e) {
        return e.field() == null || e.field().isEmpty() ? e.reason() : e.field() + ": " + e.reason();
    }

    // ---- summary ----

    private void summaryReady(Prototype p, ModelSummary s) {
        summary.set(s);
        network.show(s);
        updateStale();
    }

    private void summaryFailed(Prototype p, Throwable error) {
        summary.set(null);
        String why = p.classes().size() < 2
                ? "List at least two classes to see the layers (training takes the dataset's when none are listed)."
                : "The network cannot be built: " + Objects.toString(error.getMessage(), error.toString());
        network.clear(why, why);
        updateStale();
    }

    private void updateStale() {
        network.setStale(problem.get() != null && summary.get() != null);
    }

    // ---- layout ----

    private ToolBar toolbar() {
        templateMenu.setId("prototype-templates");
        Button open = new Button("Open\u2026");
        open.setId("prototype-open");
        open.setOnAction(e -> {
            Path p = chooseOpenFile();
            if (p != null) {
                open(p);
            }
        });
        Button save = new Button("Save");
        save.setId("prototype-save");
        save.setDefaultButton(false);
        save.setTooltip(new Tooltip("Save (Ctrl+S)"));
        save.setOnAction(e -> save());
        Button saveAs = new Button("Save as\u2026");
        saveAs.setId("prototype-save-as");
        saveAs.setOnAction(e -> saveAs());
        title.setId("prototype-title");
        title.getStyleClass().add("prototype-title");
        status.setId("prototype-status");
        status.getStyleClass().add("prototype-status");
        status.setMinWidth(0);
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox.setHgrow(status, Priority.SOMETIMES);
        ToolBar bar = new ToolBar(templateMenu, open, save, saveAs, new Separator(Orientation.VERTICAL), title,
                gap, status);
        bar.getStyleClass().add("prototype-toolbar");
        return bar;
    }

    private Region formPane() {
        // The form carries its own decoration layer, so that ControlsFX does not wrap the application's scene root.
        DecorationPane decorated = new DecorationPane();
        decorated.setRoot(form);
        ScrollPane scroll = new ScrollPane(decorated);
        scroll.setId("prototype-form");
        scroll.setFitToWidth(true);
        scroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        return titled("Fields", "Every field of the schema; the engine checks each value.", scroll);
    }

    private Region jsonPane() {
        jsonArea.setId("prototype-json");
        jsonArea.getStyleClass().add("prototype-json");
        // Wrapped: the long description stays readable without scrolling sideways (e.g. on a projector).
        jsonArea.setWrapText(true);
        jsonArea.textProperty().addListener((obs, old, now) -> {
            if (!writingJson) {
                jsonEdited(now);
            }
        });
        VBox.setVgrow(jsonArea, Priority.ALWAYS);
        jsonStatus.setId("prototype-json-error");
        jsonStatus.setWrapText(true);
        jsonStatus.setMinHeight(Region.USE_PREF_SIZE);
        VBox box = new VBox(6, jsonArea, jsonStatus);
        VBox.setVgrow(box, Priority.ALWAYS);
        return titled("JSON", "Edits here reach the form as soon as they are valid.", box);
    }

    private Region layersPane() {
        VBox.setVgrow(network, Priority.ALWAYS);
        return titled("Network", "What the engine builds from the prototype (DL4J, layout "
                + NetworkBuilder.DEFAULT_LAYOUT.name().toLowerCase(Locale.ROOT) + ").", network);
    }

    private static Region titled(String heading, String about, Region content) {
        Label h = new Label(heading);
        h.getStyleClass().add("pane-heading");
        Label a = new Label(about);
        a.getStyleClass().add("pane-about");
        a.setWrapText(true);
        a.setMinHeight(Region.USE_PREF_SIZE);
        VBox.setVgrow(content, Priority.ALWAYS);
        VBox box = new VBox(4, h, a, content);
        box.getStyleClass().add("prototype-pane");
        box.setPadding(new Insets(8));
        box.setMinWidth(260);
        return box;
    }

    private void showStatus() {
        String p = problem.get();
        if (p == null) {
            status.setText(prototype.get() == null ? "" : "\u2714 valid prototype");
            status.getStyleClass().setAll("label", "prototype-status", "status-ok");
            status.setTooltip(null);
        } else {
            status.setText("\u26a0 " + p);
            status.getStyleClass().setAll("label", "prototype-status", "status-error");
            status.setTooltip(new Tooltip(p));
        }
    }

    private void listTemplates() {
        jobs.submit("Listing prototype templates", progress -> PrototypeFiles.templates(templatesDir), list -> {
            templates.setAll(list.stream().map(PrototypeFiles.Template::file).toList());
            templateMenu.getItems().clear();
            for (PrototypeFiles.Template t : list) {
                Label name = new Label(t.name());
                name.getStyleClass().add("template-name");
                Label about = new Label(firstSentence(t.description()));
                about.getStyleClass().add("template-about");
                about.setWrapText(true);
                about.setMaxWidth(420);
                CustomMenuItem item = new CustomMenuItem(new VBox(1, name, about));
                item.setId("template-" + PrototypeFiles.baseName(t.file()));
                item.setOnAction(e -> duplicate(t.file()));
                templateMenu.getItems().add(item);
            }
            templateMenu.setDisable(list.isEmpty());
        }, error -> templateMenu.setDisable(true));
    }

    private static String firstSentence(String text) {
        int dot = text.indexOf(". ");
        String s = dot > 0 ? text.substring(0, dot + 1) : text;
        return s.length() > 160 ? s.substring(0, 157) + "\u2026" : s;
    }

    // ---- dialogs ----

    private Window window() {
        return getScene() == null ? null : getScene().getWindow();
    }

    private Path dialogDir() {
        return lastDir != null ? lastDir : templatesDir;
    }

    private Path chooseOpenFile() {
        return PrototypeDialogs.chooseOpen(window(), dialogDir());
    }

    private Path chooseSaveFile() {
        Prototype p = prototype.get();
        String base = file.get() != null ? PrototypeFiles.baseName(file.get())
                : p != null && !p.name().equals(UNTITLED) ? p.name() : origin != null ? origin + "-copy" : UNTITLED;
        return PrototypeDialogs.chooseSave(window(), dialogDir(), base + ".json");
    }

    private void failed(String what, Throwable error) {
        String message = what + ": " + Objects.toString(error.getMessage(), error.toString());
        status.setText("\u26a0 " + message);
        status.getStyleClass().setAll("label", "prototype-status", "status-error");
        status.setTooltip(new Tooltip(message));
        PrototypeDialogs.error(window(), what, message);
    }
}
