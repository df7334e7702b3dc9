package org.ecgworkbench.app.gui;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.control.Alert;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextArea;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Stage;
import org.ecgworkbench.engine.backend.Backend;
import org.ecgworkbench.engine.record.Annotation;
import org.ecgworkbench.engine.record.Record;
import org.ecgworkbench.engine.record.RecordSummary;
import org.ecgworkbench.engine.record.Records;
import org.ecgworkbench.views.browser.RecordBrowser;
import org.ecgworkbench.app.gui.runs.RunsWorkbench;
import org.ecgworkbench.app.gui.stats.StatsPanel;
import org.ecgworkbench.engine.train.RunFiles;
import org.ecgworkbench.views.common.BackgroundJobs;
import org.ecgworkbench.views.common.PreferencesDialog;
import org.ecgworkbench.views.common.Snapshots;
import org.ecgworkbench.views.common.StatusBar;
import org.ecgworkbench.views.common.WorkbenchPreferences;
import org.ecgworkbench.views.prototype.PrototypeEditor;
import org.ecgworkbench.views.viewer.SignalViewer;

/**
 * The workbench window's content and its actions: menu and shortcuts, the recordings / prototypes / runs tabs, and
 * the status bar. Wires the views to the engine; long work goes to {@link BackgroundJobs}.
 */
public final class Workbench extends BorderPane implements AutoCloseable {

    /** Tab ids, in order. */
    static final String RECORDINGS = "tab-recordings";
    static final String PROTOTYPES = "tab-prototypes";
    static final String RUNS = "tab-runs";

    private final Stage stage;
    private final WorkbenchPreferences prefs;
    private final BackgroundJobs jobs = new BackgroundJobs(2);
    private final StatusBar status = new StatusBar(jobs);
    private final RecordBrowser browser = new RecordBrowser(jobs);
    private final TabPane tabs = new TabPane();
    private final Menu recentMenu = new Menu("Open _recent");
    private final ClassifyAction classify = new ClassifyAction();
    private final SignalViewer viewer;
    private final PrototypeEditor prototypes;
    private final RunsWorkbench runs;
    private final StatsPanel stats;
    private Record current;
    private Path model;

    /** The workbench in stage with the given preferences; lists samples/ when it finds it. */
    public Workbench(Stage stage, WorkbenchPreferences prefs, Path runsDir) {
        this.stage = stage;
        this.prefs = prefs;
        Path templates = templates();
        this.runs = new RunsWorkbench(runsDir, jobs, templates);
        this.stats = new StatsPanel(jobs);
        this.viewer = new SignalViewer(jobs, prefs);
        runs.setStatsView(stats.view());
        // The DL4J pages follow the run picked in the queue (its stats.dl4j, read from a private copy).
        runs.queue().selectedRunProperty().addListener((o, a, b) -> {
            Path file = b == null || b.runDir() == null || b.runDir().isEmpty() ? null
                    : Path.of(b.runDir()).resolve(RunFiles.STATS);
            if (file != null && Files.isRegularFile(file)) {
                stats.show(file);
            }
        });
        setId("workbench");
        browser.setCsvFrequency(prefs.csvFrequency());
        prefs.csvFrequencyProperty().addListener((o, a, b) -> browser.setCsvFrequency(b.doubleValue()));
        browser.setOnOpen(this::openRecord);
        SplitPane recordings = new SplitPane(browser, viewer);
        recordings.setDividerPositions(0.27);
        prototypes = new PrototypeEditor(jobs, templates);
        tabs.getTabs().addAll(tab(RECORDINGS, "Recordings", recordings), tab(PROTOTYPES, "Prototypes",
                prototypes), tab(RUNS, "Runs", runsPane()));
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        setTop(menus());
        setCenter(tabs);
        setBottom(status);
        probeBackend();
        ProjectPaths.samples().ifPresent(s -> openPath(s, false));
    }

    /** The browser (tests). */
    RecordBrowser browser() {
        return browser;
    }

    /** The status bar (tests). */
    StatusBar status() {
        return status;
    }

    /** The record shown in the viewer, if any. */
    Optional<Record> current() {
        return Optional.ofNullable(current);
    }

