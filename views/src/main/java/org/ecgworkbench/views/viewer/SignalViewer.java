package org.ecgworkbench.views.viewer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.Separator;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Rectangle;
import javafx.stage.Screen;
import org.ecgworkbench.engine.dataset.RhythmEpisode;
import org.ecgworkbench.engine.filter.Filtfilt;
import org.ecgworkbench.engine.qrs.PanTompkins;
import org.ecgworkbench.engine.qrs.QrsDetection;
import org.ecgworkbench.engine.record.Annotation;
import org.ecgworkbench.engine.record.Record;
import org.ecgworkbench.engine.record.Records;
import org.ecgworkbench.views.common.BackgroundJobs;
import org.ecgworkbench.views.common.WorkbenchPreferences;
import org.ecgworkbench.views.common.WorkbenchPreferences.Theme;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The signal viewer: a record's leads on ECG paper (25 mm/s, 10 mm/mV, calibrated to the screen), the Pan-Tompkins
 * stages with their thresholds, detected R peaks, reference beat annotations, rhythm bands and the heart rate, with
 * zoom, pan, jump-to-time, an overview of the whole record and a Butterworth filter preview.
 *
 * <p>Mouse: wheel zooms about the pointer; drag pans; shift-drag (or right-drag) a box to zoom to it; click or drag the
 * overview to move there. Keys: ← → pan a tenth, Page Up/Down a window, + − zoom, Home/End. Reading, filtering and QRS
 * detection run in {@link BackgroundJobs}; the stage toggles come alive when detection is done.
 */
public final class SignalViewer extends BorderPane {

    /** Ids of the Pan-Tompkins stage lanes, in drawing order. */
    public static final List<String> STAGES = List.of("bandpassed", "derivative", "squared", "integrated");

    private final BackgroundJobs jobs;
    private final WorkbenchPreferences prefs;
    private final TimeWindow window = new TimeWindow();
    private final TracePlot plot = new TracePlot(window);
    private final OverviewStrip overview;
    private final FilterPreview filterPanel = new FilterPreview();
    private final VBox exportArea;
    private final Rectangle zoomBox = new Rectangle();
    private final Label recordLabel = new Label("No record");
    private final Label calibration = new Label();
    private final Label status = new Label();
    private final ProgressIndicator busy = new ProgressIndicator();
    private final Label readout = new Label(" ");
    private final TextField jump = new TextField();
    private final ToggleButton paperSpeed = new ToggleButton("25 mm/s");
    private final Map<String, ToggleButton> stageToggles = new LinkedHashMap<>();
    private final ToggleButton rPeaksToggle = toggle("R peaks", "show-rpeaks", true);
    private final ToggleButton annotationsToggle = toggle("Annotations", "show-annotations", true);
    private final ToggleButton rhythmToggle = toggle("Rhythm", "show-rhythm", true);
    private final ToggleButton hrToggle = toggle("Heart rate", "show-hr", true);
    private final ToggleButton filterToggle = toggle("Filter…", "filter-preview", false);
    private final ReadOnlyBooleanWrapper tracesReady = new ReadOnlyBooleanWrapper(this, "tracesReady");
    private final ReadOnlyBooleanWrapper stagesReady = new ReadOnlyBooleanWrapper(this, "stagesReady");
    private final ReadOnlyBooleanWrapper filterReady = new ReadOnlyBooleanWrapper(this, "filterReady");

    private Record record;
    private int generation;
    private List<Track> leads = List.of();
    private List<Track> filtered = List.of();
    private Map<String, Track> stages = Map.of();
    private QrsDetection detection;
    private int detectionLead;
    private HeartRate heartRate;
    private List<RhythmEpisode> episodes = List.of();
    private Prepared prepared;
    private FilterDesign applied;
    private double dragX = Double.NaN;
    private double boxX = Double.NaN;

