package org.ecgworkbench.views.runs;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import eu.hansolo.tilesfx.Tile;
import eu.hansolo.tilesfx.TileBuilder;
import eu.hansolo.tilesfx.chart.TilesFXSeries;
import eu.hansolo.tilesfx.skins.BarChartItem;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.RowConstraints;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.stage.FileChooser;
import org.ecgworkbench.views.common.Snapshots;

/**
 * The live dashboard of one run: TilesFX tiles for the loss (train and validation), the CinC score, F1 per class,
 * accuracy, epoch and ETA, training throughput and the device, next to the latest confusion matrix as a heat map.
 * A second tab holds the DL4J UI (histograms), which the application plugs in with {@link #setStatsView}.
 */
public final class RunDashboard extends BorderPane {

    /** Series colours: train blue, validation orange (the Okabe–Ito pair, distinguishable for the colour blind). */
    static final Color TRAIN = Color.web("#56b4e9");
    static final Color VAL = Color.web("#e69f00");
    private static final Color[] CLASS_COLOURS = {Color.web("#e69f00"), Color.web("#56b4e9"), Color.web("#009e73"),
            Color.web("#cc79a7"), Color.web("#f0e442"), Color.web("#0072b2"), Color.web("#d55e00")};

    private final Label name = new Label("No run selected");
    private final Label state = new Label();
    private final Label subtitle = new Label("Select a run in the queue");
    private final XYChart.Series<String, Number> trainLoss = new XYChart.Series<>();
    private final XYChart.Series<String, Number> valLoss = new XYChart.Series<>();
    private final XYChart.Series<String, Number> score = new XYChart.Series<>();
    private final Tile lossTile;
    private final Tile scoreTile;
    private Tile f1Tile;
    private final Tile accuracyTile;
    private final Tile epochTile;
    private final Tile throughputTile;
    private final Tile deviceTile;
    private final Label epochValue = new Label("–");
    private final Label etaValue = new Label();
    private final ProgressBar epochBar = new ProgressBar(0);
    private final Label deviceKind = new Label("–");
    private final Label deviceDetail = new Label();
    private final ConfusionHeatMap heatMap = new ConfusionHeatMap();
    private final GridPane board = new GridPane();
    private final StackPane statsSlot = new StackPane();
    private final Tab statsTab;
    private final TabPane tabs;
    private RunSnapshot snapshot;

