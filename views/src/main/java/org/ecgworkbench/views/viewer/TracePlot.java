package org.ecgworkbench.views.viewer;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import javafx.geometry.VPos;
import javafx.scene.image.ImageView;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.TextAlignment;
import org.ecgworkbench.engine.dataset.RhythmEpisode;
import org.ecgworkbench.views.common.WorkbenchPreferences.Units;

/**
 * The multi-track plot: ECG paper grid, rhythm bands, reference annotations, lanes of traces with their thresholds and
 * R peaks, the heart-rate lane and the time axis.
 *
 * <p>Not ChartFX: ChartFX lays out one axis pair per chart and re-reduces its data sets every frame; here the grid must
 * sit at exact millimetres of the screen (25 mm/s, 10 mm/mV) across all lanes, the lanes share one time axis, and each
 * frame reads only O(width · log n) values from precomputed min/max pyramids. Grid, traces, thresholds and markers are
 * painted into a {@link Raster} shown by an ImageView (one image upload per frame: far cheaper than anti-aliased canvas
 * paths, and no canvas texture to clear and composite, see there); text is stamped into the same pixels from
 * pre-rendered labels ({@link TextStamps}). Together this keeps panning a 30-minute two-lead record smooth.
 */
final class TracePlot extends Region {

    static final double RHYTHM_ROW = 20;
    static final double ANNOTATION_ROW = 18;
    static final double AXIS_ROW = 20;
    private static final Font LABEL = Font.font("System", FontWeight.BOLD, 12);
    private static final Font SMALL = Font.font("System", 11);
    private static final double[] TIME_STEPS = {0.04, 0.1, 0.2, 0.5, 1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800,
        3600};

    private static final Font EMPTY = Font.font("System", 16);
    private static final Sprite PEAK = Sprite.downTriangle(4.5, 7);
    private static final Sprite RING = Sprite.ring(3.5, 1.4);
    private static final Sprite CROSS = Sprite.cross(3, 1.4);
    private static final Sprite DOT = Sprite.disc(2.5);

    private final Raster raster = new Raster();
    private final ImageView view = new ImageView();
    private final TextStamps stamps = new TextStamps();
    private double width;
    private double height;
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
    private double[] laneA = new double[0];
    private double[] laneB = new double[0];
    private double[] sortLo = new double[0];
    private double[] sortHi = new double[0];
    private long frames;

    TracePlot(TimeWindow window) {
        this.window = window;
        view.setSmooth(false);
        getChildren().add(view);
        setMinSize(200, 120);
        setPrefSize(1200, 700);
        setFocusTraversable(true);
    }

    /** Frames drawn so far. */
    long frames() {
        return frames;
    }

