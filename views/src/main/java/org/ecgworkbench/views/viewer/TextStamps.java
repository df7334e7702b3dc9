package org.ecgworkbench.views.viewer;

import java.util.LinkedHashMap;
import java.util.Map;

import javafx.geometry.Bounds;
import javafx.geometry.VPos;
import javafx.scene.SnapshotParameters;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.Text;
import javafx.scene.text.TextAlignment;

/**
 * Labels stamped into a {@link Raster}: each distinct string, font and colour is rendered once by JavaFX (a Text node's
 * snapshot, so it looks exactly like any other JavaFX text) and afterwards only blended into the pixels.
 *
 * <p>Why not Text nodes or a canvas above the image: under the software pipeline every frame would lay out and draw
 * the glyphs of some fifty labels again (several milliseconds while panning), although the strings seen are few and
 * repeat (clock times, beat symbols, lane names).
 */
final class TextStamps {

    private record Key(String text, Font font, Color fill, VPos baseline) {
    }

    /** Premultiplied ARGB pixels w × h, and where they sit relative to the label's anchor (x, y), in pixels. */
    private record Stamp(int[] pixels, int w, int h, double left, double top, double width) {
    }

    private static final int CAPACITY = 2048;

    private final Map<Key, Stamp> cache = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, Stamp> eldest) {
            return size() > CAPACITY;
        }
    };
    private final SnapshotParameters params = new SnapshotParameters();

    TextStamps() {
        params.setFill(Color.TRANSPARENT);
    }

    /** Blends a label into raster at (x, y) in pixels, aligned to x horizontally and to y vertically as given. */
    void draw(Raster raster, String s, double x, double y, Font font, Color fill, TextAlignment align, VPos baseline) {
        if (s.isEmpty()) {
            return;
        }
        Stamp st = cache.computeIfAbsent(new Key(s, font, fill, baseline), this::render);
        double dx = switch (align) {
            case CENTER -> -st.width() / 2;
            case RIGHT -> -st.width();
            default -> 0;
        };
        raster.blendPremultiplied((int) Math.round(x + dx + st.left()), (int) Math.round(y + st.top()), st.w(), st.h(),
                st.pixels());
    }

    private Stamp render(Key k) {
        Text t = new Text(k.text());
        t.setFont(k.font());
        t.setFill(k.fill());
        t.setTextOrigin(k.baseline());
        Bounds b = t.getBoundsInParent();
        WritableImage img = t.snapshot(params, null);
        int w = (int) img.getWidth();
        int h = (int) img.getHeight();
        int[] px = new int[w * h];
        img.getPixelReader().getPixels(0, 0, w, h, PixelFormat.getIntArgbPreInstance(), px, 0, w);
        return new Stamp(px, w, h, Math.floor(b.getMinX()), Math.floor(b.getMinY()), t.getLayoutBounds().getWidth());
    }
}