    /** A viewer running its background work on jobs and following prefs (units, grid, theme). */
    public SignalViewer(BackgroundJobs jobs, WorkbenchPreferences prefs) {
        this.jobs = jobs;
        this.prefs = prefs;
        setId("signal-viewer");
        getStyleClass().add("signal-viewer");
        getStylesheets().add(SignalViewer.class.getResource("viewer.css").toExternalForm());
        plot.pxPerMm = screenPixelsPerMm();
        plot.setId("viewer-plot");
        overview = new OverviewStrip(window, plot.palette, sample -> {
            window.set(sample - window.span() / 2, window.samplesPerPixel());
            redraw();
        });
        overview.setId("viewer-overview");

        zoomBox.setManaged(false);
        zoomBox.setVisible(false);
        zoomBox.getStyleClass().add("viewer-zoom-box");
        Pane boxLayer = new Pane(zoomBox);
        boxLayer.setMouseTransparent(true);
        StackPane plotStack = new StackPane(plot, boxLayer);
        VBox.setVgrow(plotStack, Priority.ALWAYS);
        exportArea = new VBox(plotStack, overview);
        exportArea.setId("viewer-export");
        setCenter(exportArea);
        setTop(buildToolbar());
        HBox bottom = new HBox(12, readout);
        bottom.getStyleClass().add("viewer-statusbar");
        bottom.setPadding(new Insets(3, 8, 3, 8));
        readout.setId("cursor-readout");
        setBottom(bottom);
        filterPanel.setVisible(false);
        filterPanel.setManaged(false);
        setRight(filterPanel);

        wireMouse();
        wireKeys();
        filterToggle.selectedProperty().addListener((o, a, b) -> {
            filterPanel.setVisible(b);
            filterPanel.setManaged(b);
        });
        filterPanel.setOnApply(this::applyFilter);
        filterPanel.setOnRemove(this::removeFilter);
        filterPanel.setApplied(false);
        prefs.themeProperty().addListener((o, a, b) -> applyTheme());
        prefs.gridProperty().addListener((o, a, b) -> redraw());
        prefs.unitsProperty().addListener((o, a, b) -> redraw());
        applyTheme();
        setStatus(null);
        refreshLanes();
    }

    // ------------------------------------------------------------------------------------------------ public API

    /**
     * Shows a record (leads in mV, or adu where the preferences say so and the record has them) with its reference
     * annotations (may be empty); prepares the traces and then runs Pan-Tompkins in the background. Call on the FX
     * thread.
     */
    public void show(Record record, List<Annotation> annotations) {
        int g = ++generation;
        this.record = record;
        forgetRecordState();
        filterPanel.setApplied(false);
        recordLabel.setText(record.name() + "  ·  " + record.leadCount() + (record.leadCount() == 1 ? " lead" : " leads")
                + "  ·  " + String.format(Locale.ROOT, "%.0f Hz", record.samplingFrequency()) + "  ·  "
                + TimeFormat.clock(record.durationSeconds()));
        plot.fs = record.samplingFrequency();
        overview.setFs(record.samplingFrequency());
        overview.setSignal(null);
        filterPanel.setSamplingFrequency(record.samplingFrequency());
        window.resize(0, Math.max(1, plot.getWidth()));
        plot.emptyMessage = "Preparing " + record.name() + " …";
        setStatus("Preparing traces …");
        refreshLanes();
        List<Annotation> anns = List.copyOf(annotations);
        jobs.submit("Preparing " + record.name(), p -> Prepared.of(record, anns), done -> {
            if (g != generation) {
                return;
            }
            prepared = done;
            leads = done.leads;
            episodes = done.episodes;
            overview.setSignal(leads.isEmpty() ? null : leads.get(0).pyramid());
            window.resize(record.samples(), Math.max(1, plot.getWidth()));
            window.set(0, paperSpeed.isSelected() ? plot.paperSamplesPerPixel() : window.samplesPerPixel());
            refreshLanes();
            tracesReady.set(true);
            detect(g);
        }, err -> failed(g, "Cannot prepare " + record.name() + ": " + err.getMessage()));
    }

