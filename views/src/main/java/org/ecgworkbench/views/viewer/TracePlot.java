package org.ecgworkbench.views.viewer;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.TextAlignment;
import org.ecgworkbench.engine.dataset.RhythmEpisode;
import org.ecgworkbench.views.common.WorkbenchPreferences.Units;

/**
 * The multi-track plot on one canvas: ECG paper grid, rhythm bands, reference annotations, lanes of traces with their
 * thresholds and R peaks, the heart-rate lane and the time axis.
 *
 * <p>A plain {@link Canvas} rather than ChartFX: ChartFX lays out one axis pair per chart and re-reduces its data sets
 * every frame; here the grid must sit at exact millimetres of the screen (25 mm/s, 10 mm/mV) across all lanes, the
 * lanes share one time axis, and each frame reads only O(width · log n) values from precomputed min/max pyramids, which
 * keeps panning a 30-minute two-lead record at full frame rate.
 */
final class TracePlot extends Region {

    static final double RHYTHM_ROW = 20;
    static final double ANNOTATION_ROW = 18;
    static final double AXIS_ROW = 20;
    private static final Font LABEL = Font.font("System", FontWeight.BOLD, 12);
    private static final Font SMALL = Font.font("System", 11);
    private static final double[] TIME_STEPS = {0.04, 0.1, 0.2, 0.5, 1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800,
        3600};

    private final Canvas canvas = new Canvas();
    final TimeWindow window;

    // what to draw; set by SignalViewer on the FX thread, then redraw()
    List<Track> lanes = List.of();
    HeartRate heartRate;
    List<RhythmEpisode> episodes = List.of();
    long[] annotationSamples = new long[0];
    String[] annotationSymbols = new String[0];
    boolean[] annotationBeats = new boolean[0];
    int[] rPeaks;
    int[] noisePeaks;
    String rPeakLaneId;
    String noiseLaneId;
    double fs = 360;
    double pxPerMm = 96 / 25.4;
    boolean paper = true;
    boolean grid = true;
    Units units = Units.MV;
    Palette palette = Palette.of(org.ecgworkbench.views.common.WorkbenchPreferences.Theme.LIGHT);
    String emptyMessage = "No record";

    /** Lanes laid out by the last draw: top and height of each, in pixels, in lane order. */
    private double[] laneTop = new double[0];
    private double[] laneHeight = new double[0];
    private double hrTop;
    private double hrHeight;
    private double[] mins = new double[0];
    private double[] maxs = new double[0];
    private double[] xs = new double[0];
    private double[] ys = new double[0];
    private double[] sortLo = new double[0];
    private double[] sortHi = new double[0];
    private long frames;

    TracePlot(TimeWindow window) {
        this.window = window;
        getChildren().add(canvas);
        setMinSize(200, 120);
        setPrefSize(1200, 700);
        setFocusTraversable(true);
    }

    /** The canvas the plot is drawn on. */
    Canvas canvas() {
        return canvas;
    }

    /** Frames drawn so far. */
    long frames() {
        return frames;
    }

    @Override
    protected void layoutChildren() {
        double w = Math.floor(getWidth());
        double h = Math.floor(getHeight());
        if (canvas.getWidth() != w || canvas.getHeight() != h) {
            canvas.setWidth(w);
            canvas.setHeight(h);
            window.resize(window.samples(), w);
            redraw();
        }
    }

    /** Samples per pixel that makes the time axis 25 mm/s on this screen. */
    double paperSamplesPerPixel() {
        return fs / (25 * pxPerMm);
    }

    /** Index of the lane under y, or -1 (the heart-rate lane is -2). */
    int laneAt(double y) {
        for (int i = 0; i < laneTop.length; i++) {
            if (y >= laneTop[i] && y < laneTop[i] + laneHeight[i]) {
                return i;
            }
        }
        return heartRate != null && y >= hrTop && y < hrTop + hrHeight ? -2 : -1;
    }

