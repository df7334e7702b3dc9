package org.ecgworkbench.views.viewer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javafx.geometry.VPos;
import javafx.scene.layout.Pane;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.Text;
import javafx.scene.text.TextAlignment;

/**
 * The labels above a {@link Raster} image, as a pool of Text nodes reused from frame to frame.
 *
 * <p>Why nodes rather than a canvas on top: a full-size transparent canvas costs a clear and an alpha-blended
 * composite of every pixel per frame under the software pipeline, whereas Text nodes only draw their glyphs.
 */
final class TextLayer extends Pane {

    private final List<Text> pool = new ArrayList<>();
    private final Map<Font, Map<String, Double>> widths = new HashMap<>();
    private final Text measure = new Text();
    private final javafx.scene.shape.Rectangle clip = new javafx.scene.shape.Rectangle();
    private int used;

    TextLayer() {
        setMouseTransparent(true);
        setManaged(false);
        // labels near the edges are cut there, as on a canvas, rather than reaching past the component
        setClip(clip);
    }

    /** Sets the area labels may paint in, in pixels from the layer's origin. */
    void setArea(double w, double h) {
        clip.setWidth(w);
        clip.setHeight(h);
    }

    /** Starts a frame: the labels added until {@link #end()} replace the previous frame's. */
    void begin() {
        used = 0;
    }

    /** Adds a label at (x, y) in pixels, aligned to x horizontally and to y vertically as given. */
    void add(String s, double x, double y, Font font, Color fill, TextAlignment align, VPos baseline) {
        Text t;
        if (used < pool.size()) {
            t = pool.get(used);
        } else {
            t = new Text();
            t.setManaged(false);
            pool.add(t);
            getChildren().add(t);
        }
        used++;
        if (!s.equals(t.getText())) {
            t.setText(s);
        }
        if (t.getFont() != font) {
            t.setFont(font);
        }
        if (t.getFill() != fill) {
            t.setFill(fill);
        }
        if (t.getTextOrigin() != baseline) {
            t.setTextOrigin(baseline);
        }
        double dx = switch (align) {
            case CENTER -> -width(s, font) / 2;
            case RIGHT -> -width(s, font);
            default -> 0;
        };
        t.setX(x + dx);
        t.setY(y);
        t.setVisible(true);
    }

    /** Ends a frame: hides the labels not used in it. */
    void end() {
        for (int i = used; i < pool.size(); i++) {
            pool.get(i).setVisible(false);
        }
    }

    // widths are cached because measuring lays the text out; the strings seen (clock times, symbols) are few
    private double width(String s, Font font) {
        Map<String, Double> m = widths.computeIfAbsent(font, f -> new HashMap<>());
        Double w = m.get(s);
        if (w == null) {
            if (m.size() > 4096) {
                m.clear();
            }
            measure.setFont(font);
            measure.setText(s);
            w = measure.getLayoutBounds().getWidth();
            m.put(s, w);
        }
        return w;
    }
}