    /** Reads a record (WFDB, MAT or CSV, as {@code Records.read}) and its .atr annotations if any, off the FX thread. */
    public void open(Path recordPath) {
        int g = ++generation;
        setStatus("Reading " + recordPath.getFileName() + " …");
        jobs.submit("Reading " + recordPath.getFileName(), p -> {
            Record r = Records.read(recordPath);
            Path base = Records.recordBase(recordPath);
            List<Annotation> a = Files.isRegularFile(base.resolveSibling(base.getFileName() + ".atr"))
                    ? Records.readAnnotations(recordPath, "atr") : List.of();
            return new Object[] {r, a};
        }, ra -> {
            if (g == generation) {
                @SuppressWarnings("unchecked")
                List<Annotation> a = (List<Annotation>) ra[1];
                show((Record) ra[0], a);
            }
        }, err -> failed(g, "Cannot read " + recordPath + ": " + err.getMessage()));
    }

    /** Removes the record; the viewer shows an empty paper. */
    public void clear() {
        generation++;
        record = null;
        forgetRecordState();
        recordLabel.setText("No record");
        plot.emptyMessage = "No record";
        overview.setSignal(null);
        window.resize(0, Math.max(1, plot.getWidth()));
        setStatus(null);
        refreshLanes();
    }

    /** Drops everything derived from the previous record (traces, stages, filter) and its readiness flags. */
    private void forgetRecordState() {
        leads = List.of();
        filtered = List.of();
        stages = Map.of();
        detection = null;
        heartRate = null;
        episodes = List.of();
        prepared = null;
        applied = null;
        tracesReady.set(false);
        stagesReady.set(false);
        filterReady.set(false);
    }

    /** The node to export as PNG: the plot with its overview, without toolbar and status bar. */
    public Node exportNode() {
        return exportArea;
    }

    /** The record shown, if any. */
    public Optional<Record> record() {
        return Optional.ofNullable(record);
    }

    /** True once the leads of the record last shown are drawn. */
    public ReadOnlyBooleanProperty tracesReadyProperty() {
        return tracesReady.getReadOnlyProperty();
    }

    /** True once Pan-Tompkins has run on the record last shown and its stages can be toggled on. */
    public ReadOnlyBooleanProperty stagesReadyProperty() {
        return stagesReady.getReadOnlyProperty();
    }

    /** True while a filter applied from the preview panel is drawn. */
    public ReadOnlyBooleanProperty filterReadyProperty() {
        return filterReady.getReadOnlyProperty();
    }

    /** The Pan-Tompkins result for the record shown, once ready. */
    public Optional<QrsDetection> detection() {
        return Optional.ofNullable(detection);
    }

    /** Ids of the lanes drawn, top to bottom: "lead-0" …, "filtered-0" …, the stage ids, and "hr" for heart rate. */
    public List<String> visibleTrackIds() {
        List<String> ids = new ArrayList<>(plot.lanes.stream().map(Track::id).toList());
        if (plot.heartRate != null) {
            ids.add("hr");
        }
        return ids;
    }

    /** Labels of the lanes drawn, top to bottom (as on screen). */
    public List<String> visibleTrackLabels() {
        return plot.lanes.stream().map(Track::label).toList();
    }

    /** Left edge of the visible window, in seconds from the start of the record. */
    public double windowStartSeconds() {
        return window.start() / plot.fs;
    }

    /** Length of the visible window, in seconds. */
    public double windowSeconds() {
        return window.span() / plot.fs;
    }

    /** Puts the given time (seconds from the start) at the left edge of the window, as far as the record allows. */
    public void jumpTo(double seconds) {
        window.set(seconds * plot.fs, window.samplesPerPixel());
        redraw();
    }

    /** Shows the stretch from..to (seconds) across the width, leaving paper speed. */
    public void showSeconds(double from, double to) {
        paperSpeed.setSelected(false);
        window.show(from * plot.fs, to * plot.fs);
        redraw();
    }