    /** An empty dashboard; {@link #show} fills it. */
    public RunDashboard() {
        setId("run-dashboard");
        getStyleClass().add("run-dashboard");
        getStylesheets().add(css());

        trainLoss.setName("train");
        valLoss.setName("validation");
        score.setName("CinC score");
        lossTile = TileBuilder.create().skinType(Tile.SkinType.SMOOTHED_CHART).title("Loss")
                .chartType(Tile.ChartType.LINE).smoothing(false).animated(false).decimals(2).tickLabelDecimals(2)
                .tilesFxSeries(new TilesFXSeries<>(trainLoss, TRAIN), new TilesFXSeries<>(valLoss, VAL))
                .build();
        scoreTile = TileBuilder.create().skinType(Tile.SkinType.SMOOTHED_CHART).title("CinC score (validation)")
                .chartType(Tile.ChartType.AREA).smoothing(false).animated(false).decimals(3).tickLabelDecimals(2)
                .tilesFxSeries(new TilesFXSeries<>(score, Tile.GREEN, Color.color(0.18, 0.8, 0.44, 0.25)))
                .build();
        f1Tile = f1Tile();
        accuracyTile = TileBuilder.create().skinType(Tile.SkinType.CIRCULAR_PROGRESS).title("Accuracy (validation)")
                .decimals(1).maxValue(1).valueVisible(false).animated(false).barColor(Tile.BLUE).build();
        epochValue.getStyleClass().add("tile-big-value");
        etaValue.getStyleClass().add("tile-small-value");
        epochBar.setMaxWidth(Double.MAX_VALUE);
        epochBar.getStyleClass().add("tile-progress");
        VBox epochBox = new VBox(10, epochValue, epochBar, etaValue);
        epochBox.setAlignment(Pos.CENTER);
        epochTile = TileBuilder.create().skinType(Tile.SkinType.CUSTOM).title("Epoch").graphic(epochBox)
                .animated(false).build();
        throughputTile = TileBuilder.create().skinType(Tile.SkinType.NUMBER).title("Throughput")
                .unit("samples/s").decimals(0).animated(false).build();
        deviceKind.getStyleClass().add("tile-mid-value");
        deviceDetail.getStyleClass().add("tile-small-value");
        deviceDetail.setWrapText(true);
        deviceKind.setWrapText(true);
        VBox deviceBox = new VBox(10, deviceKind, deviceDetail);
        deviceBox.setAlignment(Pos.CENTER_LEFT);
        deviceTile = TileBuilder.create().skinType(Tile.SkinType.CUSTOM).title("Device").graphic(deviceBox)
                .animated(false).build();
        sceneProperty().addListener((o, a, b) -> javafx.application.Platform.runLater(this::legends));
        lossTile.setId("tile-loss");
        scoreTile.setId("tile-score");
        accuracyTile.setId("tile-accuracy");
        epochTile.setId("tile-epoch");
        throughputTile.setId("tile-throughput");
        deviceTile.setId("tile-device");

        board.getStyleClass().add("dashboard-board");
        board.setHgap(8);
        board.setVgap(8);
        board.setPadding(new Insets(8));
        for (int c = 0; c < 6; c++) {
            ColumnConstraints cc = new ColumnConstraints(150, 220, Double.MAX_VALUE);
            cc.setHgrow(Priority.ALWAYS);
            cc.setPercentWidth(100.0 / 6);
            board.getColumnConstraints().add(cc);
        }
        for (int r = 0; r < 2; r++) {
            RowConstraints rc = new RowConstraints(180, 250, Double.MAX_VALUE);
            rc.setVgrow(Priority.ALWAYS);
            board.getRowConstraints().add(rc);
        }
        StackPane heatPanel = new StackPane(heatMap);
        heatPanel.getStyleClass().add("dashboard-panel");
        heatPanel.setPadding(new Insets(12));
        for (Region r : List.of(lossTile, scoreTile, f1Tile, accuracyTile, epochTile, throughputTile, deviceTile,
                heatPanel)) {
            r.setMaxSize(Double.MAX_VALUE, Double.MAX_VALUE);
            r.setMinSize(140, 160);
        }
        for (Region r : List.of(lossTile, scoreTile, accuracyTile, epochTile, throughputTile, deviceTile, heatPanel)) {
            exportMenu(r);
        }
        board.add(lossTile, 0, 0, 2, 1);
        board.add(scoreTile, 2, 0);
        board.add(f1Tile, 3, 0);
        board.add(accuracyTile, 0, 1);
        board.add(epochTile, 1, 1);
        board.add(throughputTile, 2, 1);
        board.add(deviceTile, 3, 1);
        board.add(heatPanel, 4, 0, 2, 2);

        name.getStyleClass().add("dashboard-name");
        state.getStyleClass().add("run-state-badge");
        subtitle.getStyleClass().add("dashboard-subtitle");
        Button export = new Button("Export PNG…");
        export.setId("dashboard-export");
        export.setOnAction(e -> exportPng(board));
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        VBox titles = new VBox(2, new HBox(10, name, state), subtitle);
        ((HBox) titles.getChildren().get(0)).setAlignment(Pos.CENTER_LEFT);
        HBox header = new HBox(10, titles, spacer, export);
        header.setAlignment(Pos.CENTER_LEFT);
        header.getStyleClass().add("dashboard-header");
        header.setPadding(new Insets(8, 12, 4, 12));

        Label statsPlaceholder = new Label("The DL4J training UI (weight and gradient histograms) appears here.");
        statsPlaceholder.getStyleClass().add("dashboard-subtitle");
        statsSlot.getChildren().add(statsPlaceholder);
        statsSlot.setId("dashboard-stats");
        Tab main = new Tab("Dashboard", board);
        statsTab = new Tab("Histograms (DL4J UI)", statsSlot);
        tabs = new TabPane(main, statsTab);
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        tabs.getStyleClass().add("dashboard-tabs");
        setTop(header);
        setCenter(tabs);
        show(null);
    }

    /** The stylesheet of the run views. */
    static String css() {
        return RunDashboard.class.getResource("runs.css").toExternalForm();
    }

    /** Puts the DL4J UI (or any statistics view) into the "Histograms (DL4J UI)" tab; call on the JavaFX thread. */
    public void setStatsView(Node node) {
        statsSlot.getChildren().setAll(node);
    }