    @Override
    protected void layoutChildren() {
        double w = Math.floor(getWidth());
        double h = Math.floor(getHeight());
        if (width != w || height != h) {
            width = w;
            height = h;
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
        double w = width;
        double h = height;
        frames++;
        if (w < 2 || h < 2) {
            view.setImage(null);
            return;
        }
        raster.resize((int) w, (int) h);
        if (view.getImage() != raster.image()) {
            view.setImage(raster.image());
        }
        if (window.samples() == 0) {
            raster.paint(() -> {
                drawGrid(0, w, h);
                label(emptyMessage, w / 2, h / 2, EMPTY, palette.muted(), TextAlignment.CENTER, VPos.CENTER);
            });
            return;
        }
        ensureBuffers((int) w);
        boolean rhythm = !episodes.isEmpty();
        boolean annotations = annotationSamples.length > 0;
        double rhythmTop = 0;
        double annTop = rhythm ? RHYTHM_ROW : 0;
        double top = annTop + (annotations ? ANNOTATION_ROW : 0);
        double bottom = h - AXIS_ROW;
        layoutLanes(top, bottom);
        raster.paint(() -> {
            raster.clearRows(0, (int) top, Raster.argb(palette.paper()));
            drawGrid(top, w, bottom);
            if (rhythm) {
                drawRhythmBands(rhythmTop, top, bottom, w);
            }
            for (int i = 0; i < lanes.size(); i++) {
                drawLaneRaster(lanes.get(i), i, w);
            }
            if (heartRate != null) {
                drawHeartRateRaster(w);
            }
            drawAxisRaster(bottom, w);
            for (int i = 0; i < lanes.size(); i++) {
                drawLaneMarks(lanes.get(i), i, w);
            }
            if (heartRate != null) {
                drawHeartRateMarks(w);
            }
            if (annotations) {
                drawAnnotationTicks(annTop, w);
            }
            drawLabels(rhythm, rhythmTop, annotations, annTop, bottom, w);
        });
    }

    /** The text of a frame, stamped into the raster after everything else. */
    private void drawLabels(boolean rhythm, double rhythmTop, boolean annotations, double annTop, double bottom,
                            double w) {
        if (rhythm) {
            drawRhythmLabels(rhythmTop, w);
        }
        for (int i = 0; i < lanes.size(); i++) {
            drawLaneLabel(lanes.get(i), laneTop[i]);
        }
        if (heartRate != null) {
            drawHeartRateLabels(w);
        }
        if (annotations) {
            drawAnnotationLetters(annTop, w);
        }
        drawAxisLabels(bottom, w);
    }

    private void label(String s, double x, double y, Font font, Color fill, TextAlignment align, VPos baseline) {
        stamps.draw(raster, s, x, y, font, fill, align, baseline);
    }

    private void ensureBuffers(int w) {
        if (mins.length < w + 1) {
            mins = new double[w + 1];
            maxs = new double[w + 1];
            sortLo = new double[w + 1];
            sortHi = new double[w + 1];
        }
    }

    private void layoutLanes(double top, double bottom) {
        int n = lanes.size();
        laneTop = new double[n];
        laneHeight = new double[n];
        laneA = new double[n];
        laneB = new double[n];
        double total = 0;
        for (Track t : lanes) {
            total += weight(t);
        }
        double hrWeight = heartRate != null ? 2 : 0;
        total += hrWeight;
        double unit = total > 0 ? (bottom - top) / total : 0;
        double y = top;
        for (int i = 0; i < n; i++) {
            laneTop[i] = Math.floor(y);
            y += weight(lanes.get(i)) * unit;
            laneHeight[i] = Math.floor(y) - laneTop[i];
        }
        hrTop = Math.floor(y);
        hrHeight = bottom - hrTop;
    }

    private static double weight(Track t) {
        return t.kind() == Track.Kind.STAGE ? 2 : 3;
    }

    // ---------------------------------------------------------------- grid

    /**
     * The paper of rows [top, bottom): time lines every 0.04 s (1 mm at 25 mm/s) and 0.2 s when legible, coarser when
     * zoomed out; amplitude rows every 1 and 5 mm. Plain paper when the grid is off.
     */
    private void drawGrid(double top, double w, double bottom) {
        int paperArgb = Raster.argb(palette.paper());
        int y0 = (int) top;
        int y1 = (int) bottom;
        if (rowKind.length < raster.height()) {
            rowKind = new byte[raster.height()];
        }
        java.util.Arrays.fill(rowKind, (byte) 0);
        int nMinor = 0;
        int nMajor = 0;
        if (grid) {
            double pxPerS = fs / window.samplesPerPixel();
            double minorS = 0.04;
            double majorS = 0.2;
            if (majorS * pxPerS < 6) {
                majorS = step(40 / pxPerS);
                minorS = majorS / 5;
            }
            double mm = pxPerMm;
            if (minorS * pxPerS >= 3) {
                nMinor = timeLines(minorS, majorS, true);
            }
            nMajor = timeLines(majorS, 0, false);
            if (mm >= 3) {
                for (int k = (int) Math.ceil(top / mm); k * mm < bottom; k++) {
                    rowKind[(int) Math.floor(k * mm)] = 1;
                }
            }
            for (int k = (int) Math.ceil(top / (5 * mm)); k * 5 * mm < bottom; k++) {
                rowKind[(int) Math.floor(k * 5 * mm)] = 2;
            }
        }
        raster.paper(y0, y1, minorXs, nMinor, majorXs, nMajor, rowKind, paperArgb, Raster.argb(palette.minor()),
                Raster.argb(palette.major()));
    }

    private byte[] rowKind = new byte[0];
    private int[] minorXs = new int[0];
    private int[] majorXs = new int[0];

    /** Pixel columns of the time lines every stepS seconds (skipping multiples of skipS) into minorXs or majorXs. */
    private int timeLines(double stepS, double skipS, boolean minor) {
        double stepSamples = stepS * fs;
        long first = (long) Math.ceil(window.start() / stepSamples);
        long last = (long) Math.floor(window.end() / stepSamples);
        long skipEvery = skipS > 0 ? Math.round(skipS / stepS) : 0;
        int cap = (int) Math.max(0, last - first + 1);
        int[] out = minor ? minorXs : majorXs;
        if (out.length < cap) {
            out = new int[cap];
            if (minor) {
                minorXs = out;
            } else {
                majorXs = out;
            }
        }
        int n = 0;
        for (long k = first; k <= last; k++) {
            if (skipEvery > 0 && k % skipEvery == 0) {
                continue;
            }
            out[n++] = (int) Math.floor(window.xOf(k * stepSamples));
        }
        return n;
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

    private void drawRhythmBands(double top, double laneTopY, double bottom, double w) {
        for (RhythmEpisode e : episodes) {
            double x0 = Math.max(0, window.xOf(e.start()));
            double x1 = Math.min(w, window.xOf(e.end()));
            if (x1 <= 0 || x0 >= w || x1 <= x0) {
                continue;
            }
            Color c = Palette.rhythm(e.rhythm());
            raster.tint((int) x0, (int) top + 2, (int) Math.ceil(x1), (int) (top + RHYTHM_ROW) - 2, c, 0.35);
            raster.fill((int) x0, (int) top + 2, (int) Math.min(x0 + 3, x1), (int) (top + RHYTHM_ROW) - 2,
                    Raster.argb(c));
            if (!"N".equals(e.rhythm())) {
                // rhythms other than sinus tint the lanes too, so that an episode is seen wherever one looks
                raster.tint((int) x0, (int) laneTopY, (int) Math.ceil(x1), (int) bottom, c, 0.08);
            }
        }
    }

    private void drawRhythmLabels(double top, double w) {
        for (RhythmEpisode e : episodes) {
            double x0 = Math.max(0, window.xOf(e.start()));
            double x1 = Math.min(w, window.xOf(e.end()));
            String label = "(" + e.rhythm() + ")";
            if (x1 - x0 > 7 * label.length() + 8) {
                label(label, x0 + 6, top + RHYTHM_ROW / 2, SMALL, palette.text(), TextAlignment.LEFT, VPos.CENTER);
            }
        }
    }

    /** Annotations as letters when they are legible, else as 1-pixel ticks (in the raster); none when crowded. */
    private boolean annotationLetters(int from, int to, double w) {
        return (to - from) < w / 9;
    }

    private void drawAnnotationTicks(double top, double w) {
        int from = lowerBound(annotationSamples, window.start() - window.samplesPerPixel() * 8);
        int to = lowerBound(annotationSamples, window.end() + window.samplesPerPixel() * 8);
        if (to - from > w / 3 || annotationLetters(from, to, w)) {
            return;
        }
        for (int i = from; i < to; i++) {
            Color c = annotationBeats[i] ? palette.beat(annotationSymbols[i]) : palette.muted();
            // one pixel column from top + 4 to top + ROW - 4 (exclusive), as the 1-px line at x + 0.5 it replaces
            raster.vline((int) Math.floor(window.xOf(annotationSamples[i])), (int) (top + 4),
                    (int) (top + ANNOTATION_ROW - 4) - 1, Raster.argb(c));
        }
    }

    private void drawAnnotationLetters(double top, double w) {
        int from = lowerBound(annotationSamples, window.start() - window.samplesPerPixel() * 8);
        int to = lowerBound(annotationSamples, window.end() + window.samplesPerPixel() * 8);
        if (to - from > w / 3 || !annotationLetters(from, to, w)) {
            return;
        }
        for (int i = from; i < to; i++) {
            String s = annotationSymbols[i];
            Color c = annotationBeats[i] ? palette.beat(s) : palette.muted();
            label(s, window.xOf(annotationSamples[i]), top + ANNOTATION_ROW / 2, LABEL, c, TextAlignment.CENTER,
                    VPos.CENTER);
        }
    }

    /** Index of the first element of the sorted sample positions a that is not below v (a.length: none). */
    private static int lowerBound(long[] a, double v) {
        return lowerBound(a.length, i -> a[i] < v);
    }

    /** As {@link #lowerBound(long[], double)} for int positions. */
    private static int lowerBound(int[] a, double v) {
        return lowerBound(a.length, i -> a[i] < v);
    }

    /** First index in [0, n) for which below is false, below being true then false along the indices. */
    private static int lowerBound(int n, java.util.function.IntPredicate below) {
        int lo = 0;
        int hi = n;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (below.test(mid)) {
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

    private void drawLaneRaster(Track t, int index, double w) {
        double top = laneTop[index];
        double height = laneHeight[index];
        int cols = (int) w;
        boolean columns = window.samplesPerPixel() >= 1;
        if (columns) {
            t.pyramid().columns(window.start(), window.samplesPerPixel(), cols, mins, maxs);
        }
        double[] ab = scale(t, top, height, cols, columns);
        double a = ab[0];
        double b = ab[1];
        laneA[index] = a;
        laneB[index] = b;
        // values are clamped to the lane: a trace never runs into its neighbours
        yTop = top + 1;
        yBottom = top + height - 2;
        if (index > 0) {
            raster.hline((int) top, 0, cols, Raster.argb(palette.major().interpolate(palette.text(), 0.15)));
        }
        if (!t.calibrated() && Math.floor(b) > yTop && Math.floor(b) < yBottom) {
            raster.dashedHline((int) Math.floor(b), 0, cols, Raster.argb(palette.paper().interpolate(palette.muted(),
                    0.5)), 2, 3);
        }
        Color colour = switch (t.kind()) {
            case LEAD -> palette.trace();
            case FILTERED -> palette.filtered();
            case STAGE -> palette.stage()[stageIndex(t.id())];
        };
        trace(t, a, b, cols, Raster.argb(colour));
        for (Track.StepLine s : t.thresholds()) {
            drawSteps(s, a, b, w);
        }
    }

    private void drawLaneMarks(Track t, int index, double w) {
        double top = laneTop[index];
        yTop = top + 1;
        yBottom = top + laneHeight[index] - 2;
        if (t.id().equals(rPeakLaneId) && rPeaks != null) {
            drawPeaks(t, rPeaks, laneA[index], laneB[index], top, w, palette.rPeak(), true);
        }
        if (t.id().equals(noiseLaneId) && noisePeaks != null) {
            drawPeaks(t, noisePeaks, laneA[index], laneB[index], top, w, palette.muted(), false);
        }
        drawLaneLabelBack(t, top);
    }

    private static int stageIndex(String id) {
        return switch (id) {
            case "bandpassed" -> 0;
            case "derivative" -> 1;
            case "squared" -> 2;
            default -> 3;
        };
    }

    /**
     * Draws a trace into the raster, two pixels thick. When a pixel column spans a sample or more, each column is the
     * vertical run from its minimum to its maximum (columns overlap by a sample, so runs join); zoomed in further, line
     * segments through the samples.
     */
    private void trace(Track t, double a, double b, int cols, int argb) {
        if (window.samplesPerPixel() >= 1) {
            // column c shows its own run (at least 2 px) and, for thickness, the previous column's run (at least 1 px);
            // the two overlap (neighbouring columns share a sample), so each column is written once as their union
            int prevA = 0;
            int prevB = -1;
            for (int c = 0; c <= cols; c++) {
                int a0 = 0;
                int b0 = -1;
                if (c < cols && !Double.isNaN(mins[c])) {
                    double y1 = clampY(a * maxs[c] + b);
                    double y2 = clampY(a * mins[c] + b);
                    a0 = (int) Math.floor(Math.min(y1, y2));
                    b0 = (int) Math.floor(Math.max(y1, y2));
                    int missing = 2 - (b0 - a0 + 1);
                    if (missing > 0) {
                        a0 -= missing / 2;
                        b0 += missing - missing / 2;
                    }
                }
                if (prevB < prevA) {
                    if (b0 >= a0) {
                        raster.vline(c, a0, b0, argb);
                    }
                } else if (b0 < a0) {
                    raster.vline(c, prevA, prevB, argb);
                } else if (prevA <= b0 + 1 && a0 <= prevB + 1) {
                    raster.vline(c, Math.min(a0, prevA), Math.max(b0, prevB), argb);
                } else {
                    raster.vline(c, a0, b0, argb);
                    raster.vline(c, prevA, prevB, argb);
                }
                // the previous column's run as span(c + 1, lo, hi, 1) drew it: floor(lo) to floor(hi), at least 1 px
                if (c < cols && !Double.isNaN(mins[c])) {
                    double y1 = clampY(a * maxs[c] + b);
                    double y2 = clampY(a * mins[c] + b);
                    prevA = (int) Math.floor(Math.min(y1, y2));
                    prevB = (int) Math.floor(Math.max(y1, y2));
                } else {
                    prevA = 0;
                    prevB = -1;
                }
            }
        } else {
            double[] d = t.pyramid().data();
            int first = Math.max(0, (int) Math.floor(window.start()));
            int last = Math.min(d.length - 1, (int) Math.ceil(window.end()));
            for (int i = first; i < last; i++) {
                double x0 = window.xOf(i);
                double x1 = window.xOf(i + 1);
                double y0 = clampY(a * d[i] + b);
                double y1 = clampY(a * d[i + 1] + b);
                raster.segment(x0, y0, x1, y1, argb, 2);
                raster.segment(x0 + 1, y0, x1 + 1, y1, argb, 1);
            }
        }
    }

    private double yTop;
    private double yBottom = Double.MAX_VALUE;

    private double clampY(double y) {
        return Math.max(yTop, Math.min(yBottom, y));
    }

    /** A threshold as horizontal runs (dashed for the noise threshold) joined by vertical steps. */
    private void drawSteps(Track.StepLine s, double a, double b, double w) {
        int[] from = s.from();
        if (from.length == 0) {
            return;
        }
        int k0 = Math.max(0, lowerBound(from, window.start()) - 1);
        int k1 = Math.min(from.length, lowerBound(from, window.end()) + 1);
        int argb = Raster.argb(s.dashed() ? palette.noiseThreshold() : palette.threshold());
        for (int sign = 1; sign >= (s.mirrored() ? -1 : 1); sign -= 2) {
            int lastY = Integer.MIN_VALUE;
            for (int k = k0; k < k1; k++) {
                int x0 = (int) Math.floor(Math.max(0, window.xOf(from[k])));
                int x1 = k + 1 < from.length ? (int) Math.floor(Math.min(w, window.xOf(from[k + 1]))) : (int) w;
                int y = (int) Math.floor(clampY(a * sign * s.values()[k] + b));
                if (s.dashed()) {
                    raster.dashedHline(y, x0, x1 + 1, argb, 6, 4);
                } else {
                    raster.hline(y, x0, x1 + 1, argb);
                    raster.hline(y + 1, x0, x1 + 1, argb);
                    if (lastY != Integer.MIN_VALUE) {
                        raster.vline(x0, lastY, y, argb);
                    }
                }
                lastY = y;
            }
        }
    }

    private void drawPeaks(Track t, int[] peaks, double a, double b, double top, double w, Color colour,
                           boolean triangles) {
        int from = lowerBound(peaks, window.start());
        int to = lowerBound(peaks, window.end());
        if (to - from > w / 4) {
            // closer than 4 px apart the marks would merge into a bar that hides the trace
            return;
        }
        double[] d = t.pyramid().data();
        boolean dots = (to - from) < w / 6;
        int argb = Raster.argb(colour);
        for (int i = from; i < to; i++) {
            double x = window.xOf(peaks[i]);
            if (triangles) {
                PEAK.stamp(raster, x, top + 16, argb);
            }
            if (dots && peaks[i] < d.length) {
                double y = clampY(a * d[peaks[i]] + b);
                (triangles ? RING : CROSS).stamp(raster, x, y, argb);
            }
        }
    }

    /** The lane's label: its name, unit and the legend of what is drawn in it. */
    private String laneLabel(Track t) {
        String unit = unitLabel(t);
        List<String> legend = new ArrayList<>();
        for (Track.StepLine s : t.thresholds()) {
            legend.add((s.dashed() ? "- - " : "— ") + s.label());
        }
        if (t.id().equals(rPeakLaneId) && rPeaks != null) {
            legend.add("▼ R peaks (" + rPeaks.length + ")");
        }
        return t.label() + "  ·  " + unit + (legend.isEmpty() ? "" : "     " + String.join("   ", legend));
    }

    private void drawLaneLabelBack(Track t, double top) {
        double tw = laneLabel(t).length() * 7.1 + 10;
        raster.roundRect(4, top + 3, 4 + tw, top + 20, 3, palette.labelBack());
    }

    private void drawLaneLabel(Track t, double top) {
        label(laneLabel(t), 9, top + 5, LABEL, palette.text(), TextAlignment.LEFT, VPos.TOP);
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

    private double hrA;
    private double hrB;
    private double hrLo;
    private double hrHi;
    private double hrTick;

    private void drawHeartRateRaster(double w) {
        double top = hrTop;
        double height = hrHeight;
        if (height < 10) {
            return;
        }
        double[] q = Track.quantiles(heartRate.bpm(), 0.01, 0.99);
        hrLo = heartRate.size() == 0 ? 40 : Math.min(40, Math.floor(q[0] / 20) * 20);
        hrHi = heartRate.size() == 0 ? 120 : Math.min(250, Math.max(120, Math.ceil(q[1] / 20) * 20));
        double pad = 8;
        hrA = -(height - 2 * pad - 10) / (hrHi - hrLo);
        hrB = top + height - pad - hrA * hrLo;
        yTop = top + 1;
        yBottom = top + height - 2;
        int cols = (int) w;
        raster.hline((int) top, 0, cols, Raster.argb(palette.major().interpolate(palette.text(), 0.15)));
        hrTick = 20;
        while ((hrHi - hrLo) / hrTick * 20 > height - 2 * pad && hrTick < 200) {
            hrTick *= 2;
        }
        int dash = Raster.argb(palette.paper().interpolate(palette.muted(), 0.45));
        for (double v = Math.ceil(hrLo / hrTick) * hrTick; v <= hrHi; v += hrTick) {
            raster.dashedHline((int) Math.floor(hrA * v + hrB), 0, cols - 34, dash, 3, 4);
        }
        int from = Math.max(0, heartRate.firstAtOrAfter(window.start()) - 1);
        int to = Math.min(heartRate.size(), heartRate.firstAtOrAfter(window.end()) + 1);
        int argb = Raster.argb(palette.hr());
        double px = Double.NaN;
        double py = Double.NaN;
        for (int i = from; i < to; i++) {
            double x = window.xOf(heartRate.samples()[i]);
            double y = clampY(hrA * heartRate.bpm()[i] + hrB);
            if (!Double.isNaN(px) && Math.floor(x) != Math.floor(px)) {
                raster.segment(px, py, x, y, argb, 2);
            } else if (!Double.isNaN(px)) {
                raster.span((int) Math.floor(x), Math.min(py, y), Math.max(py, y), argb, 2);
            }
            px = x;
            py = y;
        }
    }

    private static final String HR_LABEL = "heart rate  ·  bpm (60 / RR of detected peaks)";

    private void drawHeartRateMarks(double w) {
        double top = hrTop;
        if (hrHeight < 10) {
            return;
        }
        int from = Math.max(0, heartRate.firstAtOrAfter(window.start()) - 1);
        int to = Math.min(heartRate.size(), heartRate.firstAtOrAfter(window.end()) + 1);
        yTop = top + 1;
        yBottom = top + hrHeight - 2;
        if ((to - from) < w / 10) {
            int argb = Raster.argb(palette.hr());
            for (int i = from; i < to; i++) {
                DOT.stamp(raster, window.xOf(heartRate.samples()[i]), clampY(hrA * heartRate.bpm()[i] + hrB), argb);
            }
        }
        raster.roundRect(4, top + 3, 4 + HR_LABEL.length() * 6.6 + 10, top + 20, 3, palette.labelBack());
    }

    private void drawHeartRateLabels(double w) {
        double top = hrTop;
        if (hrHeight < 10) {
            return;
        }
        for (double v = Math.ceil(hrLo / hrTick) * hrTick; v <= hrHi; v += hrTick) {
            label(String.format(Locale.ROOT, "%.0f", v), w - 6, Math.floor(hrA * v + hrB) + 0.5, SMALL,
                    palette.muted(), TextAlignment.RIGHT, VPos.CENTER);
        }
        label(HR_LABEL, 9, top + 5, LABEL, palette.text(), TextAlignment.LEFT, VPos.TOP);
    }

    private void drawAxisRaster(double top, double w) {
        int t = (int) top;
        raster.fill(0, t, (int) w, t + (int) AXIS_ROW + 1, Raster.argb(palette.paper().interpolate(palette.text(),
                0.06)));
        int muted = Raster.argb(palette.muted());
        raster.hline(t, 0, (int) w, muted);
        double stepS = step(90 / (fs / window.samplesPerPixel()));
        double stepSamples = stepS * fs;
        for (long k = (long) Math.ceil(window.start() / stepSamples); k * stepSamples <= window.end(); k++) {
            raster.vline((int) Math.floor(window.xOf(k * stepSamples)), t, t + 4, muted);
        }
    }

    private void drawAxisLabels(double top, double w) {
        double pxPerS = fs / window.samplesPerPixel();
        double stepS = step(90 / pxPerS);
        String scale = calibrationText();
        double scaleWidth = scale.length() * 7.2 + 20;
        double stepSamples = stepS * fs;
        for (long k = (long) Math.ceil(window.start() / stepSamples); k * stepSamples <= window.end(); k++) {
            double x = Math.floor(window.xOf(k * stepSamples)) + 0.5;
            double s = k * stepS;
            String label = stepS < 1 ? String.format(Locale.ROOT, "%s.%02d", TimeFormat.clock(s),
                    Math.round((s - Math.floor(s)) * 100) % 100) : TimeFormat.clock(s);
            if (x > 20 && x < w - scaleWidth - 24) {
                label(label, x, top + AXIS_ROW / 2 + 1, SMALL, palette.text(), TextAlignment.CENTER, VPos.CENTER);
            }
        }
        label(scale, w - 8, top + AXIS_ROW / 2 + 1, LABEL, paper ? palette.rPeak() : palette.muted(),
                TextAlignment.RIGHT, VPos.CENTER);
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