    /** Moves the window by dx pixels (positive: later in the record) and redraws. */
    public void panPixels(double dx) {
        window.pan(dx * window.samplesPerPixel());
        redraw();
    }

    /** Zooms by factor about the window's centre (> 1: out), leaving paper speed. */
    public void zoom(double factor) {
        paperSpeed.setSelected(false);
        window.zoomAt(factor, window.width() / 2);
        redraw();
    }

    /** Whether the time axis is at 25 mm/s; setting it true restores paper speed about the window's centre. */
    public void setPaperSpeed(boolean on) {
        paperSpeed.setSelected(on);
    }

    /** Whether the time axis is at 25 mm/s (calibrated). */
    public boolean isPaperSpeed() {
        return paperSpeed.isSelected();
    }

    /** The calibration shown, e.g. "25 mm/s · 10 mm/mV". */
    public String calibrationText() {
        return plot.calibrationText();
    }

    /** The filter preview side panel. */
    public FilterPreview filterPreview() {
        return filterPanel;
    }

    /** Frames drawn so far (for benchmarks). */
    public long framesDrawn() {
        return plot.frames();
    }

    /** Screen pixels per millimetre used for the paper grid (from the primary screen's dpi). */
    public double pixelsPerMm() {
        return plot.pxPerMm;
    }

    /** Redraws plot and overview now (they redraw themselves on every change; this is for benchmarks). */
    public void redraw() {
        plot.paper = paperSpeed.isSelected();
        plot.grid = prefs.gridProperty().get();
        plot.units = prefs.unitsProperty().get();
        plot.redraw();
        overview.redraw();
        calibration.setText(record == null ? "" : plot.calibrationText());
    }

    // ------------------------------------------------------------------------------------------------ work

    /** What the background preparation of a record gives: lead lanes, rhythm episodes and annotation arrays. */
    private record Prepared(List<Track> leads, List<RhythmEpisode> episodes, long[] annSamples, String[] annSymbols,
                            boolean[] annBeats) {
        static Prepared of(Record r, List<Annotation> annotations) {
            List<Track> leads = new ArrayList<>();
            double[] gains = r.gains();
            int[] baselines = r.baselines();
            for (int i = 0; i < r.leadCount(); i++) {
                leads.add(Track.calibrated("lead-" + i, r.leadNames().get(i), Track.Kind.LEAD, r.physical(i),
                        r.hasAdc() ? gains[i] : Double.NaN, r.hasAdc() ? baselines[i] : 0));
            }
            List<Annotation> shown = annotations.stream()
                    .filter(a -> a.sample() >= 0 && a.sample() < r.samples() && (a.isBeat() || !"+".equals(a.symbol())))
                    .sorted(Comparator.comparingLong(Annotation::sample)).toList();
            long[] s = new long[shown.size()];
            String[] sym = new String[shown.size()];
            boolean[] beat = new boolean[shown.size()];
            for (int i = 0; i < s.length; i++) {
                s[i] = shown.get(i).sample();
                sym[i] = shown.get(i).symbol();
                beat[i] = shown.get(i).isBeat();
            }
            return new Prepared(List.copyOf(leads), RhythmEpisode.of(annotations, r.samples()), s, sym, beat);
        }
    }

    private record Stages(QrsDetection detection, int lead, Map<String, Track> tracks) {
    }

    private void detect(int g) {
        Record r = record;
        PanTompkins pt;
        try {
            pt = new PanTompkins(r.samplingFrequency());
        } catch (IllegalArgumentException e) {
            setStatus(null);
            status.setText("No QRS detection: " + e.getMessage());
            return;
        }
        if (r.samples() < pt.minimumSamples()) {
            setStatus(null);
            status.setText("Record too short for QRS detection");
            return;
        }
        setStatus("Detecting QRS (Pan-Tompkins) …");
        jobs.submit("Pan-Tompkins " + r.name(), p -> {
            int lead = PanTompkins.defaultLead(r);
            QrsDetection d = pt.detect(r.physical(lead));
            return new Stages(d, lead, stageTracks(d, r.leadNames().get(lead)));
        }, done -> {
            if (g != generation) {
                return;
            }
            detection = done.detection();
            detectionLead = done.lead();
            stages = done.tracks();
            heartRate = HeartRate.of(detection.rPeaks(), detection.samplingFrequency());
            stagesReady.set(true);
            setStatus(null);
            status.setText(String.format(Locale.ROOT, "%d R peaks on %s, mean %.0f bpm", detection.rPeaks().length,
                    r.leadNames().get(detectionLead), meanBpm()));
            refreshLanes();
        }, err -> failed(g, "QRS detection failed: " + err.getMessage()));
    }

