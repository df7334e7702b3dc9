package org.ecgworkbench.views.runs;

import java.util.List;
import java.util.Locale;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.geometry.HPos;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.geometry.VPos;
import javafx.scene.control.Label;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.Background;
import javafx.scene.layout.BackgroundFill;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.RowConstraints;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.paint.CycleMethod;
import javafx.scene.paint.LinearGradient;
import javafx.scene.paint.Stop;

/**
 * A confusion matrix as a heat map: reference classes down, predicted classes across, each cell coloured by its
 * count (scaled to the largest) or by its share of the row (row-normalised: recall on the diagonal), with the
 * class labels, row totals and a colour scale. Drawn with plain layout nodes rather than a chart library: none of
 * ChartFX's or TilesFX's charts labels a small categorical matrix cell by cell.
 */
public final class ConfusionHeatMap extends BorderPane {

    /** ColorBrewer "Blues": sequential, prints and projects well, and reads for the colour blind. */
    private static final Color[] SCALE = {Color.web("#f7fbff"), Color.web("#c6dbef"), Color.web("#6baed6"),
            Color.web("#2171b5"), Color.web("#08306b")};

    private final BooleanProperty normalised = new SimpleBooleanProperty(this, "normalised", false);
    private final GridPane grid = new GridPane();
    private final Label title = new Label("Confusion matrix");
    private final Label legendMax = new Label();
    private final Label legendMin = new Label("0");
    private final Label empty = new Label("No epoch finished yet");
    private Label[][] cells = new Label[0][0];
    private ConfusionData data;

    /** An empty heat map showing counts. */
    public ConfusionHeatMap() {
        setId("confusion-heatmap");
        getStyleClass().add("confusion-heatmap");
        getStylesheets().add(RunDashboard.css());
        title.getStyleClass().add("heatmap-title");
        ToggleGroup mode = new ToggleGroup();
        ToggleButton counts = new ToggleButton("Counts");
        counts.setId("heatmap-counts");
        ToggleButton rows = new ToggleButton("Row %");
        rows.setId("heatmap-normalised");
        counts.setToggleGroup(mode);
        rows.setToggleGroup(mode);
        counts.setSelected(true);
        mode.selectedToggleProperty().addListener((o, a, b) -> {
            if (b == null) {
                a.setSelected(true); // one of the two is always on
            } else {
                normalised.set(b == rows);
            }
        });
        normalised.addListener((o, a, b) -> (b ? rows : counts).setSelected(true));
        normalised.addListener((o, a, b) -> refresh());
        // the switch goes under the title when the map is narrow (large type in meeting mode)
        HBox toggles = new HBox(4, counts, rows);
        toggles.setAlignment(Pos.CENTER_RIGHT);
        title.setMinWidth(Region.USE_PREF_SIZE);
        FlowPane top = new FlowPane(12, 6, title, toggles);
        top.setAlignment(Pos.CENTER_LEFT);
        top.setPadding(new Insets(0, 0, 8, 0));
        top.prefWrapLengthProperty().bind(widthProperty());
        setTop(top);

        Region bar = new Region();
        bar.getStyleClass().add("heatmap-legend-bar");
        bar.setBackground(new Background(new BackgroundFill(legendGradient(), null, null)));
        bar.setMinWidth(14);
        bar.setPrefWidth(14);
        VBox.setVgrow(bar, Priority.ALWAYS);
        bar.setMaxHeight(Double.MAX_VALUE);
        VBox legend = new VBox(4, legendMax, bar, legendMin);
        legend.getStyleClass().add("heatmap-legend");
        legend.setAlignment(Pos.CENTER);
        legend.setPadding(new Insets(28, 0, 28, 10));
        setRight(legend);

        grid.getStyleClass().add("heatmap-grid");
        grid.setHgap(2);
        grid.setVgap(2);
        empty.getStyleClass().add("heatmap-empty");
        setCenter(empty);
        setMinSize(260, 220);
    }

    /** Whether cells show each row's shares (true) or raw counts (false). */
    public BooleanProperty normalisedProperty() {
        return normalised;
    }

    /** The matrix shown, or null. */
    public ConfusionData data() {
        return data;
    }

    /** Shows a matrix (null: the "no epoch yet" placeholder); call on the JavaFX thread. */
    public void setData(ConfusionData d) {
        if (d != null && d.equals(data)) {
            return;
        }
        boolean sameShape = d != null && data != null && d.classes().equals(data.classes());
        data = d;
        if (d == null) {
            title.setText("Confusion matrix");
            setCenter(empty);
            return;
        }
        if (!sameShape) {
            build(d.classes());
        }
        title.setText("Confusion · epoch " + d.epoch());
        setCenter(grid);
        refresh();
    }

    /** The text of cell (reference row, predicted column), e.g. "202" or "83 %" (for tests and exports). */
    public String cellText(int row, int column) {
        return cells[row][column].getText();
    }

    /** The fill of cell (row, column). */
    public Color cellColor(int row, int column) {
        return (Color) cells[row][column].getBackground().getFills().get(0).getFill();
    }