    /** Lists a file or folder in the browser; remember: add it to the recent list. */
    void openPath(Path path, boolean remember) {
        if (remember) {
            prefs.addRecent(path.toAbsolutePath().toString());
        }
        tabs.getSelectionModel().select(0);
        browser.load(path, rows -> {
            status.setMessage(rows.size() + " records from " + path);
            if (rows.size() == 1 && rows.get(0).ok()) {
                openRecord(rows.get(0));
            }
        }, e -> error("Cannot open " + path, e));
    }

    /** Reads a record and its reference annotations in the background and shows them in the viewer. */
    void openRecord(RecordSummary row) {
        if (!row.ok()) {
            status.setMessage(row.error());
            return;
        }
        double csvFs = prefs.csvFrequency();
        jobs.submit("Opening " + row.name(), p -> {
            Record r = row.format().equals("CSV") ? Records.read(row.path(), csvFs) : Records.read(row.path());
            List<Annotation> ann = row.annotator().isEmpty() ? List.of()
                    : Records.readAnnotations(row.path(), row.annotator());
            return new Opened(r, ann);
        }, o -> {
            current = o.record();
            showInViewer(o.record(), o.annotations());
            stage.setTitle(WorkbenchApp.TITLE + " — " + o.record().name());
            status.setMessage(String.format(java.util.Locale.ROOT, "%s: %d lead(s), %.0f Hz, %.1f s, %d annotations",
                    o.record().name(), o.record().leadCount(), o.record().samplingFrequency(),
                    o.record().durationSeconds(), o.annotations().size()));
        }, e -> error("Cannot open " + row.path(), e));
    }

    private Node runsPane() {
        Tab dashboard = tab("tab-dashboard", "Dashboard", runs.dashboard());
        Tab compare = tab("tab-compare", "Compare runs", runs.comparison());
        TabPane lower = new TabPane(dashboard, compare);
        lower.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        SplitPane split = new SplitPane(runs.queueView(), lower);
        split.setOrientation(javafx.geometry.Orientation.VERTICAL);
        split.setDividerPositions(0.32);
        return split;
    }

    /** The runs part (tests). */
    RunsWorkbench runs() {
        return runs;
    }

    /** The prototype editor (tests). */
    PrototypeEditor prototypes() {
        return prototypes;
    }

    private static Path templates() {
        try {
            return ProjectPaths.templates();
        } catch (IOException e) {
            // The editor works without templates; it says none are offered.
            return null;
        }
    }

    private record Opened(Record record, List<Annotation> annotations) {
    }

    private void showInViewer(Record record, List<Annotation> annotations) {
        viewer.show(record, annotations);
    }

    /** The signal viewer (tests). */
    SignalViewer viewer() {
        return viewer;
    }

    private MenuBar menus() {
        MenuItem openFile = item("_Open record…", "Shortcut+O", this::chooseFile);
        MenuItem openFolder = item("Open _folder…", "Shortcut+Shift+O", this::chooseFolder);
        MenuItem samples = item("Open _samples", null, () -> ProjectPaths.samples().ifPresentOrElse(
                s -> openPath(s, false), () -> status.setMessage("samples/ not found beside the workbench")));
        fillRecent();
        prefs.recent().addListener((javafx.collections.ListChangeListener<String>) c -> fillRecent());
        MenuItem export = item("_Export view as PNG…", "Shortcut+E", this::exportPng);
        MenuItem preferences = item("_Preferences…", "Shortcut+Comma", () -> new PreferencesDialog(stage, prefs)
                .showAndWait());
        MenuItem quit = item("_Quit", "Shortcut+Q", () -> {
            if (prototypes.confirmDiscard()) {
                stage.close();
            }
        });
        Menu file = new Menu("_File", null, openFile, openFolder, samples, recentMenu, new SeparatorMenuItem(), export,
                preferences, new SeparatorMenuItem(), quit);

        Menu view = new Menu("_View");
        for (int i = 0; i < tabs.getTabs().size(); i++) {
            int k = i;
            view.getItems().add(item(tabs.getTabs().get(i).getText(), "Shortcut+" + (i + 1),
                    () -> tabs.getSelectionModel().select(k)));
        }
        CheckMenuItem grid = new CheckMenuItem("ECG paper _grid");
        grid.selectedProperty().bindBidirectional(prefs.gridProperty());
        grid.setAccelerator(KeyCombination.keyCombination("Shortcut+G"));
        CheckMenuItem dark = new CheckMenuItem("_Dark theme");
        dark.setSelected(prefs.themeProperty().get() == WorkbenchPreferences.Theme.DARK);
        dark.selectedProperty().addListener((o, a, b) -> prefs.themeProperty().set(
                b ? WorkbenchPreferences.Theme.DARK : WorkbenchPreferences.Theme.LIGHT));
        prefs.themeProperty().addListener((o, a, b) -> dark.setSelected(b == WorkbenchPreferences.Theme.DARK));
        MenuItem meeting = item("_Meeting mode", "F11", () -> runs.openMeetingMode(stage));
        meeting.setId("menu-meeting");
        view.getItems().addAll(new SeparatorMenuItem(), grid, dark, new SeparatorMenuItem(), meeting);

        MenuItem classifyItem = item("_Classify this recording", "Shortcut+K", this::classifyCurrent);
        classifyItem.setId("menu-classify");
        MenuItem chooseModel = item("Choose _model…", null, this::chooseModel);
        Menu record = new Menu("_Record", null, classifyItem, chooseModel);
        MenuItem enqueue = item("_Enqueue this prototype…", "Shortcut+Shift+E", this::enqueuePrototype);
        MenuItem startQueue = item("_Start the queue", null, () -> runs.startQueue(1));
        Menu runMenu = new Menu("R_uns", null, enqueue, startQueue);

        MenuItem commands = item("_Commands (CLI)", "F1", this::showCommands);
        Menu help = new Menu("_Help", null, commands);
        MenuBar bar = new MenuBar(file, view, record, runMenu, help);
        bar.setId("menu-bar");
        return bar;
    }