    /** Hides the tab strip and the statistics tab (meeting mode shows the tiles only). */
    public void setTilesOnly(boolean tilesOnly) {
        if (tilesOnly) {
            setCenter(board);
        } else {
            tabs.getTabs().get(0).setContent(board);
            setCenter(tabs);
        }
    }

    /** The heat map of the latest confusion matrix. */
    public ConfusionHeatMap heatMap() {
        return heatMap;
    }

    /** The snapshot shown, or null. */
    public RunSnapshot snapshot() {
        return snapshot;
    }

    /** The tiles and heat map (what "Export PNG" writes). */
    public Node board() {
        return board;
    }

    /** Shows a run (null: an empty dashboard); call on the JavaFX thread, as often as the data changes. */
    public void show(RunSnapshot s) {
        RunSnapshot before = snapshot;
        snapshot = s;
        if (s == null) {
            name.setText("No run selected");
            state.setVisible(false);
            subtitle.setText("Select a run in the queue, or start one");
            setPoints(List.of());
            heatMap.setData(null);
            epochValue.setText("–");
            etaValue.setText("");
            epochBar.setProgress(0);
            setDevice("");
            return;
        }
        RunRow r = s.row();
        name.setText(r.name());
        state.setVisible(true);
        state.setText(r.status().label());
        state.getStyleClass().removeIf(c -> c.startsWith("run-state-") && !c.equals("run-state-badge"));
        state.getStyleClass().add(r.status().styleClass());
        subtitle.setText(r.id() + " · " + r.prototype() + " · " + r.dataset()
                + (r.where().isEmpty() ? "" : " · " + r.where()));
        if (before == null || !before.points().equals(s.points()) || !before.row().id().equals(r.id())) {
            setPoints(s.points());
        }
        heatMap.setData(s.confusion());
        legends(); // the charts exist once the tiles' skins do (after the first CSS pass)
        epochValue.setText(r.epochText());
        epochBar.setProgress(Double.isNaN(r.progress()) ? 0 : r.progress());
        etaValue.setText(switch (r.status()) {
            case RUNNING -> "ETA " + RunFormat.duration(r.etaSeconds());
            case DONE -> "finished";
            default -> r.status().label();
        });
        setDevice(s.device());
        EpochPoint best = s.best();
        scoreTile.setDescription(best == null ? "" : String.format(Locale.ROOT, "best %.3f @ epoch %d",
                Double.isNaN(best.score()) ? best.accuracy() : best.score(), best.epoch()));
    }

    /** First line large (e.g. "CPU · OPENBLAS · 2 threads"), the rest (binary, slot) small. */
    private void setDevice(String text) {
        String[] lines = text.split("\n", 2);
        deviceKind.setText(text.isEmpty() ? "–" : lines[0]);
        deviceDetail.setText(lines.length > 1 ? lines[1] : "");
    }

    /** The device text shown, lines joined by newlines. */
    public String deviceText() {
        return deviceDetail.getText().isEmpty() ? deviceKind.getText()
                : deviceKind.getText() + "\n" + deviceDetail.getText();
    }

    private void setPoints(List<EpochPoint> points) {
        List<XYChart.Data<String, Number>> t = new ArrayList<>();
        List<XYChart.Data<String, Number>> v = new ArrayList<>();
        List<XYChart.Data<String, Number>> sc = new ArrayList<>();
        for (EpochPoint p : points) {
            String x = Integer.toString(p.epoch());
            t.add(new XYChart.Data<>(x, p.trainLoss()));
            if (!Double.isNaN(p.valLoss())) {
                v.add(new XYChart.Data<>(x, p.valLoss()));
            }
            if (!Double.isNaN(p.score())) {
                sc.add(new XYChart.Data<>(x, p.score()));
            }
        }
        // TilesFX's smoothing needs 3 points (it throws with fewer): off before the data shrinks, on after it grew
        if (t.size() < 3 || sc.size() < 3) {
            lossTile.setSmoothing(false);
            scoreTile.setSmoothing(false);
        }
        trainLoss.getData().setAll(t);
        valLoss.getData().setAll(v);
        score.getData().setAll(sc);
        lossTile.setSmoothing(t.size() >= 3 && v.size() >= 3);
        scoreTile.setSmoothing(sc.size() >= 3);
        EpochPoint last = points.isEmpty() ? null : points.get(points.size() - 1);
        lossTile.setDescription(last == null ? "" : String.format(Locale.ROOT, "train %.3f · val %.3f",
                last.trainLoss(), last.valLoss()));
        legends();
        scoreTile.setValue(last == null || Double.isNaN(last.score()) ? 0 : last.score());
        accuracyTile.setValue(last == null ? 0 : last.accuracy());
        throughputTile.setValue(last == null || Double.isNaN(last.samplesPerSecond()) ? 0 : last.samplesPerSecond());
        throughputTile.setDescription(last == null ? "" : "epoch " + last.epoch() + " took "
                + RunFormat.duration(last.seconds()));
        setF1(last == null ? Map.of() : last.f1());
    }