    private double meanBpm() {
        double[] rr = detection.rrSeconds();
        double sum = 0;
        for (double v : rr) {
            sum += v;
        }
        return rr.length == 0 ? Double.NaN : 60 / (sum / rr.length);
    }

    private static Map<String, Track> stageTracks(QrsDetection d, String leadName) {
        int[] from = d.thresholdSamples();
        double[] thr = d.integratedThreshold();
        double[] thr1 = d.bandpassedThreshold();
        double[] half = new double[thr.length];
        double[] half1 = new double[thr1.length];
        for (int i = 0; i < thr.length; i++) {
            half[i] = thr[i] / 2;
        }
        for (int i = 0; i < thr1.length; i++) {
            half1[i] = thr1[i] / 2;
        }
        String on = " (" + leadName + ")";
        Map<String, Track> m = new LinkedHashMap<>();
        m.put("bandpassed", Track.scaled("bandpassed", "band-passed 5–15 Hz" + on, "mV", Track.Kind.STAGE,
                d.bandpassed(), false, List.of(new Track.StepLine("±THR_SIG1", from, thr1, false, true),
                        new Track.StepLine("±THR_NOISE1", from, half1, true, true))));
        m.put("derivative", Track.scaled("derivative", "derivative" + on, "mV/s", Track.Kind.STAGE, d.derivative(),
                false, List.of()));
        m.put("squared", Track.scaled("squared", "squared" + on, "(mV/s)²", Track.Kind.STAGE, d.squared(), true,
                List.of()));
        m.put("integrated", Track.scaled("integrated", "integrated, 150 ms window" + on, "(mV/s)²", Track.Kind.STAGE,
                d.integrated(), true, List.of(new Track.StepLine("THR_SIG", from, thr, false, false),
                        new Track.StepLine("THR_NOISE", from, half, true, false))));
        return m;
    }

    private void applyFilter(FilterDesign design) {
        if (record == null || leads.isEmpty()) {
            status.setText("Open a record before applying a filter.");
            return;
        }
        int g = generation;
        Record r = record;
        int edge = 3 * design.filter().ntaps();
        if (r.samples() <= edge) {
            status.setText("Record too short for this filter: filtfilt needs more than " + edge + " samples.");
            return;
        }
        setStatus("Filtering: " + design.describe() + " …");
        jobs.submit("Filtering " + r.name(), p -> {
            double[][] x = new double[r.leadCount()][];
            for (int i = 0; i < x.length; i++) {
                x[i] = leads.get(i).pyramid().data();
            }
            // rows are leads: Filtfilt filters [rows, samples] along the samples
            INDArray y = Filtfilt.filtfilt(design.filter().b(), design.filter().a(), Nd4j.create(x));
            double[][] out = y.toDoubleMatrix();
            List<Track> tracks = new ArrayList<>();
            for (int i = 0; i < out.length; i++) {
                Track lead = leads.get(i);
                tracks.add(Track.calibrated("filtered-" + i, lead.label() + " · " + design.describe(),
                        Track.Kind.FILTERED, out[i], lead.gain(), lead.baseline()));
            }
            return tracks;
        }, tracks -> {
            if (g != generation) {
                return;
            }
            filtered = List.copyOf(tracks);
            applied = design;
            filterPanel.setApplied(true);
            filterReady.set(true);
            setStatus(null);
            status.setText("Filter applied: " + design.describe());
            refreshLanes();
        }, err -> failed(g, "Filtering failed: " + err.getMessage()));
    }

