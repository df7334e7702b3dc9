package org.ecgworkbench.views.viewer;

import java.util.Locale;

import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;
import org.ecgworkbench.engine.filter.Freqz;

/**
 * Magnitude (dB) and unwrapped phase of a filter against frequency in Hz, two panels on one canvas. A plain canvas:
 * two small fixed plots redrawn on every edit do not need ChartFX's zoom and data-set machinery.
 */
final class ResponsePlot extends Region {

    private final Canvas canvas = new Canvas();
    private Freqz.Response response;
    private double fs = 360;
    private double[] edges = new double[0];
    private boolean degrees = true;
    Palette palette = Palette.of(org.ecgworkbench.views.common.WorkbenchPreferences.Theme.LIGHT);

    ResponsePlot() {
        getChildren().add(canvas);
        setMinSize(220, 260);
        setPrefSize(320, 360);
    }

    /** Shows a response (null: none) computed at fs Hz, with the band edges (Hz) marked. */
    void show(Freqz.Response r, double fs, double[] edgesHz, boolean inDegrees) {
        this.response = r;
        this.fs = fs;
        this.edges = edgesHz.clone();
        this.degrees = inDegrees;
        redraw();
    }

    /** The response shown, or null. */
    Freqz.Response response() {
        return response;
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

    void redraw() {
        GraphicsContext g = canvas.getGraphicsContext2D();
        double w = canvas.getWidth();
        double h = canvas.getHeight();
        g.setFill(palette.paper());
        g.fillRect(0, 0, w, h);
        if (w < 50 || h < 80) {
            return;
        }
        double left = 46;
        double right = w - 10;
        double gap = 30;
        double panel = (h - 18 - gap - 20) / 2;
        double magTop = 18;
        double phTop = magTop + panel + gap;
        if (response == null) {
            g.setFill(palette.muted());
            g.setTextAlign(TextAlignment.CENTER);
            g.setTextBaseline(VPos.CENTER);
            g.setFont(Font.font("System", 12));
            g.fillText("no valid filter", w / 2, h / 2);
            return;
        }
        double[] db = response.magnitudeDb();
        double[] ph = degrees ? response.phaseUnwrappedDegrees() : response.phaseUnwrapped();
        double dbMax = 5;
        double dbMin = -80;
        double phMin = Double.POSITIVE_INFINITY;
        double phMax = Double.NEGATIVE_INFINITY;
        for (double v : ph) {
            phMin = Math.min(phMin, v);
            phMax = Math.max(phMax, v);
        }
        if (!(phMax > phMin)) {
            phMax = phMin + 1;
        }
        double phStep = niceStep((phMax - phMin) / 4);
        phMin = Math.floor(phMin / phStep) * phStep;
        phMax = Math.ceil(phMax / phStep) * phStep;
        axes(g, "magnitude (dB)", left, right, magTop, panel, dbMin, dbMax, 20);
        axes(g, degrees ? "phase, unwrapped (°)" : "phase, unwrapped (rad)", left, right, phTop, panel, phMin, phMax,
                phStep);
        double nyq = fs / 2;
        g.setLineDashes(4, 3);
        g.setStroke(palette.threshold());
        g.setLineWidth(1);
        for (double e : edges) {
            double x = left + e / nyq * (right - left);
            g.strokeLine(x, magTop, x, magTop + panel);
            g.strokeLine(x, phTop, x, phTop + panel);
        }
        g.setLineDashes(null);
        curve(g, response.frequencies(), db, left, right, magTop, panel, dbMin, dbMax, nyq, palette.stage()[0]);
        curve(g, response.frequencies(), ph, left, right, phTop, panel, phMin, phMax, nyq, palette.stage()[3]);
        // frequency axis under the phase panel
        g.setFill(palette.muted());
        g.setFont(Font.font("System", 10));
        g.setTextAlign(TextAlignment.CENTER);
        g.setTextBaseline(VPos.TOP);
        double fStep = niceStep(nyq / 5);
        for (double f = 0; f <= nyq + 1e-9; f += fStep) {
            double x = left + f / nyq * (right - left);
            g.fillText(label(f, fStep), x, phTop + panel + 3);
        }
        g.setTextAlign(TextAlignment.RIGHT);
        g.fillText("Hz", right, phTop + panel + 14 > h - 10 ? h - 12 : phTop + panel + 14);
    }

    private void axes(GraphicsContext g, String title, double left, double right, double top, double height,
                      double lo, double hi, double step) {
        g.setFill(palette.text());
        g.setFont(Font.font("System", 11));
        g.setTextAlign(TextAlignment.LEFT);
        g.setTextBaseline(VPos.BOTTOM);
        g.fillText(title, left, top - 3);
        g.setStroke(palette.minor().interpolate(palette.muted(), 0.25));
        g.setLineWidth(1);
        g.setTextAlign(TextAlignment.RIGHT);
        g.setTextBaseline(VPos.CENTER);
        g.setFont(Font.font("System", 10));
        for (double v = lo; v <= hi + 1e-9 * Math.abs(step); v += step) {
            double y = Math.floor(top + height - (v - lo) / (hi - lo) * height) + 0.5;
            g.strokeLine(left, y, right, y);
            g.setFill(palette.muted());
            g.fillText(label(Math.abs(v) < 1e-12 ? 0 : v, step), left - 4, y);
        }
        g.setStroke(palette.muted());
        g.strokeRect(Math.floor(left) + 0.5, Math.floor(top) + 0.5, Math.floor(right - left), Math.floor(height));
    }

    private static void curve(GraphicsContext g, double[] f, double[] v, double left, double right, double top,
                              double height, double lo, double hi, double nyq, Color colour) {
        double[] xs = new double[f.length];
        double[] ys = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            xs[i] = left + f[i] / nyq * (right - left);
            double clamped = Double.isFinite(v[i]) ? Math.max(lo, Math.min(hi, v[i])) : lo;
            ys[i] = top + height - (clamped - lo) / (hi - lo) * height;
        }
        g.save();
        g.beginPath();
        g.rect(left, top, right - left, height);
        g.clip();
        g.setStroke(colour);
        g.setLineWidth(1.8);
        g.strokePolyline(xs, ys, f.length);
        g.restore();
    }

    /** v with as many decimals as the tick step needs ("50", "0.5", "-180"). */
    static String label(double v, double step) {
        int decimals = (int) Math.max(0, Math.ceil(-Math.log10(step) - 1e-9));
        return String.format(Locale.ROOT, "%." + decimals + "f", v);
    }

    /** 1, 2 or 5 times a power of ten, at least x. */
    static double niceStep(double x) {
        if (!(x > 0)) {
            return 1;
        }
        double p = Math.pow(10, Math.floor(Math.log10(x)));
        for (double m : new double[] {1, 2, 5, 10}) {
            if (m * p >= x) {
                return m * p;
            }
        }
        return 10 * p;
    }
}
