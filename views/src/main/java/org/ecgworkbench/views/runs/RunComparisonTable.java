package org.ecgworkbench.views.runs;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.ToDoubleFunction;

import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.SortedList;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.BorderPane;

/**
 * Runs side by side: their hyper-parameters (from each run's prototype) against their best validation results,
 * sortable by any column; numbers sort as numbers (0.0005 before 0.001), text as text, blanks last.
 */
public final class RunComparisonTable extends BorderPane {

    private final ObservableList<RunSnapshot> runs = FXCollections.observableArrayList();
    private final SortedList<RunSnapshot> sorted = new SortedList<>(runs);
    private final TableView<RunSnapshot> table = new TableView<>(sorted);
    private List<String> keys = List.of();
    private double fontSize = javafx.scene.text.Font.getDefault().getSize();

    /** An empty table. */
    public RunComparisonTable() {
        getStyleClass().add("run-comparison");
        getStylesheets().add(RunDashboard.css());
        table.setId("run-compare");
        table.setPlaceholder(new Label("No runs to compare yet"));
        table.setColumnResizePolicy(TableView.UNCONSTRAINED_RESIZE_POLICY);
        sorted.comparatorProperty().bind(table.comparatorProperty());
        rebuildColumns();
        setCenter(table);
    }

    /** Shows these runs (the columns follow the union of their hyper-parameter names); call on the FX thread. */
    public void setRuns(List<RunSnapshot> next) {
        Set<String> k = new LinkedHashSet<>();
        for (RunSnapshot s : next) {
            k.addAll(s.hyperParameters().keySet());
        }
        List<String> nextKeys = new ArrayList<>(k);
        if (!nextKeys.equals(keys)) {
            keys = nextKeys;
            rebuildColumns();
        }
        runs.setAll(next);
        fitColumns();
    }

    // Column widths from the longest text (header or value): a wide table scrolls rather than cutting every cell.
    private void fitColumns() {
        double em = fontSize * 0.6;
        for (TableColumn<RunSnapshot, ?> c : table.getColumns()) {
            int chars = c.getText().length() + 2;
            for (RunSnapshot s : runs) {
                Object v = c.getCellData(s);
                String t = v instanceof Double d ? RunFormat.number(d, 3) : String.valueOf(v);
                chars = Math.max(chars, t.length());
            }
            c.setPrefWidth(Math.min(320, chars * em + 24));
        }
    }

    /** The type size its cells are shown at, px (column widths follow it); meeting mode sets its large type. */
    public void setFontSize(double px) {
        fontSize = px;
        fitColumns();
    }

    /** The table (rows in their sorted order). */
    public TableView<RunSnapshot> table() {
        return table;
    }

    /** The column titled title, or null. */
    public TableColumn<RunSnapshot, ?> column(String title) {
        return table.getColumns().stream().filter(c -> c.getText().equals(title)).findFirst().orElse(null);
    }

    /** Sorts by the column titled title, ascending or descending. */
    public void sortBy(String title, boolean ascending) {
        TableColumn<RunSnapshot, ?> c = column(title);
        if (c == null) {
            throw new IllegalArgumentException("no column " + title);
        }
        c.setSortType(ascending ? TableColumn.SortType.ASCENDING : TableColumn.SortType.DESCENDING);
        table.getSortOrder().setAll(List.of(c));
        table.sort();
    }

    /** Numbers by value, before text; text case-insensitively; blank and "–" last. */
    public static int compareValues(String a, String b) {
        boolean ba = blank(a);
        boolean bb = blank(b);
        if (ba || bb) {
            return Boolean.compare(ba, bb);
        }
        Double x = number(a);
        Double y = number(b);
        if (x != null && y != null) {
            return Double.compare(x, y);
        }
        if (x != null || y != null) {
            return x != null ? -1 : 1;
        }
        return String.CASE_INSENSITIVE_ORDER.compare(a, b);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank() || s.equals("–");
    }

    private static Double number(String s) {
        try {
            return Double.parseDouble(s.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private void rebuildColumns() {
        List<TableColumn<RunSnapshot, ?>> cols = new ArrayList<>();
        cols.add(text("Run", s -> s.row().name()));
        cols.add(text("State", s -> s.row().status().label()));
        cols.add(number("Best score", 3, s -> {
            EpochPoint b = s.best();
            return b == null ? Double.NaN : Double.isNaN(b.score()) ? b.accuracy() : b.score();
        }));
        cols.add(number("Best epoch", 0, s -> s.best() == null ? Double.NaN : s.best().epoch()));
        cols.add(number("Accuracy", 3, s -> s.best() == null ? Double.NaN : s.best().accuracy()));
        cols.add(number("Min val loss", 3, s -> s.points().stream().mapToDouble(EpochPoint::valLoss)
                .filter(v -> !Double.isNaN(v)).min().orElse(Double.NaN)));
        cols.add(text("Epochs", s -> s.row().epochText()));
        for (String k : keys) {
            cols.add(text(k, s -> s.hyperParameters().getOrDefault(k, "")));
        }
        // keep the user's sort across new columns; at first, best runs on top
        TableColumn<RunSnapshot, ?> was = table.getSortOrder().isEmpty() ? null : table.getSortOrder().get(0);
        String by = was == null ? "Best score" : was.getText();
        TableColumn.SortType type = was == null ? TableColumn.SortType.DESCENDING : was.getSortType();
        table.getSortOrder().clear();
        table.getColumns().setAll(cols);
        cols.stream().filter(c -> c.getText().equals(by)).findFirst().ifPresent(c -> {
            c.setSortType(type);
            table.getSortOrder().setAll(List.of(c));
        });
    }

    private static TableColumn<RunSnapshot, String> text(String title,
                                                       java.util.function.Function<RunSnapshot, String> f) {
        TableColumn<RunSnapshot, String> c = new TableColumn<>(title);
        c.setCellValueFactory(d -> new SimpleStringProperty(f.apply(d.getValue())));
        c.setComparator(RunComparisonTable::compareValues);
        return c;
    }

    private static TableColumn<RunSnapshot, Double> number(String title, int decimals, ToDoubleFunction<RunSnapshot> f) {
        TableColumn<RunSnapshot, Double> c = new TableColumn<>(title);
        c.setCellValueFactory(d -> new SimpleObjectProperty<>(f.applyAsDouble(d.getValue())));
        // runs without an epoch (NaN) last in either direction: the table reverses the comparator for descending
        c.setComparator((a, b) -> {
            if (a.isNaN() || b.isNaN()) {
                int last = Boolean.compare(a.isNaN(), b.isNaN());
                return c.getSortType() == TableColumn.SortType.DESCENDING ? -last : last;
            }
            return Double.compare(a, b);
        });
        c.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(Double v, boolean empty) {
                super.updateItem(v, empty);
                setText(empty || v == null ? null : RunFormat.number(v, decimals));
            }
        });
        c.setStyle("-fx-alignment: center-right;");
        return c;
    }
}