    /** The scale colour of a value 0..1 (piecewise linear through the scale's stops). */
    public static Color colour(double t) {
        double x = Math.max(0, Math.min(1, Double.isNaN(t) ? 0 : t)) * (SCALE.length - 1);
        int i = Math.min(SCALE.length - 2, (int) Math.floor(x));
        return SCALE[i].interpolate(SCALE[i + 1], x - i);
    }

    private static LinearGradient legendGradient() {
        Stop[] stops = new Stop[SCALE.length];
        for (int i = 0; i < SCALE.length; i++) {
            // top is the maximum
            stops[i] = new Stop(1 - i / (double) (SCALE.length - 1), SCALE[i]);
        }
        return new LinearGradient(0, 0, 0, 1, true, CycleMethod.NO_CYCLE, stops);
    }

    private void build(List<String> classes) {
        int n = classes.size();
        grid.getChildren().clear();
        grid.getColumnConstraints().clear();
        grid.getRowConstraints().clear();
        // col 0: "reference" caption; col 1: row labels; 2..n+1 cells; n+2 totals. Rows: 0 caption, 1 labels.
        grid.getColumnConstraints().add(fixedColumn());
        grid.getColumnConstraints().add(fixedColumn());
        for (int j = 0; j < n; j++) {
            ColumnConstraints c = new ColumnConstraints(36, 80, Double.MAX_VALUE);
            c.setHgrow(Priority.ALWAYS);
            c.setHalignment(HPos.CENTER);
            c.setFillWidth(true);
            grid.getColumnConstraints().add(c);
        }
        grid.getColumnConstraints().add(fixedColumn());
        grid.getRowConstraints().add(new RowConstraints());
        grid.getRowConstraints().add(new RowConstraints());
        for (int i = 0; i < n; i++) {
            RowConstraints r = new RowConstraints(28, 60, Double.MAX_VALUE);
            r.setVgrow(Priority.ALWAYS);
            r.setValignment(VPos.CENTER);
            r.setFillHeight(true);
            grid.getRowConstraints().add(r);
        }
        Label predicted = axisLabel("predicted");
        grid.add(predicted, 2, 0, n, 1);
        GridPane.setHalignment(predicted, HPos.CENTER);
        Label reference = axisLabel("reference");
        reference.setRotate(-90);
        grid.add(new javafx.scene.Group(reference), 0, 2, 1, n);
        Label total = axisLabel("n");
        grid.add(total, n + 2, 1);
        GridPane.setHalignment(total, HPos.CENTER);
        cells = new Label[n][n];
        for (int j = 0; j < n; j++) {
            Label l = classLabel(classes.get(j));
            grid.add(l, j + 2, 1);
            GridPane.setHalignment(l, HPos.CENTER);
        }
        for (int i = 0; i < n; i++) {
            Label l = classLabel(classes.get(i));
            grid.add(l, 1, i + 2);
            GridPane.setHalignment(l, HPos.RIGHT);
            for (int j = 0; j < n; j++) {
                Label c = new Label();
                c.getStyleClass().add("heatmap-cell");
                if (i == j) {
                    c.getStyleClass().add("heatmap-diagonal");
                }
                c.setMaxSize(Double.MAX_VALUE, Double.MAX_VALUE);
                c.setAlignment(Pos.CENTER);
                cells[i][j] = c;
                grid.add(c, j + 2, i + 2);
            }
            Label t = new Label();
            t.getStyleClass().add("heatmap-total");
            t.setMinWidth(Region.USE_PREF_SIZE);
            t.setPadding(new Insets(0, 0, 0, 6));
            grid.add(t, n + 2, i + 2);
        }
    }

    private static ColumnConstraints fixedColumn() {
        ColumnConstraints c = new ColumnConstraints();
        c.setHgrow(Priority.NEVER);
        return c;
    }

    private static Label axisLabel(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("heatmap-axis");
        return l;
    }

    private static Label classLabel(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("heatmap-class");
        l.setPadding(new Insets(0, 6, 0, 6));
        return l;
    }

    private void refresh() {
        if (data == null) {
            return;
        }
        int n = data.classes().size();
        double[][] share = data.rowNormalised();
        long max = Math.max(1, data.maxCount());
        boolean rows = normalised.get();
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double t = rows ? share[i][j] : data.counts()[i][j] / (double) max;
                Label c = cells[i][j];
                c.setText(rows ? String.format(Locale.ROOT, "%.0f %%", share[i][j] * 100)
                        : Long.toString(data.counts()[i][j]));
                Color fill = colour(t);
                c.setBackground(new Background(new BackgroundFill(fill, null, null)));
                // dark text on light cells, white on dark ones (relative luminance)
                double lum = 0.2126 * fill.getRed() + 0.7152 * fill.getGreen() + 0.0722 * fill.getBlue();
                c.getStyleClass().removeAll("on-light", "on-dark");
                c.getStyleClass().add(lum > 0.55 ? "on-light" : "on-dark");
            }
            Label t = (Label) grid.getChildren().stream()
                    .filter(x -> x.getStyleClass().contains("heatmap-total"))
                    .skip(i).findFirst().orElseThrow();
            t.setText(Long.toString(data.rowTotal(i)));
        }
        legendMax.setText(rows ? "100 %" : Long.toString(data.maxCount()));
    }
}
