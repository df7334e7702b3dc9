package org.ecgworkbench.views.browser;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.function.Consumer;

import javafx.application.Platform;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import javafx.collections.transformation.SortedList;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import org.ecgworkbench.engine.record.RecordCatalog;
import org.ecgworkbench.engine.record.RecordSummary;
import org.ecgworkbench.views.common.BackgroundJobs;

/**
 * The recording browser: a sortable table of the records in a file or folder (name, fs, duration, leads, label,
 * annotation count, warnings), filterable by label and name. A record that cannot be read shows its error in its
 * row; the others load regardless.
 */
public final class RecordBrowser extends BorderPane {

    /** The label filter's entry that shows every record. */
    public static final String ALL_LABELS = "All labels";

    /** Rows published to the table per batch while a large folder loads (keeps the FX thread responsive). */
    private static final int BATCH = 100;

    private final BackgroundJobs jobs;
    private final ObservableList<RecordSummary> rows = FXCollections.observableArrayList();
    private final FilteredList<RecordSummary> filtered = new FilteredList<>(rows, r -> true);
    private final TableView<RecordSummary> table = new TableView<>();
    private final ComboBox<String> labelFilter = new ComboBox<>();
    private final TextField nameFilter = new TextField();
    private final Label status = new Label("No records open");
    private double csvFrequency = Double.NaN;
    private Consumer<RecordSummary> onOpen = r -> { };
    private long generation;