    /** Draws everything for the current window; O(width · log samples + visible marks). */
    void redraw() {
        GraphicsContext g = canvas.getGraphicsContext2D();
        double w = canvas.getWidth();
        double h = canvas.getHeight();
        frames++;
        g.setFill(palette.paper());
        g.fillRect(0, 0, w, h);
        if (w < 2 || h < 2) {
            return;
        }
        if (window.samples() == 0) {
            drawGrid(g, 0, w, h - AXIS_ROW);
            g.setFill(palette.muted());
            g.setFont(Font.font("System", 16));
            g.setTextAlign(TextAlignment.CENTER);
            g.setTextBaseline(VPos.CENTER);
            g.fillText(emptyMessage, w / 2, h / 2);
            return;
        }
        ensureBuffers((int) w);
        double top = 0;
        boolean rhythm = !episodes.isEmpty();
        boolean annotations = annotationSamples.length > 0;
        double rhythmTop = top;
        if (rhythm) {
            top += RHYTHM_ROW;
        }
        double annTop = top;
        if (annotations) {
            top += ANNOTATION_ROW;
        }
        double bottom = h - AXIS_ROW;
        layoutLanes(top, bottom);
        drawGrid(g, top, w, bottom);
        if (rhythm) {
            drawRhythm(g, rhythmTop, top, bottom, w);
        }
        for (int i = 0; i < lanes.size(); i++) {
            drawLane(g, lanes.get(i), laneTop[i], laneHeight[i], w, i);
        }
        if (heartRate != null) {
            drawHeartRate(g, hrTop, hrHeight, w);
        }
        if (annotations) {
            drawAnnotations(g, annTop, w);
        }
        drawAxis(g, bottom, w);
    }

    private void ensureBuffers(int w) {
        if (mins.length < w + 1) {
            mins = new double[w + 1];
            maxs = new double[w + 1];
            sortLo = new double[w + 1];
            sortHi = new double[w + 1];
            xs = new double[2 * w + 8];
            ys = new double[2 * w + 8];
        }
    }

    private void layoutLanes(double top, double bottom) {
        int n = lanes.size();
        laneTop = new double[n];
        laneHeight = new double[n];
        double total = 0;
        for (Track t : lanes) {
            total += weight(t);
        }
        double hrWeight = heartRate != null ? 2 : 0;
        total += hrWeight;
        double unit = total > 0 ? (bottom - top) / total : 0;
        double y = top;
        for (int i = 0; i < n; i++) {
            laneTop[i] = y;
            laneHeight[i] = weight(lanes.get(i)) * unit;
            y += laneHeight[i];
        }
        hrTop = y;
        hrHeight = bottom - y;
    }

    private static double weight(Track t) {
        return t.kind() == Track.Kind.STAGE ? 2 : 3;
    }

    // ---------------------------------------------------------------- grid

    /** Pixels between time grid lines: 0.04 s (1 mm at 25 mm/s) and 0.2 s when legible, coarser when zoomed out. */
    private void drawGrid(GraphicsContext g, double top, double w, double bottom) {
        if (!grid) {
            return;
        }
        double pxPerS = fs / window.samplesPerPixel();
        double minorS = 0.04;
        double majorS = 0.2;
        if (majorS * pxPerS < 6) {
            majorS = step(40 / pxPerS);
            minorS = majorS / 5;
        }
        boolean minorT = minorS * pxPerS >= 3;
        double mm = pxPerMm;
        g.setLineWidth(1);
        if (minorT || mm >= 3) {
            g.setStroke(palette.minor());
            g.beginPath();
            if (minorT) {
                timeLines(g, minorS, majorS, top, bottom, w);
            }
            if (mm >= 3) {
                for (int k = (int) Math.ceil(top / mm); k * mm < bottom; k++) {
                    if (k % 5 != 0) {
                        double y = Math.floor(k * mm) + 0.5;
                        g.moveTo(0, y);
                        g.lineTo(w, y);
                    }
                }
            }
            g.stroke();
        }
        g.setStroke(palette.major());
        g.beginPath();
        timeLines(g, majorS, 0, top, bottom, w);
        for (int k = (int) Math.ceil(top / (5 * mm)); k * 5 * mm < bottom; k++) {
            double y = Math.floor(k * 5 * mm) + 0.5;
            g.moveTo(0, y);
            g.lineTo(w, y);
        }
        g.stroke();
    }