    private void fillRecent() {
        recentMenu.getItems().clear();
        for (String r : prefs.recent()) {
            recentMenu.getItems().add(item(r, null, () -> openPath(Path.of(r), true)));
        }
        recentMenu.setDisable(prefs.recent().isEmpty());
    }

    private void chooseFile() {
        FileChooser fc = new FileChooser();
        fc.setTitle("Open a record");
        fc.getExtensionFilters().addAll(
                new FileChooser.ExtensionFilter("Records (*.hea, *.mat, *.csv)", "*.hea", "*.mat", "*.csv"),
                new FileChooser.ExtensionFilter("All files", "*"));
        lastFolder().ifPresent(fc::setInitialDirectory);
        File f = fc.showOpenDialog(stage);
        if (f != null) {
            openPath(f.toPath(), true);
        }
    }

    private void chooseFolder() {
        DirectoryChooser dc = new DirectoryChooser();
        dc.setTitle("Open a folder of records");
        lastFolder().ifPresent(dc::setInitialDirectory);
        File f = dc.showDialog(stage);
        if (f != null) {
            openPath(f.toPath(), true);
        }
    }

    private Optional<File> lastFolder() {
        for (String r : prefs.recent()) {
            Path p = Path.of(r);
            Path dir = Files.isDirectory(p) ? p : p.getParent();
            if (dir != null && Files.isDirectory(dir)) {
                return Optional.of(dir.toFile());
            }
        }
        return Optional.empty();
    }

    private void exportPng() {
        Node node = tabs.getSelectionModel().getSelectedIndex() == 0 && viewer.record().isPresent()
                ? viewer.exportNode() : tabs.getSelectionModel().getSelectedItem().getContent();
        FileChooser fc = new FileChooser();
        fc.setTitle("Export view as PNG");
        fc.setInitialFileName(tabs.getSelectionModel().getSelectedItem().getText().toLowerCase() + ".png");
        File f = fc.showSaveDialog(stage);
        if (f != null) {
            try {
                Snapshots.savePng(node, f.toPath());
                status.setMessage("Saved " + f);
            } catch (IOException e) {
                error("Cannot save " + f, e);
            }
        }
    }

    private void enqueuePrototype() {
        Optional<Path> file = prototypes.file();
        if (file.isEmpty() || prototypes.dirtyProperty().get()) {
            tabs.getSelectionModel().select(1);
            status.setMessage("Save the prototype first (Prototypes tab, Ctrl+S), then enqueue it");
            return;
        }
        FileChooser fc = new FileChooser();
        fc.setTitle("Dataset for " + file.get().getFileName());
        fc.getExtensionFilters().add(new FileChooser.ExtensionFilter("Packed datasets (*.h5)", "*.h5"));
        File f = fc.showOpenDialog(stage);
        if (f != null) {
            runs.enqueue(file.get(), f.toPath());
            tabs.getSelectionModel().select(2);
            status.setMessage("Enqueued " + file.get().getFileName() + " on " + f.getName());
        }
    }