    /** A browser that reads records with the given background jobs. */
    public RecordBrowser(BackgroundJobs jobs) {
        this.jobs = jobs;
        getStyleClass().add("record-browser");
        getStylesheets().add(RecordBrowser.class.getResource("browser.css").toExternalForm());
        table.setId("record-table");
        table.setPlaceholder(new Label("Open a record or a folder (File ▸ Open)"));
        table.getColumns().add(text("Record", 150, RecordSummary::name));
        table.getColumns().add(number("fs (Hz)", 75, r -> r.samplingFrequency(), "%.0f"));
        table.getColumns().add(number("Duration (s)", 110, RecordSummary::durationSeconds, "%.1f"));
        table.getColumns().add(number("Leads", 62, r -> r.ok() ? r.leads().size() : Double.NaN, "%.0f"));
        table.getColumns().add(text("Label", 60, RecordSummary::label));
        table.getColumns().add(number("Annotations", 115, r -> r.annotator().isEmpty() ? Double.NaN
                : r.annotations(), "%.0f"));
        table.getColumns().add(text("Warnings / error", 260, RecordBrowser::problems));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getColumns().forEach(c -> c.setMinWidth(c.getPrefWidth() * 0.8));
        SortedList<RecordSummary> sorted = new SortedList<>(filtered);
        sorted.comparatorProperty().bind(table.comparatorProperty());
        table.setItems(sorted);
        table.setRowFactory(t -> {
            TableRow<RecordSummary> row = new TableRow<>() {
                @Override
                protected void updateItem(RecordSummary item, boolean empty) {
                    super.updateItem(item, empty);
                    getStyleClass().removeAll("error-row", "warning-row");
                    setTooltip(null);
                    if (!empty && item != null) {
                        if (!item.ok()) {
                            getStyleClass().add("error-row");
                            setTooltip(new Tooltip(item.error()));
                        } else if (!item.warnings().isEmpty()) {
                            getStyleClass().add("warning-row");
                            setTooltip(new Tooltip(String.join("\n", item.warnings())));
                        }
                    }
                }
            };
            row.setOnMouseClicked(e -> {
                if (e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2 && !row.isEmpty()) {
                    open(row.getItem());
                }
            });
            return row;
        });
        table.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER && table.getSelectionModel().getSelectedItem() != null) {
                open(table.getSelectionModel().getSelectedItem());
            }
        });

        labelFilter.setId("label-filter");
        labelFilter.getItems().setAll(ALL_LABELS);
        labelFilter.getSelectionModel().select(ALL_LABELS);
        labelFilter.valueProperty().addListener((o, a, b) -> refilter());
        nameFilter.setId("name-filter");
        nameFilter.setPromptText("Filter by name");
        nameFilter.textProperty().addListener((o, a, b) -> refilter());
        HBox.setHgrow(nameFilter, Priority.ALWAYS);
        HBox bar = new HBox(8, labelFilter, nameFilter);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(6));
        status.setId("browser-status");
        status.setPadding(new Insets(4, 6, 4, 6));
        setTop(bar);
        setCenter(table);
        setBottom(status);
    }

    /** Sets the sampling frequency in Hz used for CSV files (they do not carry one); NaN lists them as errors. */
    public void setCsvFrequency(double hz) {
        csvFrequency = hz;
    }

    /** Called (on the FX thread) when the user opens a record: double-click or Enter. */
    public void setOnOpen(Consumer<RecordSummary> action) {
        onOpen = action;
    }

    /** The table (for selection and tests). */
    public TableView<RecordSummary> table() {
        return table;
    }

    /** Every row loaded, in load order, including rows with errors. */
    public ObservableList<RecordSummary> rows() {
        return rows;
    }

    /** Replaces the table with the records in a file or folder, read in the background; onLoaded runs when done. */
    public void load(Path fileOrFolder, Consumer<List<RecordSummary>> onLoaded, Consumer<Throwable> onError) {
        long gen = ++generation;
        rows.clear();
        labelFilter.getItems().setAll(ALL_LABELS);
        labelFilter.getSelectionModel().select(ALL_LABELS);
        status.setText("Reading " + fileOrFolder + " …");
        double fs = csvFrequency;
        jobs.submit("Reading " + fileOrFolder.getFileName(), progress -> {
            List<Path> files = RecordCatalog.find(fileOrFolder);
            RecordCatalog catalog = new RecordCatalog(fs);
            List<RecordSummary> all = new ArrayList<>(files.size());
            List<RecordSummary> batch = new ArrayList<>(BATCH);
            for (int i = 0; i < files.size(); i++) {
                if (Thread.currentThread().isInterrupted()) {
                    break;
                }
                RecordSummary s = catalog.summarize(files.get(i));
                all.add(s);
                batch.add(s);
                if (batch.size() == BATCH || i == files.size() - 1) {
                    List<RecordSummary> publish = List.copyOf(batch);
                    batch.clear();
                    Platform.runLater(() -> {
                        if (gen == generation) {
                            rows.addAll(publish);
                            updateLabels();
                        }
                    });
                }
                progress.update(i + 1, files.size(), files.get(i).getFileName().toString());
            }
            return all;
        }, all -> {
            if (gen == generation) {
                updateStatus();
                onLoaded.accept(all);
            }
        }, e -> {
            if (gen == generation) {
                status.setText(e.getMessage());
                onError.accept(e);
            }
        });
    }

    private void open(RecordSummary r) {
        onOpen.accept(r);
    }

    private void refilter() {
        String label = labelFilter.getValue();
        String name = nameFilter.getText() == null ? "" : nameFilter.getText().trim().toLowerCase(Locale.ROOT);
        filtered.setPredicate(r -> (label == null || label.equals(ALL_LABELS) || label.equals(r.label()))
                && (name.isEmpty() || r.name().toLowerCase(Locale.ROOT).contains(name)));
        updateStatus();
    }

    private void updateLabels() {
        TreeSet<String> labels = new TreeSet<>();
        rows.forEach(r -> {
            if (!r.label().isEmpty()) {
                labels.add(r.label());
            }
        });
        String keep = labelFilter.getValue();
        List<String> items = new ArrayList<>();
        items.add(ALL_LABELS);
        items.addAll(labels);
        if (!items.equals(labelFilter.getItems())) {
            labelFilter.getItems().setAll(items);
            labelFilter.getSelectionModel().select(items.contains(keep) ? keep : ALL_LABELS);
        }
    }

    private void updateStatus() {
        long errors = rows.stream().filter(r -> !r.ok()).count();
        status.setText(String.format(Locale.ROOT, "%d record%s%s%s", rows.size(), rows.size() == 1 ? "" : "s",
                filtered.size() == rows.size() ? "" : ", " + filtered.size() + " shown",
                errors == 0 ? "" : ", " + errors + " unreadable"));
    }

    private static String problems(RecordSummary r) {
        return r.ok() ? String.join("; ", r.warnings()) : r.error();
    }

    private static TableColumn<RecordSummary, String> text(String title, double width,
                                                           java.util.function.Function<RecordSummary, String> f) {
        TableColumn<RecordSummary, String> c = new TableColumn<>(title);
        c.setPrefWidth(width);
        c.setCellValueFactory(d -> new SimpleStringProperty(f.apply(d.getValue())));
        return c;
    }

    private static TableColumn<RecordSummary, Double> number(String title, double width,
                                                             java.util.function.ToDoubleFunction<RecordSummary> f,
                                                             String format) {
        TableColumn<RecordSummary, Double> c = new TableColumn<>(title);
        c.setPrefWidth(width);
        c.setCellValueFactory(d -> new ReadOnlyObjectWrapper<>(f.applyAsDouble(d.getValue())));
        c.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(Double v, boolean empty) {
                super.updateItem(v, empty);
                setText(empty || v == null || v.isNaN() ? "" : String.format(Locale.ROOT, format, v));
            }
        });
        c.setStyle("-fx-alignment: CENTER-RIGHT;");
        // NaN (unreadable) sorts last either way round.
        c.setComparator((a, b) -> a.isNaN() ? (b.isNaN() ? 0 : 1) : b.isNaN() ? -1 : Double.compare(a, b));
        return c;
    }
}