    private void timeLines(GraphicsContext g, double stepS, double skipS, double top, double bottom, double w) {
        double stepSamples = stepS * fs;
        long first = (long) Math.ceil(window.start() / stepSamples);
        long last = (long) Math.floor(window.end() / stepSamples);
        long skipEvery = skipS > 0 ? Math.round(skipS / stepS) : 0;
        for (long k = first; k <= last; k++) {
            if (skipEvery > 0 && k % skipEvery == 0) {
                continue;
            }
            double x = Math.floor(window.xOf(k * stepSamples)) + 0.5;
            if (x >= 0 && x <= w) {
                g.moveTo(x, top);
                g.lineTo(x, bottom);
            }
        }
    }

    /** The smallest "nice" step in seconds at least the given one. */
    private static double step(double atLeastS) {
        for (double s : TIME_STEPS) {
            if (s >= atLeastS) {
                return s;
            }
        }
        return Math.ceil(atLeastS / 3600) * 3600;
    }

    // ---------------------------------------------------------------- rhythm and annotations

    private void drawRhythm(GraphicsContext g, double top, double laneTopY, double bottom, double w) {
        g.setFont(SMALL);
        g.setTextBaseline(VPos.CENTER);
        g.setTextAlign(TextAlignment.LEFT);
        for (RhythmEpisode e : episodes) {
            double x0 = Math.max(0, window.xOf(e.start()));
            double x1 = Math.min(w, window.xOf(e.end()));
            if (x1 <= 0 || x0 >= w || x1 <= x0) {
                continue;
            }
            Color c = Palette.rhythm(e.rhythm());
            g.setFill(c.deriveColor(0, 1, 1, 0.35));
            g.fillRect(x0, top + 2, x1 - x0, RHYTHM_ROW - 4);
            g.setFill(c);
            g.fillRect(x0, top + 2, Math.min(3, x1 - x0), RHYTHM_ROW - 4);
            if (!"N".equals(e.rhythm())) {
                // other rhythms than sinus tint the lanes too, so that an episode is seen wherever one looks
                g.setFill(c.deriveColor(0, 1, 1, 0.08));
                g.fillRect(x0, laneTopY, x1 - x0, bottom - laneTopY);
            }
            String label = "(" + e.rhythm() + ")";
            if (x1 - x0 > 7 * label.length() + 8) {
                g.setFill(palette.text());
                g.fillText(label, x0 + 6, top + RHYTHM_ROW / 2);
            }
        }
    }

    private void drawAnnotations(GraphicsContext g, double top, double w) {
        int from = lowerBound(annotationSamples, window.start() - window.samplesPerPixel() * 8);
        int to = lowerBound(annotationSamples, window.end() + window.samplesPerPixel() * 8);
        boolean letters = (to - from) < w / 9;
        if (to - from > w / 3) {
            return;
        }
        g.setFont(LABEL);
        g.setTextAlign(TextAlignment.CENTER);
        g.setTextBaseline(VPos.CENTER);
        g.setLineWidth(1);
        for (int i = from; i < to; i++) {
            double x = window.xOf(annotationSamples[i]);
            String s = annotationSymbols[i];
            Color c = annotationBeats[i] ? palette.beat(s) : palette.muted();
            if (letters) {
                g.setFill(c);
                g.fillText(s, x, top + ANNOTATION_ROW / 2);
            } else {
                g.setStroke(c);
                double xx = Math.floor(x) + 0.5;
                g.strokeLine(xx, top + 4, xx, top + ANNOTATION_ROW - 4);
            }
        }
    }