    private void chooseModel() {
        DirectoryChooser dc = new DirectoryChooser();
        dc.setTitle("Choose a trained run directory");
        Path runs = ProjectPaths.runs();
        if (Files.isDirectory(runs)) {
            dc.setInitialDirectory(runs.toFile());
        }
        File f = dc.showDialog(stage);
        if (f != null) {
            model = f.toPath();
            prefs.store().put("model", model.toString());
            status.setMessage("Model: " + model);
        }
    }

    /** Classifies the open record with the chosen model in the resident in-process service. */
    void classifyCurrent() {
        if (current == null) {
            status.setMessage("Open a recording first");
            return;
        }
        if (model == null) {
            String saved = prefs.store().get("model", "");
            if (!saved.isEmpty() && Files.isDirectory(Path.of(saved))) {
                model = Path.of(saved);
            } else {
                chooseModel();
                if (model == null) {
                    return;
                }
            }
        }
        Record r = current;
        Path m = model;
        jobs.submit("Classifying " + r.name(), p -> classify.classify(m, r), c -> {
            status.setMessage(String.format(java.util.Locale.ROOT, "%s classified as %s (%.1f ms)", r.name(),
                    c.label(), c.latencyMs()));
            Alert a = new Alert(Alert.AlertType.INFORMATION, ClassifyAction.describe(r, c));
            a.initOwner(stage);
            a.setHeaderText("Classification");
            a.setTitle("Classify this recording");
            a.show();
        }, e -> error("Cannot classify " + r.name() + " with " + m, e));
    }

    private void showCommands() {
        StringBuilder sb = new StringBuilder();
        WorkbenchApp.capabilities(new picocli.CommandLine(new org.ecgworkbench.app.Main()), "")
                .forEach(c -> sb.append(String.format("%-22s %s%n", c.command(), c.description())));
        TextArea text = new TextArea(sb.toString());
        text.setEditable(false);
        text.setStyle("-fx-font-family: monospace;");
        text.setPrefSize(900, 520);
        Alert a = new Alert(Alert.AlertType.INFORMATION);
        a.initOwner(stage);
        a.setTitle("Commands");
        a.setHeaderText("Everything the workbench does also runs headless:\n"
                + "java -jar app/target/ecg-workbench.jar COMMAND --help");
        a.getDialogPane().setContent(text);
        a.show();
    }

    private void probeBackend() {
        // ND4J loads a large native library: never on the FX thread.
        Thread probe = new Thread(() -> {
            String text;
            try {
                Backend b = Backend.active();
                text = "ND4J " + b.kind() + " · " + b.binary() + " · " + b.threads() + " threads";
            } catch (RuntimeException | LinkageError e) {
                text = "ND4J unavailable (" + e.getMessage() + ")";
            }
            String shown = text;
            Platform.runLater(() -> status.setBackend(shown));
        }, "backend-probe");
        probe.setDaemon(true);
        probe.start();
    }

    private void error(String what, Throwable e) {
        String why = e.getMessage() == null ? e.toString() : e.getMessage();
        status.setMessage(what + ": " + why);
        Alert a = new Alert(Alert.AlertType.ERROR, why);
        a.initOwner(stage);
        a.setHeaderText(what);
        a.show();
    }

    private static Tab tab(String id, String title, Node content) {
        Tab t = new Tab(title, content);
        t.setId(id);
        return t;
    }

    private static MenuItem item(String text, String accelerator, Runnable action) {
        MenuItem m = new MenuItem(text);
        if (accelerator != null) {
            m.setAccelerator(KeyCombination.keyCombination(accelerator));
        }
        m.setOnAction(e -> action.run());
        return m;
    }

    /** Whether the window may close: asks about unsaved prototype edits. */
    boolean confirmClose() {
        return prototypes.confirmDiscard();
    }

    /** Stops background work and releases the resident model. */
    @Override
    public void close() {
        runs.close();
        stats.close();
        jobs.close();
        classify.close();
    }
}
