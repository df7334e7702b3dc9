package org.ecgworkbench.views.viewer;

import java.util.List;
import java.util.function.DoubleConsumer;

import javafx.geometry.VPos;
import javafx.scene.image.ImageView;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.Region;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;
import org.ecgworkbench.engine.dataset.RhythmEpisode;

/**
 * The whole record in one strip (first lead, min/max per column, rhythm bands underneath) with the visible window
 * marked; pressing or dragging in it centres the window on that moment. The strip itself is painted once per record,
 * size and theme; a frame only copies it back and marks the window.
 */
final class OverviewStrip extends Region {

    static final double HEIGHT = 58;

    private static final Font SMALL = Font.font("System", 11);

    private final ImageView view = new ImageView();
    private final TextStamps stamps = new TextStamps();
    private final TimeWindow window;
    private double width;
    private double height;
    /** The strip without the window mark, and what it was painted for. */
    private int[] strip = new int[0];
    private Object[] stripKey;
    MinMaxPyramid signal;
    List<RhythmEpisode> episodes = List.of();
    Palette palette;
    private double[] mins = new double[0];
    private double[] maxs = new double[0];
    private final Raster raster = new Raster();
    private double lo;
    private double hi;

    /** A strip that moves window on clicks and tells onCentre the sample to centre on. */
    OverviewStrip(TimeWindow window, Palette palette, DoubleConsumer onCentre) {
        this.window = window;
        this.palette = palette;
        view.setSmooth(false);
        getChildren().add(view);
        setMinHeight(HEIGHT);
        setPrefHeight(HEIGHT);
        setMaxHeight(HEIGHT);
        getStyleClass().add("viewer-overview");
        javafx.event.EventHandler<MouseEvent> move = e -> {
            if (window.samples() > 0 && width > 0) {
                onCentre.accept(e.getX() / width * window.samples());
            }
        };
        setOnMousePressed(move);
        setOnMouseDragged(move);
    }

    /** Sets the signal drawn (null: none) and computes its robust vertical range once. */
    void setSignal(MinMaxPyramid p) {
        signal = p;
        if (p != null) {
            double[] q = Track.quantiles(p.data(), 0.0005, 0.9995);
            lo = q[0];
            hi = q[1] > q[0] ? q[1] : q[0] + 1;
        }
    }

    @Override
    protected void layoutChildren() {
        double w = Math.floor(getWidth());
        double h = Math.floor(getHeight());
        if (width != w || height != h) {
            width = w;
            height = h;
            redraw();
        }
    }

    /** Draws the strip into pixels (as the main plot, see {@link Raster}); O(width · log samples) when it changed. */
    void redraw() {
        double w = width;
        double h = height;
        if (w < 2 || h < 2) {
            view.setImage(null);
            return;
        }
        raster.resize((int) w, (int) h);
        if (view.getImage() != raster.image()) {
            view.setImage(raster.image());
        }
        int n = window.samples();
        raster.paint(() -> {
            Object[] key = {w, h, n, signal, episodes, palette, lo, hi};
            if (!java.util.Arrays.equals(key, stripKey)) {
                paint(w, h, n);
                strip = raster.copy(strip);
                stripKey = key;
            } else {
                raster.restore(strip);
            }
            if (n > 0) {
                markWindow(w, h, n);
            }
        });
    }

    private void paint(double w, double h, int n) {
        int cols = (int) w;
        raster.clear(Raster.argb(palette.paper().interpolate(palette.text(), 0.04)));
        raster.hline(0, 0, cols, Raster.argb(palette.muted()));
        if (n == 0) {
            return;
        }
        int band = 8;
        for (RhythmEpisode e : episodes) {
            int x0 = (int) Math.floor(e.start() / (double) n * w);
            int x1 = (int) Math.max(x0 + 1, Math.ceil(e.end() / (double) n * w));
            raster.fill(x0, (int) h - band, x1, (int) h, Raster.argb(Palette.rhythm(e.rhythm())));
        }
        if (signal != null) {
            if (mins.length < cols) {
                mins = new double[cols];
                maxs = new double[cols];
            }
            signal.columns(0, n / w, cols, mins, maxs);
            double top = 6;
            double bottom = h - band - 4;
            double a = -(bottom - top) / (hi - lo);
            double b = bottom - a * lo;
            int argb = Raster.argb(palette.trace().interpolate(palette.paper(), 0.3));
            for (int c = 0; c < cols; c++) {
                if (!Double.isNaN(mins[c])) {
                    double y1 = Math.max(top, Math.min(bottom, a * maxs[c] + b));
                    double y2 = Math.max(top, Math.min(bottom, a * mins[c] + b));
                    raster.span(c, y1, y2, argb, 1);
                }
            }
        }
    }

    private void markWindow(double w, double h, int n) {
        int x0 = (int) Math.floor(window.start() / n * w);
        int x1 = (int) Math.max(x0 + 3, Math.ceil(window.end() / n * w));
        int frame = Raster.argb(palette.window());
        raster.tint(x0, 1, x1, (int) h, palette.window(), 0.18);
        raster.fill(x0, 1, x1, 3, frame);
        raster.fill(x0, (int) h - 2, x1, (int) h, frame);
        raster.fill(x0, 1, x0 + 2, (int) h, frame);
        raster.fill(x1 - 2, 1, x1, (int) h, frame);
        // the clock labels, above the mark
        String end = TimeFormat.clock(n / windowFs());
        raster.roundRect(2, 2, 34, 16, 0, palette.labelBack());
        raster.roundRect(w - 10 - 7 * end.length(), 2, w - 2, 16, 0, palette.labelBack());
        stamps.draw(raster, end, w - 5, 3, SMALL, palette.text(), TextAlignment.RIGHT, VPos.TOP);
        stamps.draw(raster, "0:00", 5, 3, SMALL, palette.text(), TextAlignment.LEFT, VPos.TOP);
    }

    private double fs = 360;

    /** Sampling frequency in Hz, for the duration label. */
    void setFs(double fs) {
        this.fs = fs;
    }

    private double windowFs() {
        return fs;
    }
}
