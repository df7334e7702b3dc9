package org.ecgworkbench.views.runs;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.scene.control.Button;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.Spinner;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;

/**
 * The run queue as a table (state in colour, progress, epoch, best score, ETA) with the actions on it: add runs,
 * cancel, retry, resume, copy the run folder's path, and start or stop the queue with N slots. The actions go to
 * a {@link RunActions}; the owner feeds rows with {@link #setRows}.
 */
public final class RunQueueView extends BorderPane {

    private final RunActions actions;
    private final ObservableList<RunRow> rows = FXCollections.observableArrayList();
    private final TableView<RunRow> table = new TableView<>(rows);
    private final BooleanProperty queueRunning = new SimpleBooleanProperty(this, "queueRunning", false);
    private final SimpleObjectProperty<RunRow> selected = new SimpleObjectProperty<>(this, "selected");
    private final Label status = new Label("Queue stopped");
    private final Spinner<Integer> slots;
    private Path templates;
    private Runnable onMeetingMode = () -> { };

    /** A queue view whose buttons call actions. */
    public RunQueueView(RunActions actions) {
        this.actions = actions;
        setId("run-queue");
        getStyleClass().add("run-queue-view");
        getStylesheets().add(RunDashboard.css());
        table.setId("run-table");
        table.getStyleClass().add("run-table");
        table.setPlaceholder(new Label("No runs yet: add runs (prototype + dataset), then start the queue"));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getColumns().setAll(List.of(
                text("ID", 70, r -> r.inQueue() ? r.id() : "–"),
                text("Run", 200, RunRow::name),
                text("Prototype", 130, RunRow::prototype),
                text("Dataset", 110, RunRow::dataset),
                stateColumn(),
                text("Where", 150, RunRow::where),
                progressColumn(),
                text("Epoch", 70, RunRow::epochText),
                text("Best", 80, r -> Double.isNaN(r.bestScore()) ? "–" : RunFormat.number(r.bestScore(), 3)),
                text("ETA", 80, r -> r.status() == RunStatus.RUNNING ? RunFormat.duration(r.etaSeconds()) : ""),
                text("Note", 220, RunRow::error)));
        table.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> {
            if (b != null) {
                selected.set(b);
            }
        });
        table.setRowFactory(tv -> {
            TableRow<RunRow> row = new TableRow<>();
            row.itemProperty().addListener((o, a, b) -> row.setTooltip(b == null ? null
                    : new Tooltip(b.runDir() + (b.error().isEmpty() ? "" : "\n" + b.error()))));
            return row;
        });

        BooleanBinding none = selected.isNull();
        Button add = button("Add runs…", "run-add", e -> addDialog());
        Button cancel = button("Cancel", "run-cancel", e -> actions.cancel(selected.get().id()));
        cancel.disableProperty().bind(Bindings.createBooleanBinding(() -> !canCancel(selected.get()), selected));
        Button retry = button("Retry", "run-retry", e -> actions.retry(selected.get().id()));
        retry.disableProperty().bind(Bindings.createBooleanBinding(() -> !canRetry(selected.get()), selected));
        retry.setTooltip(new Tooltip("Put a failed, cancelled or interrupted run back in the queue"));
        Button resume = button("Resume", "run-resume", e -> actions.resume(selected.get().id()));
        resume.disableProperty().bind(Bindings.createBooleanBinding(() -> !canResume(selected.get()), selected));
        resume.setTooltip(new Tooltip("Continue a stopped run from its last checkpoint (starts the queue)"));
        Button copy = button("Copy folder path", "run-copy-path", e -> copyPath());
        copy.disableProperty().bind(none);
        slots = new Spinner<>(1, Math.max(1, Runtime.getRuntime().availableProcessors()), 1);
        slots.setId("queue-slots");
        slots.setPrefWidth(70);
        slots.setTooltip(new Tooltip("Runs at a time; the CPU cores are shared among them"));
        slots.disableProperty().bind(queueRunning);
        Button start = button("Start queue", "queue-start", e -> {
            if (queueRunning.get()) {
                actions.stopQueue();
            } else {
                actions.startQueue(slots.getValue());
            }
        });
        start.textProperty().bind(Bindings.when(queueRunning).then("Stop queue").otherwise("Start queue"));
        Label indicator = new Label();
        indicator.setId("queue-indicator");
        indicator.getStyleClass().add("queue-indicator");
        indicator.textProperty().bind(Bindings.when(queueRunning).then("queue running").otherwise("queue stopped"));
        queueRunning.addListener((o, a, b) -> {
            indicator.getStyleClass().remove("queue-on");
            if (b) {
                indicator.getStyleClass().add("queue-on");
            }
        });
        Button meeting = button("Meeting mode", "meeting-mode", e -> onMeetingMode.run());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox bar = new HBox(add, cancel, retry, resume, copy, spacer, new Label("Slots"), slots, start, indicator,
                meeting);
        bar.getStyleClass().add("run-queue-toolbar");

        MenuItem mCancel = new MenuItem("Cancel");
        mCancel.setOnAction(cancel.getOnAction());
        mCancel.disableProperty().bind(cancel.disableProperty());
        MenuItem mRetry = new MenuItem("Retry");
        mRetry.setOnAction(retry.getOnAction());
        mRetry.disableProperty().bind(retry.disableProperty());
        MenuItem mResume = new MenuItem("Resume from checkpoint");
        mResume.setOnAction(resume.getOnAction());
        mResume.disableProperty().bind(resume.disableProperty());
        MenuItem mCopy = new MenuItem("Copy run folder path");
        mCopy.setOnAction(copy.getOnAction());
        mCopy.disableProperty().bind(none);
        MenuItem mAdd = new MenuItem("Add runs…");
        mAdd.setOnAction(add.getOnAction());
        table.setContextMenu(new ContextMenu(mCancel, mRetry, mResume, new SeparatorMenuItem(), mCopy,
                new SeparatorMenuItem(), mAdd));

