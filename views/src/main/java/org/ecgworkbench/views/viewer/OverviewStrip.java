package org.ecgworkbench.views.viewer;

import java.util.List;
import java.util.function.DoubleConsumer;

import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.Region;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;
import org.ecgworkbench.engine.dataset.RhythmEpisode;

/**
 * The whole record in one strip (first lead, min/max per column, rhythm bands underneath) with the visible window
 * marked; pressing or dragging in it centres the window on that moment.
 */
final class OverviewStrip extends Region {

    static final double HEIGHT = 58;

    private final Canvas canvas = new Canvas();
    private final TimeWindow window;
    MinMaxPyramid signal;
    List<RhythmEpisode> episodes = List.of();
    Palette palette;
    private double[] mins = new double[0];
    private double[] maxs = new double[0];
    private double[] xs = new double[0];
    private double[] ys = new double[0];
    private double lo;
    private double hi;

    /** A strip that moves window on clicks and tells onCentre the sample to centre on. */
    OverviewStrip(TimeWindow window, Palette palette, DoubleConsumer onCentre) {
        this.window = window;
        this.palette = palette;
        getChildren().add(canvas);
        setMinHeight(HEIGHT);
        setPrefHeight(HEIGHT);
        setMaxHeight(HEIGHT);
        getStyleClass().add("viewer-overview");
        javafx.event.EventHandler<MouseEvent> move = e -> {
            if (window.samples() > 0 && canvas.getWidth() > 0) {
                onCentre.accept(e.getX() / canvas.getWidth() * window.samples());
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
        if (canvas.getWidth() != w || canvas.getHeight() != h) {
            canvas.setWidth(w);
            canvas.setHeight(h);
            redraw();
        }
    }

    /** Draws the strip; O(width · log samples). */
    void redraw() {
        GraphicsContext g = canvas.getGraphicsContext2D();
        double w = canvas.getWidth();
        double h = canvas.getHeight();
        g.setFill(palette.paper().interpolate(palette.text(), 0.04));
        g.fillRect(0, 0, w, h);
        g.setStroke(palette.muted());
        g.setLineWidth(1);
        g.strokeLine(0, 0.5, w, 0.5);
        int n = window.samples();
        if (n == 0 || w < 2) {
            return;
        }
        double band = 8;
        for (RhythmEpisode e : episodes) {
            double x0 = e.start() / (double) n * w;
            double x1 = e.end() / (double) n * w;
            g.setFill(Palette.rhythm(e.rhythm()).deriveColor(0, 1, 1, 0.75));
            g.fillRect(x0, h - band, Math.max(1, x1 - x0), band);
        }
        if (signal != null) {
            int cols = (int) w;
            if (mins.length < cols) {
                mins = new double[cols];
                maxs = new double[cols];
                xs = new double[2 * cols];
                ys = new double[2 * cols];
            }
            double spp = n / w;
            signal.columns(0, spp, cols, mins, maxs);
            double top = 6;
            double bottom = h - band - 4;
            double a = -(bottom - top) / (hi - lo);
            double b = bottom - a * lo;
            int k = 0;
            for (int c = 0; c < cols; c++) {
                if (Double.isNaN(mins[c])) {
                    continue;
                }
                double y1 = Math.max(top, Math.min(bottom, a * Math.max(lo, mins[c]) + b));
                double y2 = Math.max(top, Math.min(bottom, a * Math.min(hi, maxs[c]) + b));
                xs[k] = c + 0.5;
                ys[k++] = (c & 1) == 0 ? y1 : y2;
                xs[k] = c + 0.5;
                ys[k++] = (c & 1) == 0 ? y2 : y1;
            }
            g.setStroke(palette.trace().deriveColor(0, 1, 1, 0.75));
            g.strokePolyline(xs, ys, k);
        }
        double x0 = window.start() / n * w;
        double x1 = window.end() / n * w;
        double ww = Math.max(3, x1 - x0);
        g.setFill(palette.window().deriveColor(0, 1, 1, 0.18));
        g.fillRect(x0, 1, ww, h - 1);
        g.setStroke(palette.window());
        g.setLineWidth(2);
        g.strokeRect(x0 + 1, 2, ww - 2, h - 3);
        g.setFont(Font.font("System", 11));
        g.setTextBaseline(VPos.TOP);
        String end = TimeFormat.clock(n / windowFs());
        g.setFill(palette.labelBack());
        g.fillRect(2, 2, 32, 14);
        g.fillRect(w - 10 - 7 * end.length(), 2, 8 + 7 * end.length(), 14);
        g.setFill(palette.text());
        g.setTextAlign(TextAlignment.RIGHT);
        g.fillText(end, w - 5, 3);
        g.setTextAlign(TextAlignment.LEFT);
        g.fillText("0:00", 5, 3);
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
