package org.ecgworkbench.views.runs;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.stage.Stage;
import javafx.stage.Window;
import javafx.util.Duration;

/**
 * Full-screen presentation for group meetings: large type, cycling every N seconds through the dashboards of the
 * running runs (the latest runs when none runs), then the comparison table of all runs. Keys: → next, ← previous,
 * Esc leaves.
 */
public final class MeetingMode {

    /** How many finished runs it shows when none runs. */
    static final int RECENT = 4;

    private final ObservableList<RunSnapshot> runs;
    private final IntegerProperty seconds = new SimpleIntegerProperty(this, "seconds", 20);
    private final RunDashboard dashboard = new RunDashboard();
    private final RunComparisonTable comparison = new RunComparisonTable();
    private final BorderPane root = new BorderPane();
    private final Label pageLabel = new Label();
    private final Label title = new Label("Runs");
    private final ListChangeListener<RunSnapshot> onChange = c -> refresh();
    private Timeline timer;
    private Stage stage;
    private List<String> pages = List.of(); // run ids, then "" for the comparison table
    private int page;

    /** Meeting mode over the live list of runs (the owner keeps it current on the JavaFX thread). */
    public MeetingMode(ObservableList<RunSnapshot> runs) {
        this.runs = runs;
        root.getStyleClass().add("meeting-mode");
        root.getStylesheets().add(RunDashboard.css());
        root.setId("meeting-root");
        dashboard.setTilesOnly(true);
        comparison.setPadding(new Insets(16));
        comparison.setFontSize(20); // the meeting-mode type size (runs.css)
        title.getStyleClass().add("meeting-title");
        Spinner<Integer> every = new Spinner<>(5, 600, seconds.get(), 5);
        every.setId("meeting-seconds");
        every.setPrefWidth(100);
        every.valueProperty().addListener((o, a, b) -> seconds.set(b));
        seconds.addListener((o, a, b) -> {
            every.getValueFactory().setValue(b.intValue());
            restartTimer();
        });
        Button prev = new Button("◀");
        prev.setOnAction(e -> previous());
        Button next = new Button("▶");
        next.setOnAction(e -> next());
        Button export = new Button("Export PNG…");
        export.setOnAction(e -> RunDashboard.exportPng(root.getCenter()));
        Button leave = new Button("Leave (Esc)");
        leave.setId("meeting-leave");
        leave.setOnAction(e -> close());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        pageLabel.setId("meeting-page");
        HBox bar = new HBox(title, spacer, pageLabel, new Label("every"), every, new Label("s"), prev, next, export,
                leave);
        bar.getStyleClass().add("meeting-bar");
        root.setBottom(bar);
    }

    /** Seconds each page stays before the next. */
    public IntegerProperty secondsProperty() {
        return seconds;
    }

    /** Opens full screen over owner and starts cycling. */
    public void show(Window owner) {
        stage = new Stage();
        if (owner != null) {
            stage.initOwner(owner);
        }
        stage.setTitle("ECG Workbench · meeting mode");
        javafx.geometry.Rectangle2D screen = javafx.stage.Screen.getPrimary().getBounds();
        Scene scene = new Scene(root, screen.getWidth(), screen.getHeight());
        scene.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.RIGHT || e.getCode() == KeyCode.PAGE_DOWN || e.getCode() == KeyCode.SPACE) {
                next();
            } else if (e.getCode() == KeyCode.LEFT || e.getCode() == KeyCode.PAGE_UP) {
                previous();
            } else if (e.getCode() == KeyCode.ESCAPE) {
                close();
            }
            e.consume();
        });
        stage.setScene(scene);
        // Esc leaves meeting mode altogether, not only full screen
        stage.setFullScreenExitKeyCombination(KeyCombination.NO_MATCH);
        stage.setFullScreenExitHint("");
        stage.setFullScreen(true);
        stage.setOnHidden(e -> stop());
        runs.addListener(onChange);
        refresh();
        show(0);
        restartTimer();
        stage.show();
    }

    /** Leaves meeting mode. */
    public void close() {
        stop();
        if (stage != null) {
            stage.close();
        }
    }

    /** Whether it is showing. */
    public boolean isShowing() {
        return stage != null && stage.isShowing();
    }

    /** The next page (wrapping round); restarts the page timer. */
    public void next() {
        show(page + 1);
        restartTimer();
    }

    /** The previous page (wrapping round); restarts the page timer. */
    public void previous() {
        show(page - 1);
        restartTimer();
    }

    /** The page shown, 0-based. */
    public int page() {
        return page;
    }

    /** How many pages: one per run shown, then the comparison table. */
    public int pages() {
        return pages.size();
    }

    /** The id of the run whose dashboard is shown, or null on the comparison page. */
    public String currentRun() {
        return pages.isEmpty() || pages.get(page).isEmpty() ? null : pages.get(page);
    }

    /** The scene's root (for snapshots). */
    public Node root() {
        return root;
    }

    /** The comparison table page. */
    public RunComparisonTable comparison() {
        return comparison;
    }

    private void stop() {
        runs.removeListener(onChange);
        if (timer != null) {
            timer.stop();
        }
    }

    private void restartTimer() {
        if (timer != null) {
            timer.stop();
        }
        if (stage == null) {
            return;
        }
        timer = new Timeline(new KeyFrame(Duration.seconds(seconds.get()), e -> show(page + 1)));
        timer.setCycleCount(Animation.INDEFINITE);
        timer.play();
    }

    /** Which runs get a page: the running ones; when none runs, the latest ones that have epochs. */
    static List<String> pagesOf(List<RunSnapshot> runs) {
        List<String> ids = new ArrayList<>();
        for (RunSnapshot s : runs) {
            if (s.row().status() == RunStatus.RUNNING) {
                ids.add(s.row().id());
            }
        }
        if (ids.isEmpty()) {
            runs.stream().filter(s -> !s.points().isEmpty())
                    .sorted(Comparator.comparing((RunSnapshot s) -> s.row().id()).reversed()).limit(RECENT)
                    .forEach(s -> ids.add(s.row().id()));
        }
        ids.add("");
        return ids;
    }

    private void refresh() {
        String current = pages.isEmpty() ? null : pages.get(page);
        pages = pagesOf(runs);
        comparison.setRuns(runs);
        int at = current == null ? 0 : pages.indexOf(current);
        show(at < 0 ? Math.min(page, pages.size() - 1) : at);
    }

    private void show(int p) {
        if (pages.isEmpty()) {
            pages = pagesOf(runs);
        }
        page = Math.floorMod(p, pages.size());
        String id = pages.get(page);
        if (id.isEmpty()) {
            title.setText("Run comparison");
            root.setCenter(comparison);
        } else {
            RunSnapshot s = runs.stream().filter(r -> r.row().id().equals(id)).findFirst().orElse(null);
            title.setText(s == null ? id : s.row().status() == RunStatus.RUNNING ? "Running" : "Latest runs");
            dashboard.show(s);
            root.setCenter(dashboard);
        }
        pageLabel.setText((page + 1) + " / " + pages.size());
    }
}