    private void removeFilter() {
        filtered = List.of();
        applied = null;
        filterPanel.setApplied(false);
        filterReady.set(false);
        status.setText("");
        refreshLanes();
    }

    private void failed(int g, String message) {
        if (g != generation) {
            return;
        }
        setStatus(null);
        status.setText(message);
        plot.emptyMessage = message;
        redraw();
    }

    // ------------------------------------------------------------------------------------------------ lanes

    /** Recomputes the lanes from the toggles and what is ready, then redraws. */
    private void refreshLanes() {
        List<Track> lanes = new ArrayList<>();
        boolean replace = applied != null && applied.replace() && !filtered.isEmpty();
        lanes.addAll(replace ? filtered : leads);
        if (!replace) {
            lanes.addAll(filtered);
        }
        for (String id : STAGES) {
            ToggleButton t = stageToggles.get(id);
            t.setDisable(stages.isEmpty());
            if (t.isSelected() && stages.containsKey(id)) {
                lanes.add(stages.get(id));
            }
        }
        plot.lanes = List.copyOf(lanes);
        boolean haveDetection = detection != null;
        rPeaksToggle.setDisable(!haveDetection);
        hrToggle.setDisable(!haveDetection);
        plot.rPeaks = haveDetection && rPeaksToggle.isSelected() ? detection.rPeaks() : null;
        plot.noisePeaks = haveDetection && rPeaksToggle.isSelected() ? detection.noisePeaks() : null;
        plot.rPeakLaneId = (replace ? "filtered-" : "lead-") + detectionLead;
        plot.noiseLaneId = "integrated";
        plot.heartRate = haveDetection && hrToggle.isSelected() ? heartRate : null;
        boolean haveAnnotations = prepared != null && prepared.annSamples().length > 0;
        annotationsToggle.setDisable(!haveAnnotations);
        rhythmToggle.setDisable(episodes.isEmpty());
        if (haveAnnotations && annotationsToggle.isSelected()) {
            plot.annotationSamples = prepared.annSamples();
            plot.annotationSymbols = prepared.annSymbols();
            plot.annotationBeats = prepared.annBeats();
        } else {
            plot.annotationSamples = new long[0];
            plot.annotationSymbols = new String[0];
            plot.annotationBeats = new boolean[0];
        }
        plot.episodes = rhythmToggle.isSelected() ? episodes : List.of();
        overview.episodes = episodes;
        redraw();
    }

    // ------------------------------------------------------------------------------------------------ controls