    // TilesFX's smoothed chart is a JavaFX XYChart: the loss needs its legend (two series), the score none.
    private void legends() {
        if (lossTile.lookup(".chart") instanceof XYChart<?, ?> c) {
            c.setLegendVisible(true);
            c.setLegendSide(javafx.geometry.Side.TOP);
        }
        if (scoreTile.lookup(".chart") instanceof XYChart<?, ?> c) {
            c.setLegendVisible(false);
        }
    }

    // TilesFX's bar chart skin does not drop removed items from its pane: keep one item per class and change its
    // value; a different set of classes gets a new tile.
    private void setF1(Map<String, Double> f1) {
        List<String> names = f1Tile.getBarChartItems().stream().map(BarChartItem::getName).toList();
        if (!names.equals(new ArrayList<>(f1.keySet())) && !(f1.isEmpty() && !names.isEmpty())) {
            Tile next = f1Tile();
            board.getChildren().remove(f1Tile);
            board.add(next, 3, 0);
            f1Tile = next;
            int k = 0;
            List<BarChartItem> items = new ArrayList<>();
            for (Map.Entry<String, Double> e : f1.entrySet()) {
                BarChartItem b = new BarChartItem(e.getKey(), e.getValue(), CLASS_COLOURS[k++ % CLASS_COLOURS.length]);
                b.setFormatString("%.2f");
                items.add(b);
            }
            f1Tile.setBarChartItems(items);
            return;
        }
        for (BarChartItem b : f1Tile.getBarChartItems()) {
            b.setValue(f1.getOrDefault(b.getName(), 0.0));
        }
    }

    /** Right click on node: "Export PNG…" of that plot alone. */
    static void exportMenu(Node node) {
        node.setOnContextMenuRequested(e -> {
            javafx.scene.control.MenuItem item = new javafx.scene.control.MenuItem("Export PNG…");
            item.setOnAction(a -> exportPng(node));
            new javafx.scene.control.ContextMenu(item).show(node, e.getScreenX(), e.getScreenY());
            e.consume();
        });
    }

    private static Tile f1Tile() {
        Tile t = TileBuilder.create().skinType(Tile.SkinType.BAR_CHART).title("F1 per class").maxValue(1)
                .decimals(2).animated(false).build();
        t.setId("tile-f1");
        t.setMaxSize(Double.MAX_VALUE, Double.MAX_VALUE);
        t.setMinSize(140, 160);
        exportMenu(t);
        return t;
    }

    /** The F1 bars shown: class name to value. */
    public Map<String, Double> f1Shown() {
        Map<String, Double> m = new java.util.LinkedHashMap<>();
        f1Tile.getBarChartItems().forEach(b -> m.put(b.getName(), b.getValue()));
        return m;
    }

    /** Asks for a file and writes node there as PNG. */
    static void exportPng(Node node) {
        FileChooser fc = new FileChooser();
        fc.setTitle("Export as PNG");
        fc.getExtensionFilters().add(new FileChooser.ExtensionFilter("PNG image", "*.png"));
        fc.setInitialFileName((node.getId() == null ? "dashboard" : node.getId()) + ".png");
        java.io.File f = fc.showSaveDialog(node.getScene() == null ? null : node.getScene().getWindow());
        if (f == null) {
            return;
        }
        Path p = f.toPath();
        if (!p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".png")) {
            p = p.resolveSibling(p.getFileName() + ".png");
        }
        try {
            Snapshots.savePng(node, p);
        } catch (IOException e) {
            new javafx.scene.control.Alert(javafx.scene.control.Alert.AlertType.ERROR,
                    "Could not write " + p + ": " + e.getMessage()).show();
        }
    }
}