    private static int lowerBound(long[] a, double v) {
        int lo = 0;
        int hi = a.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (a[mid] < v) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private static int lowerBound(int[] a, double v) {
        int lo = 0;
        int hi = a.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (a[mid] < v) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    // ---------------------------------------------------------------- lanes

    /**
     * Value to y within a lane, as {a, b} of y = a·v + b: 10 mm/mV about the lane's middle (snapped to a 5 mm line)
     * when calibrated, else the visible range (robust: a lone artefact above twice the 99th percentile of the column
     * extremes is clipped rather than allowed to flatten every QRS).
     */
    private double[] scale(Track t, double top, double height, int cols, boolean haveColumns) {
        if (t.calibrated()) {
            double pxPerMv = 10 * pxPerMm;
            double mid = top + height / 2;
            double snapped = Math.round(mid / (5 * pxPerMm)) * 5 * pxPerMm;
            double base = Math.abs(snapped - mid) < height / 4 ? snapped : mid;
            return new double[] {-pxPerMv, base + t.center() * pxPerMv};
        }
        double[] range = haveColumns ? robustRange(cols) : sampleRange(t);
        boolean fromZero = t.lo() == 0;
        double lo = fromZero ? 0 : range[0];
        double hi = range[1];
        if (!(hi > lo)) {
            lo = t.lo();
            hi = t.hi();
        }
        double margin = 0.08 * (hi - lo);
        lo = fromZero ? 0 : lo - margin;
        hi += margin;
        double pad = Math.min(14, height * 0.1);
        double a = -(height - 2 * pad - 12) / (hi - lo);
        return new double[] {a, top + height - pad - a * lo};
    }

    private double[] robustRange(int cols) {
        int n = 0;
        for (int c = 0; c < cols; c++) {
            if (!Double.isNaN(mins[c])) {
                sortLo[n] = mins[c];
                sortHi[n++] = maxs[c];
            }
        }
        if (n == 0) {
            return new double[] {0, 0};
        }
        java.util.Arrays.sort(sortLo, 0, n);
        java.util.Arrays.sort(sortHi, 0, n);
        double hi = sortHi[n - 1];
        double p99 = sortHi[(int) (0.99 * (n - 1))];
        double lo = sortLo[0];
        double p01 = sortLo[(int) (0.01 * (n - 1))];
        double width = p99 - p01;
        if (hi - p99 > 1.0 * width && width > 0) {
            hi = p99 + 0.3 * width;
        }
        if (p01 - lo > 1.0 * width && width > 0) {
            lo = p01 - 0.3 * width;
        }
        return new double[] {lo, hi};
    }

    private double[] sampleRange(Track t) {
        double[] out = new double[2];
        t.pyramid().range((int) Math.floor(window.start()), (int) Math.ceil(window.end()) + 1, out);
        return Double.isNaN(out[0]) ? new double[] {0, 0} : out;
    }

    private void drawLane(GraphicsContext g, Track t, double top, double height, double w, int index) {
        int cols = (int) w;
        boolean columns = window.samplesPerPixel() >= 1;
        if (columns) {
            t.pyramid().columns(window.start(), window.samplesPerPixel(), cols, mins, maxs);
        }
        double[] ab = scale(t, top, height, cols, columns);
        double a = ab[0];
        double b = ab[1];
        g.save();
        g.beginPath();
        g.rect(0, top, w, height);
        g.clip();
        if (index > 0) {
            g.setStroke(palette.major().deriveColor(0, 1, 0.85, 1));
            g.setLineWidth(1);
            g.strokeLine(0, Math.floor(top) + 0.5, w, Math.floor(top) + 0.5);
        }
        if (!t.calibrated() && t.lo() < 0 && t.hi() > 0) {
            g.setStroke(palette.muted().deriveColor(0, 1, 1, 0.5));
            g.setLineWidth(1);
            double y0 = Math.floor(b) + 0.5;
            g.strokeLine(0, y0, w, y0);
        }
        Color colour = switch (t.kind()) {
            case LEAD -> palette.trace();
            case FILTERED -> palette.filtered();
            case STAGE -> palette.stage()[stageIndex(t.id())];
        };
        g.setStroke(colour);
        g.setLineWidth(t.kind() == Track.Kind.STAGE ? 1.1 : 1.3);
        tracePolyline(g, t, a, b, w);
        for (Track.StepLine s : t.thresholds()) {
            drawSteps(g, s, a, b, w);
        }
        if (t.id().equals(rPeakLaneId) && rPeaks != null) {
            drawPeaks(g, t, rPeaks, a, b, top, w, palette.rPeak(), true);
        }
        if (t.id().equals(noiseLaneId) && noisePeaks != null) {
            drawPeaks(g, t, noisePeaks, a, b, top, w, palette.muted(), false);
        }
        drawLaneLabel(g, t, top);
        g.restore();
    }

    private static int stageIndex(String id) {
        return switch (id) {
            case "bandpassed" -> 0;
            case "derivative" -> 1;
            case "squared" -> 2;
            default -> 3;
        };
    }

    /** One polyline per lane: min/max per pixel column when a column spans a sample or more, else the samples. */
    private void tracePolyline(GraphicsContext g, Track t, double a, double b, double w) {
        double spp = window.samplesPerPixel();
        int n = 0;
        if (spp >= 1) {
            int cols = (int) w;
            // columns were filled by drawLane
            boolean up = true;
            for (int c = 0; c < cols; c++) {
                if (Double.isNaN(mins[c])) {
                    n = flush(g, n);
                    continue;
                }
                double x = c + 0.5;
                double y1 = a * mins[c] + b;
                double y2 = a * maxs[c] + b;
                // alternate the order so that each column starts where the previous one ended
                if (up) {
                    xs[n] = x;
                    ys[n++] = y1;
                    xs[n] = x;
                    ys[n++] = y2;
                } else {
                    xs[n] = x;
                    ys[n++] = y2;
                    xs[n] = x;
                    ys[n++] = y1;
                }
                up = !up;
            }
        } else {
            double[] d = t.pyramid().data();
            int first = Math.max(0, (int) Math.floor(window.start()));
            int last = Math.min(d.length - 1, (int) Math.ceil(window.end()));
            for (int i = first; i <= last; i++) {
                xs[n] = window.xOf(i);
                ys[n++] = a * d[i] + b;
            }
        }
        flush(g, n);
    }

    private int flush(GraphicsContext g, int n) {
        if (n > 1) {
            g.strokePolyline(xs, ys, n);
        }
        return 0;
    }

    private void drawSteps(GraphicsContext g, Track.StepLine s, double a, double b, double w) {
        int[] from = s.from();
        if (from.length == 0) {
            return;
        }
        int k0 = Math.max(0, lowerBound(from, window.start()) - 1);
        int k1 = Math.min(from.length, lowerBound(from, window.end()) + 1);
        g.setStroke(s.dashed() ? palette.noiseThreshold() : palette.threshold());
        g.setLineWidth(1.4);
        g.setLineDashes(s.dashed() ? new double[] {6, 4} : null);
        for (int sign = 1; sign >= (s.mirrored() ? -1 : 1); sign -= 2) {
            int n = 0;
            for (int k = k0; k < k1 && n < xs.length - 2; k++) {
                double x0 = Math.max(0, window.xOf(from[k]));
                double x1 = k + 1 < from.length ? Math.min(w, window.xOf(from[k + 1])) : w;
                double y = a * sign * s.values()[k] + b;
                xs[n] = x0;
                ys[n++] = y;
                xs[n] = x1;
                ys[n++] = y;
            }
            flush(g, n);
        }
        g.setLineDashes(null);
    }

    private void drawPeaks(GraphicsContext g, Track t, int[] peaks, double a, double b, double top, double w,
                           Color colour, boolean triangles) {
        int from = lowerBound(peaks, window.start());
        int to = lowerBound(peaks, window.end());
        double[] d = t.pyramid().data();
        if (to - from > w / 4) {
            // closer than 4 px apart the marks would merge into a bar that hides the trace
            return;
        }
        boolean dots = (to - from) < w / 6;
        g.setFill(colour);
        g.setStroke(colour);
        g.setLineWidth(1.2);
        for (int i = from; i < to; i++) {
            double x = window.xOf(peaks[i]);
            if (triangles) {
                double y = top + 16;
                g.fillPolygon(new double[] {x - 4.5, x + 4.5, x}, new double[] {y - 7, y - 7, y}, 3);
            }
            if (dots && peaks[i] < d.length) {
                double y = a * d[peaks[i]] + b;
                if (triangles) {
                    g.strokeOval(x - 3.5, y - 3.5, 7, 7);
                } else {
                    g.strokeLine(x - 3, y - 3, x + 3, y + 3);
                    g.strokeLine(x - 3, y + 3, x + 3, y - 3);
                }
            }
        }
    }

    private void drawLaneLabel(GraphicsContext g, Track t, double top) {
        String unit = unitLabel(t);
        List<String> legend = new ArrayList<>();
        for (Track.StepLine s : t.thresholds()) {
            legend.add((s.dashed() ? "- - " : "— ") + s.label());
        }
        if (t.id().equals(rPeakLaneId) && rPeaks != null) {
            legend.add("▼ R peaks (" + rPeaks.length + ")");
        }
        String text = t.label() + "  ·  " + unit + (legend.isEmpty() ? "" : "     " + String.join("   ", legend));
        g.setFont(LABEL);
        g.setTextAlign(TextAlignment.LEFT);
        g.setTextBaseline(VPos.TOP);
        double tw = text.length() * 6.6 + 10;
        g.setFill(palette.labelBack());
        g.fillRoundRect(4, top + 3, tw, 17, 6, 6);
        g.setFill(palette.text());
        g.fillText(text, 9, top + 5);
    }

    /** The lane's unit as shown: adu with its gain for leads in adu mode, else the physical unit. */
    private String unitLabel(Track t) {
        if (t.calibrated()) {
            if (units == Units.ADU && t.hasAdu()) {
                return String.format(Locale.ROOT, "adu (%.0f adu/mV, 10 mm/mV)", t.gain());
            }
            return "mV (10 mm/mV)";
        }
        return t.unit();
    }

    // ---------------------------------------------------------------- heart rate and axis

    private void drawHeartRate(GraphicsContext g, double top, double height, double w) {
        if (height < 10) {
            return;
        }
        double[] q = Track.quantiles(heartRate.bpm(), 0.01, 0.99);
        double lo = heartRate.size() == 0 ? 40 : Math.min(40, Math.floor(q[0] / 20) * 20);
        double hi = heartRate.size() == 0 ? 120 : Math.min(250, Math.max(120, Math.ceil(q[1] / 20) * 20));
        double pad = 8;
        double a = -(height - 2 * pad - 10) / (hi - lo);
        double b = top + height - pad - a * lo;
        g.save();
        g.beginPath();
        g.rect(0, top, w, height);
        g.clip();
        g.setStroke(palette.major().deriveColor(0, 1, 0.85, 1));
        g.setLineWidth(1);
        g.strokeLine(0, Math.floor(top) + 0.5, w, Math.floor(top) + 0.5);
        g.setFont(SMALL);
        g.setTextAlign(TextAlignment.RIGHT);
        g.setTextBaseline(VPos.CENTER);
        g.setLineDashes(3, 4);
        double tick = 20;
        while ((hi - lo) / tick * 14 > height - 2 * pad && tick < 200) {
            tick *= 2;
        }
        for (double v = Math.ceil(lo / tick) * tick; v <= hi; v += tick) {
            double y = Math.floor(a * v + b) + 0.5;
            g.setStroke(palette.muted().deriveColor(0, 1, 1, 0.45));
            g.strokeLine(0, y, w - 34, y);
            g.setFill(palette.muted());
            g.fillText(String.format(Locale.ROOT, "%.0f", v), w - 6, y);
        }
        g.setLineDashes(null);
        int from = Math.max(0, heartRate.firstAtOrAfter(window.start()) - 1);
        int to = Math.min(heartRate.size(), heartRate.firstAtOrAfter(window.end()) + 1);
        int stride = Math.max(1, (to - from) / Math.max(1, (int) w));
        int n = 0;
        g.setStroke(palette.hr());
        g.setLineWidth(1.5);
        for (int i = from; i < to && n < xs.length; i += stride) {
            xs[n] = window.xOf(heartRate.samples()[i]);
            ys[n++] = a * heartRate.bpm()[i] + b;
        }
        flush(g, n);
        if ((to - from) < w / 10) {
            g.setFill(palette.hr());
            for (int i = from; i < to; i++) {
                g.fillOval(window.xOf(heartRate.samples()[i]) - 2.5, a * heartRate.bpm()[i] + b - 2.5, 5, 5);
            }
        }
        g.setFont(LABEL);
        g.setTextAlign(TextAlignment.LEFT);
        g.setTextBaseline(VPos.TOP);
        String text = "heart rate  ·  bpm (60 / RR of detected peaks)";
        g.setFill(palette.labelBack());
        g.fillRoundRect(4, top + 3, text.length() * 6.6 + 10, 17, 6, 6);
        g.setFill(palette.text());
        g.fillText(text, 9, top + 5);
        g.restore();
    }

    private void drawAxis(GraphicsContext g, double top, double w) {
        g.setFill(palette.paper().interpolate(palette.text(), 0.06));
        g.fillRect(0, top, w, AXIS_ROW);
        g.setStroke(palette.muted());
        g.setLineWidth(1);
        g.strokeLine(0, Math.floor(top) + 0.5, w, Math.floor(top) + 0.5);
        double pxPerS = fs / window.samplesPerPixel();
        double stepS = step(90 / pxPerS);
        String scale = calibrationText();
        double scaleWidth = scale.length() * 7.2 + 20;
        double stepSamples = stepS * fs;
        g.setFont(SMALL);
        g.setTextAlign(TextAlignment.CENTER);
        g.setTextBaseline(VPos.CENTER);
        g.setFill(palette.text());
        for (long k = (long) Math.ceil(window.start() / stepSamples); k * stepSamples <= window.end(); k++) {
            double x = Math.floor(window.xOf(k * stepSamples)) + 0.5;
            g.strokeLine(x, top, x, top + 4);
            double s = k * stepS;
            String label = stepS < 1 ? String.format(Locale.ROOT, "%s.%02d", TimeFormat.clock(s),
                    Math.round((s - Math.floor(s)) * 100) % 100) : TimeFormat.clock(s);
            if (x > 20 && x < w - scaleWidth - 24) {
                g.fillText(label, x, top + AXIS_ROW / 2 + 1);
            }
        }
        g.setTextAlign(TextAlignment.RIGHT);
        g.setFont(LABEL);
        g.setFill(paper ? palette.rPeak() : palette.muted());
        g.fillText(scale, w - 8, top + AXIS_ROW / 2 + 1);
    }

    /** "25 mm/s · 10 mm/mV" when the time axis is at paper speed, else the current speed in mm/s. */
    String calibrationText() {
        double mmPerS = fs / window.samplesPerPixel() / pxPerMm;
        if (paper) {
            return "25 mm/s · 10 mm/mV";
        }
        return String.format(Locale.ROOT, "free zoom · %s mm/s · 10 mm/mV",
                mmPerS >= 10 ? String.format(Locale.ROOT, "%.0f", mmPerS) : String.format(Locale.ROOT, "%.2g", mmPerS));
    }
}