    private Node buildToolbar() {
        recordLabel.setId("viewer-record");
        recordLabel.getStyleClass().add("viewer-record");
        Button zoomIn = button("+", "zoom-in", "Zoom in (+)", () -> zoom(0.5));
        Button zoomOut = button("−", "zoom-out", "Zoom out (−)", () -> zoom(2));
        Button fit = button("Whole record", "zoom-fit", "Show the whole record", () -> {
            paperSpeed.setSelected(false);
            window.set(0, Double.MAX_VALUE);
            redraw();
        });
        paperSpeed.setId("paper-speed");
        paperSpeed.setSelected(true);
        paperSpeed.setTooltip(new Tooltip("ECG paper speed: 25 mm/s and 10 mm/mV, calibrated to this screen"));
        paperSpeed.selectedProperty().addListener((o, a, b) -> {
            if (b) {
                double centre = window.start() + window.span() / 2;
                double spp = plot.paperSamplesPerPixel();
                window.set(centre - spp * window.width() / 2, spp);
            }
            redraw();
        });
        jump.setId("jump-to");
        jump.setPromptText("go to s or m:ss");
        jump.setPrefColumnCount(8);
        jump.setTooltip(new Tooltip("Time from the start of the record: seconds (75.5) or m:ss (1:15)"));
        jump.setOnAction(e -> {
            OptionalDouble s = TimeFormat.parseSeconds(jump.getText());
            jump.getStyleClass().remove("error");
            if (s.isEmpty()) {
                jump.getStyleClass().add("error");
                status.setText("Not a time: \"" + jump.getText() + "\" (use seconds or m:ss)");
                return;
            }
            jumpTo(s.getAsDouble());
            if (status.getText().startsWith("Not a time")) {
                status.setText("");
            }
        });
        for (String id : STAGES) {
            String text = switch (id) {
                case "bandpassed" -> "Band-pass";
                case "derivative" -> "Derivative";
                case "squared" -> "Squared";
                default -> "Integrated";
            };
            ToggleButton t = toggle(text, "stage-" + id, false);
            t.setDisable(true);
            stageToggles.put(id, t);
        }
        calibration.setId("calibration");
        calibration.getStyleClass().add("viewer-calibration");
        status.setId("viewer-status");
        status.getStyleClass().add("viewer-muted");
        busy.setPrefSize(16, 16);
        busy.setMaxSize(16, 16);
        Region spring = new Region();
        HBox.setHgrow(spring, Priority.ALWAYS);
        HBox row1 = new HBox(6, recordLabel, new Separator(javafx.geometry.Orientation.VERTICAL), zoomOut, zoomIn, fit,
                paperSpeed, jump, spring, busy, status, calibration);
        HBox row2 = new HBox(6, new Label("Pan-Tompkins:"));
        row2.getChildren().addAll(stageToggles.values());
        row2.getChildren().addAll(new Separator(javafx.geometry.Orientation.VERTICAL), rPeaksToggle,
                annotationsToggle, rhythmToggle, hrToggle, new Separator(javafx.geometry.Orientation.VERTICAL),
                filterToggle);
        row1.setAlignment(Pos.CENTER_LEFT);
        row2.setAlignment(Pos.CENTER_LEFT);
        // Controls keep their full labels in a narrow window; the record and status texts give way instead.
        for (HBox row : List.of(row1, row2)) {
            row.getChildren().forEach(n -> {
                if (n instanceof javafx.scene.control.ButtonBase || n instanceof TextField) {
                    ((Region) n).setMinWidth(Region.USE_PREF_SIZE);
                }
            });
        }
        VBox bar = new VBox(4, row1, row2);
        bar.getStyleClass().add("viewer-toolbar");
        bar.setPadding(new Insets(6, 8, 6, 8));
        return bar;
    }

    private ToggleButton toggle(String text, String id, boolean selected) {
        ToggleButton t = new ToggleButton(text);
        t.setId(id);
        t.setSelected(selected);
        t.getStyleClass().add("viewer-toggle");
        t.selectedProperty().addListener((o, a, b) -> refreshLanes());
        return t;
    }

    private static Button button(String text, String id, String tip, Runnable action) {
        Button b = new Button(text);
        b.setId(id);
        b.setTooltip(new Tooltip(tip));
        b.setOnAction(e -> action.run());
        return b;
    }

    private void setStatus(String working) {
        busy.setVisible(working != null);
        busy.setManaged(working != null);
        status.setText(working == null ? "" : working);
    }