        status.setId("queue-status");
        status.getStyleClass().add("run-queue-status");
        status.setMaxWidth(Double.MAX_VALUE);
        setTop(bar);
        setCenter(table);
        setBottom(status);
    }

    /** Replaces the rows (keeping the selection by id); call on the JavaFX thread. */
    public void setRows(List<RunRow> next) {
        String keep = selected.get() == null ? null : selected.get().id();
        rows.setAll(next);
        if (keep != null) {
            for (RunRow r : next) {
                if (r.id().equals(keep)) {
                    table.getSelectionModel().select(r);
                    selected.set(r);
                    return;
                }
            }
        }
    }

    /** The rows shown. */
    public ObservableList<RunRow> rows() {
        return FXCollections.unmodifiableObservableList(rows);
    }

    /** The run table. */
    public TableView<RunRow> table() {
        return table;
    }

    /** Selects the run with this id, if shown. */
    public void select(String id) {
        rows.stream().filter(r -> r.id().equals(id)).findFirst().ifPresent(r -> {
            table.getSelectionModel().select(r);
            selected.set(r);
        });
    }

    /** The selected run (the latest version of its row), or null. */
    public ReadOnlyObjectProperty<RunRow> selectedRunProperty() {
        return selected;
    }

    /** Whether the scheduler runs (the owner sets it; the start button follows). */
    public BooleanProperty queueRunningProperty() {
        return queueRunning;
    }

    /** Shows a message in the status line (errors in red). */
    public void showMessage(String text, boolean error) {
        status.setText(text);
        status.getStyleClass().remove("queue-error");
        if (error) {
            status.getStyleClass().add("queue-error");
        }
    }

    /** The status line's text. */
    public String message() {
        return status.getText();
    }

    /** Where the add dialog's prototype chooser starts. */
    public void setTemplatesDir(Path dir) {
        templates = dir;
    }

    /** What the "Meeting mode" button does. */
    public void setOnMeetingMode(Runnable r) {
        onMeetingMode = Objects.requireNonNull(r);
    }

    private void addDialog() {
        new AddRunsDialog(getScene() == null ? null : getScene().getWindow(), templates).showAndWait()
                .ifPresent(actions::add);
    }

    private void copyPath() {
        ClipboardContent c = new ClipboardContent();
        c.putString(selected.get().runDir());
        Clipboard.getSystemClipboard().setContent(c);
        showMessage("Copied " + selected.get().runDir(), false);
    }

    static boolean canCancel(RunRow r) {
        return r != null && r.inQueue() && r.status().cancellable();
    }

    static boolean canRetry(RunRow r) {
        return r != null && r.inQueue() && r.status().retryable();
    }

    static boolean canResume(RunRow r) {
        return canRetry(r) && r.resumable();
    }

    private static Button button(String text, String id, javafx.event.EventHandler<javafx.event.ActionEvent> h) {
        Button b = new Button(text);
        b.setId(id);
        b.setOnAction(h);
        return b;
    }

    private static TableColumn<RunRow, String> text(String title, double width,
                                                    java.util.function.Function<RunRow, String> f) {
        TableColumn<RunRow, String> c = new TableColumn<>(title);
        c.setPrefWidth(width);
        c.setCellValueFactory(d -> new SimpleStringProperty(f.apply(d.getValue())));
        return c;
    }

    private static TableColumn<RunRow, RunStatus> stateColumn() {
        TableColumn<RunRow, RunStatus> c = new TableColumn<>("State");
        c.setPrefWidth(115);
        c.setMinWidth(105);
        c.setCellValueFactory(d -> new SimpleObjectProperty<>(d.getValue().status()));
        c.setCellFactory(col -> new TableCell<>() {
            private final Label badge = new Label();

            {
                badge.getStyleClass().add("run-state-cell");
                badge.setMaxWidth(Double.MAX_VALUE);
                setGraphic(null);
            }

            @Override
            protected void updateItem(RunStatus s, boolean empty) {
                super.updateItem(s, empty);
                if (empty || s == null) {
                    setGraphic(null);
                    return;
                }
                badge.setText(s.label());
                badge.getStyleClass().removeIf(x -> x.startsWith("run-state-") && !x.equals("run-state-cell"));
                badge.getStyleClass().add(s.styleClass());
                setGraphic(badge);
            }
        });
        return c;
    }

    private static TableColumn<RunRow, Number> progressColumn() {
        TableColumn<RunRow, Number> c = new TableColumn<>("Progress");
        c.setPrefWidth(140);
        c.setCellValueFactory(d -> new SimpleObjectProperty<>(d.getValue().progress()));
        c.setCellFactory(col -> new TableCell<>() {
            private final ProgressBar bar = new ProgressBar();
            private final Label text = new Label();
            private final StackPane pane = new StackPane(bar, text);

            {
                bar.setMaxWidth(Double.MAX_VALUE);
                text.setStyle("-fx-font-size: 0.85em;");
            }

            @Override
            protected void updateItem(Number v, boolean empty) {
                super.updateItem(v, empty);
                if (empty || v == null) {
                    setGraphic(null);
                    return;
                }
                double p = v.doubleValue();
                bar.setProgress(Double.isNaN(p) ? 0 : p);
                text.setText(Double.isNaN(p) || p == 0 ? "" : RunFormat.percent(p));
                setGraphic(pane);
            }
        });
        return c;
    }
}