    private void wireMouse() {
        plot.addEventHandler(ScrollEvent.SCROLL, e -> {
            if (window.samples() == 0 || e.getDeltaY() == 0) {
                return;
            }
            paperSpeed.setSelected(false);
            // deltaY is notches × the platform's pixels per notch: one notch zooms by 1.25, trackpads glide
            double notches = e.getDeltaY() / (e.getMultiplierY() > 0 ? e.getMultiplierY() : 40);
            window.zoomAt(Math.pow(1.25, -notches), e.getX());
            redraw();
            e.consume();
        });
        plot.addEventHandler(MouseEvent.MOUSE_PRESSED, e -> {
            plot.requestFocus();
            if (e.isShiftDown() || e.getButton() == MouseButton.SECONDARY) {
                boxX = e.getX();
                zoomBox.setX(boxX);
                zoomBox.setY(0);
                zoomBox.setWidth(0);
                zoomBox.setHeight(plot.getHeight());
                zoomBox.setVisible(true);
            } else {
                dragX = e.getX();
            }
        });
        plot.addEventHandler(MouseEvent.MOUSE_DRAGGED, e -> {
            if (!Double.isNaN(boxX)) {
                zoomBox.setX(Math.min(boxX, e.getX()));
                zoomBox.setWidth(Math.abs(e.getX() - boxX));
            } else if (!Double.isNaN(dragX)) {
                panPixels(dragX - e.getX());
                dragX = e.getX();
            }
        });
        plot.addEventHandler(MouseEvent.MOUSE_RELEASED, e -> {
            if (!Double.isNaN(boxX) && Math.abs(e.getX() - boxX) > 4) {
                double a = window.sampleAt(Math.min(boxX, e.getX()));
                double b = window.sampleAt(Math.max(boxX, e.getX()));
                paperSpeed.setSelected(false);
                window.show(a, b);
                redraw();
            }
            boxX = Double.NaN;
            dragX = Double.NaN;
            zoomBox.setVisible(false);
        });
        plot.addEventHandler(MouseEvent.MOUSE_MOVED, e -> updateReadout(e.getX(), e.getY()));
        plot.addEventHandler(MouseEvent.MOUSE_EXITED, e -> readout.setText(" "));
    }

    private void updateReadout(double x, double y) {
        if (record == null || window.samples() == 0) {
            return;
        }
        double sample = window.sampleAt(x);
        int i = (int) Math.max(0, Math.min(window.samples() - 1, Math.round(sample)));
        StringBuilder sb = new StringBuilder("t = " + TimeFormat.precise(i / plot.fs) + "  (sample " + i + ")");
        int lane = plot.laneAt(y);
        if (lane >= 0 && lane < plot.lanes.size()) {
            Track t = plot.lanes.get(lane);
            double v = t.pyramid().data()[Math.min(i, t.samples() - 1)];
            boolean adu = prefs.unitsProperty().get() == WorkbenchPreferences.Units.ADU && t.hasAdu();
            sb.append("   ").append(t.label()).append(" = ");
            sb.append(adu ? String.format(Locale.ROOT, "%d adu", Math.round(v * t.gain() + t.baseline()))
                    : String.format(Locale.ROOT, "%.4g %s", v, t.unit()));
        }
        readout.setText(sb.toString());
    }

    private void wireKeys() {
        addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.getTarget() instanceof TextField || window.samples() == 0) {
                return;
            }
            KeyCode k = e.getCode();
            switch (k) {
                case LEFT -> panPixels(-window.width() / 10);
                case RIGHT -> panPixels(window.width() / 10);
                case PAGE_UP -> panPixels(-window.width());
                case PAGE_DOWN -> panPixels(window.width());
                case HOME -> jumpTo(0);
                case END -> jumpTo(window.samples() / plot.fs);
                case PLUS, ADD, EQUALS -> zoom(0.5);
                case MINUS, SUBTRACT -> zoom(2);
                default -> {
                    return;
                }
            }
            e.consume();
        });
    }

    private void applyTheme() {
        Palette p = Palette.of(prefs.themeProperty().get());
        plot.palette = p;
        overview.palette = p;
        filterPanel.setPalette(p);
        getStyleClass().removeAll("viewer-light", "viewer-dark");
        getStyleClass().add(prefs.themeProperty().get() == Theme.DARK ? "viewer-dark" : "viewer-light");
        redraw();
    }

    /** Pixels per millimetre of the primary screen (96 dpi when there is none, e.g. headless). */
    private static double screenPixelsPerMm() {
        try {
            double dpi = Screen.getPrimary().getDpi();
            return (dpi > 20 && dpi < 1000 ? dpi : 96) / 25.4;
        } catch (RuntimeException e) {
            return 96 / 25.4;
        }
    }
}
