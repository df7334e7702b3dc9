package org.ecgworkbench.views.viewer;

import java.nio.IntBuffer;
import java.util.Arrays;

import javafx.scene.image.PixelBuffer;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.paint.Color;

/**
 * An opaque ARGB pixel buffer the viewer paints its grid, traces and thresholds into, shown as one image per frame.
 *
 * <p>Why own pixels rather than canvas paths: JavaFX rasterises every canvas path with anti-aliasing (Marlin), in
 * software under the headless and software pipelines and for path masks even on the GPU pipelines; a 1920-column
 * min/max trace of a zoomed-out record covers hundreds of thousands of pixel crossings per frame that way. Here a column
 * of a trace is one vertical run of pixels, the ECG grid a few hundred runs, and the whole frame costs a few
 * milliseconds plus one image upload. The image is shown by an ImageView, not drawn onto a canvas: a canvas would add
 * a full-size texture to clear, draw into and composite every frame. Text is stamped in too (see TextStamps).
 */
final class Raster {

    private int width;
    private int height;
    private int[] px = new int[0];
    private PixelBuffer<IntBuffer> pixels;
    private WritableImage image;

    /** Makes the buffer w × h pixels (keeps it when the size is unchanged). */
    void resize(int w, int h) {
        w = Math.max(1, w);
        h = Math.max(1, h);
        if (w != width || h != height) {
            width = w;
            height = h;
            px = new int[w * h];
            // the image reads these very pixels (no copy, no format conversion: opaque ARGB is the same premultiplied)
            pixels = new PixelBuffer<>(w, h, IntBuffer.wrap(px), PixelFormat.getIntArgbPreInstance());
            image = new WritableImage(pixels);
        }
    }

    /** The image showing these pixels. */
    WritableImage image() {
        return image;
    }

    int width() {
        return width;
    }

    int height() {
        return height;
    }

    /** Fills everything with one colour. */
    void clear(int argb) {
        Arrays.fill(px, argb);
    }

    /** Runs painter, which paints the pixels, as the image's update and returns the image; call on the FX thread. */
    WritableImage paint(Runnable painter) {
        pixels.updateBuffer(b -> {
            painter.run();
            return null;
        });
        return image;
    }

    /** Copies the pixels into into (reallocated when too small) and returns it. */
    int[] copy(int[] into) {
        int[] out = into.length == px.length ? into : new int[px.length];
        System.arraycopy(px, 0, out, 0, px.length);
        return out;
    }

    /** Sets the pixels from a copy made by {@link #copy} at the same size. */
    void restore(int[] from) {
        System.arraycopy(from, 0, px, 0, px.length);
    }

    /** Fills rows [y0, y1) with one colour. */
    void clearRows(int y0, int y1, int argb) {
        int a = Math.max(0, y0);
        int b = Math.min(height, y1);
        if (a < b) {
            Arrays.fill(px, a * width, b * width, argb);
        }
    }

    /**
     * Paints rows [y0, y1) as ECG paper by copying one of three prepared rows into each: plain paper crossed by the
     * vertical lines, a minor horizontal line, or a major one (vertical major lines stay on top of minor rows).
     * Row copies are memory-speed; drawing the vertical lines one by one would touch a cache line per pixel.
     *
     * @param rowKind 0, 1 (minor) or 2 (major) for each row y of the buffer
     */
    void paper(int y0, int y1, int[] minorX, int minorCount, int[] majorX, int majorCount, byte[] rowKind,
               int paper, int minor, int major) {
        int[] plain = new int[width];
        int[] minorRow = new int[width];
        int[] majorRow = new int[width];
        Arrays.fill(plain, paper);
        Arrays.fill(minorRow, minor);
        Arrays.fill(majorRow, major);
        for (int i = 0; i < minorCount; i++) {
            if (minorX[i] >= 0 && minorX[i] < width) {
                plain[minorX[i]] = minor;
            }
        }
        for (int i = 0; i < majorCount; i++) {
            if (majorX[i] >= 0 && majorX[i] < width) {
                plain[majorX[i]] = major;
                minorRow[majorX[i]] = major;
            }
        }
        for (int y = Math.max(0, y0); y < Math.min(height, y1); y++) {
            int[] row = rowKind[y] == 2 ? majorRow : rowKind[y] == 1 ? minorRow : plain;
            System.arraycopy(row, 0, px, y * width, width);
        }
    }

    /** Opaque ARGB of a colour (its opacity is dropped). */
    static int argb(Color c) {
        return 0xff000000 | ((int) Math.round(c.getRed() * 255) << 16) | ((int) Math.round(c.getGreen() * 255) << 8)
                | (int) Math.round(c.getBlue() * 255);
    }

    /** Horizontal run of pixels at row y from x0 to x1 (exclusive), clipped to the buffer. */
    void hline(int y, int x0, int x1, int argb) {
        if (y < 0 || y >= height) {
            return;
        }
        int a = Math.max(0, x0);
        int b = Math.min(width, x1);
        if (a < b) {
            Arrays.fill(px, y * width + a, y * width + b, argb);
        }
    }

    /** Dashed horizontal run: on for `on` pixels, off for `off`, phase counted from x = 0. */
    void dashedHline(int y, int x0, int x1, int argb, int on, int off) {
        if (y < 0 || y >= height) {
            return;
        }
        int a = Math.max(0, x0);
        int b = Math.min(width, x1);
        int period = on + off;
        int row = y * width;
        for (int x = a; x < b; x++) {
            if (x % period < on) {
                px[row + x] = argb;
            }
        }
    }

    /** Vertical run of pixels in column x from row y0 to y1 (both inclusive, either order), clipped. */
    void vline(int x, int y0, int y1, int argb) {
        if (x < 0 || x >= width) {
            return;
        }
        int a = Math.max(0, Math.min(y0, y1));
        int b = Math.min(height - 1, Math.max(y0, y1));
        for (int i = a * width + x, end = b * width + x; i <= end; i += width) {
            px[i] = argb;
        }
    }

    /** Fills a rectangle, clipped. */
    void fill(int x0, int y0, int x1, int y1, int argb) {
        for (int y = Math.max(0, y0); y < Math.min(height, y1); y++) {
            hline(y, x0, x1, argb);
        }
    }

    /** Blends a colour over a rectangle with the given opacity (0..1), clipped. */
    void tint(int x0, int y0, int x1, int y1, Color c, double opacity) {
        int a = (int) Math.round(opacity * 256);
        int r = (int) Math.round(c.getRed() * 255) * a;
        int g = (int) Math.round(c.getGreen() * 255) * a;
        int b = (int) Math.round(c.getBlue() * 255) * a;
        int keep = 256 - a;
        int xa = Math.max(0, x0);
        int xb = Math.min(width, x1);
        for (int y = Math.max(0, y0); y < Math.min(height, y1); y++) {
            int row = y * width;
            for (int x = xa; x < xb; x++) {
                int p = px[row + x];
                int pr = ((p >> 16) & 0xff) * keep + r;
                int pg = ((p >> 8) & 0xff) * keep + g;
                int pb = (p & 0xff) * keep + b;
                px[row + x] = 0xff000000 | ((pr >> 8) << 16) | ((pg >> 8) << 8) | (pb >> 8);
            }
        }
    }

    /**
     * A line from (x0, y0) to (x1, y1) with x0 ≤ x1, drawn column by column: each pixel column gets the vertical run
     * the segment crosses in it, at least `minHeight` pixels tall, so the line is continuous and at least that thick.
     */
    void segment(double x0, double y0, double x1, double y1, int argb, int minHeight) {
        if (x1 < x0) {
            segment(x1, y1, x0, y0, argb, minHeight);
            return;
        }
        int first = (int) Math.floor(x0);
        int last = (int) Math.floor(x1);
        if (last < 0 || first >= width) {
            return;
        }
        double slope = x1 > x0 ? (y1 - y0) / (x1 - x0) : 0;
        for (int x = Math.max(0, first); x <= Math.min(width - 1, last); x++) {
            double xa = Math.max(x0, x);
            double xb = Math.min(x1, x + 1);
            double ya = y0 + (xa - x0) * slope;
            double yb = y0 + (xb - x0) * slope;
            span(x, Math.min(ya, yb), Math.max(ya, yb), argb, minHeight);
        }
    }

    /** The vertical run covering y from lo to hi in column x, at least minHeight pixels tall, centred on the range. */
    void span(int x, double lo, double hi, int argb, int minHeight) {
        int a = (int) Math.floor(lo);
        int b = (int) Math.floor(hi);
        int missing = minHeight - (b - a + 1);
        if (missing > 0) {
            a -= missing / 2;
            b += missing - missing / 2;
        }
        vline(x, a, b, argb);
    }
    /** Blends the opaque colour argb over the w × h block at (x0, y0) with per-pixel coverage mask (0..1), clipped. */
    void blend(int x0, int y0, int w, int h, float[] mask, int argb) {
        int r = (argb >> 16) & 0xff;
        int g = (argb >> 8) & 0xff;
        int b = argb & 0xff;
        for (int j = Math.max(0, -y0); j < Math.min(h, height - y0); j++) {
            int row = (y0 + j) * width;
            for (int i = Math.max(0, -x0); i < Math.min(w, width - x0); i++) {
                int a = (int) (mask[j * w + i] * 256);
                if (a == 0) {
                    continue;
                }
                int keep = 256 - a;
                int p = px[row + x0 + i];
                int pr = ((p >> 16) & 0xff) * keep + r * a;
                int pg = ((p >> 8) & 0xff) * keep + g * a;
                int pb = (p & 0xff) * keep + b * a;
                px[row + x0 + i] = 0xff000000 | ((pr >> 8) << 16) | ((pg >> 8) << 8) | (pb >> 8);
            }
        }
    }

    /** Composites premultiplied ARGB pixels (w × h) over the buffer at (x0, y0), clipped. */
    void blendPremultiplied(int x0, int y0, int w, int h, int[] pre) {
        for (int j = Math.max(0, -y0); j < Math.min(h, height - y0); j++) {
            int row = (y0 + j) * width;
            for (int i = Math.max(0, -x0); i < Math.min(w, width - x0); i++) {
                int s = pre[j * w + i];
                int a = s >>> 24;
                if (a == 0) {
                    continue;
                }
                int keep = 255 - a;
                int p = px[row + x0 + i];
                int r = ((s >> 16) & 0xff) + ((p >> 16) & 0xff) * keep / 255;
                int g = ((s >> 8) & 0xff) + ((p >> 8) & 0xff) * keep / 255;
                int bl = (s & 0xff) + (p & 0xff) * keep / 255;
                px[row + x0 + i] = 0xff000000 | (Math.min(255, r) << 16) | (Math.min(255, g) << 8) | Math.min(255, bl);
            }
        }
    }

    /**
     * Blends a rounded rectangle of colour c (with its opacity) over [x0, x1) × [y0, y1), corners of radius r
     * anti-aliased by 4 × 4 supersampling.
     */
    void roundRect(double x0, double y0, double x1, double y1, double r, Color c) {
        // the same few label backgrounds come back every frame: their masks are computed once
        String key = x0 + "," + y0 + "," + x1 + "," + y1 + "," + r + "," + c.getOpacity();
        float[] cached = masks.get(key);
        if (cached != null) {
            blend((int) Math.floor(x0), (int) Math.floor(y0), (int) Math.ceil(x1) - (int) Math.floor(x0),
                    (int) Math.ceil(y1) - (int) Math.floor(y0), cached, argb(c));
            return;
        }
        int ia = (int) Math.floor(x0);
        int ib = (int) Math.ceil(x1);
        int ja = (int) Math.floor(y0);
        int jb = (int) Math.ceil(y1);
        int w = ib - ia;
        int h = jb - ja;
        if (w <= 0 || h <= 0) {
            return;
        }
        float[] mask = new float[w * h];
        float opacity = (float) c.getOpacity();
        for (int j = 0; j < h; j++) {
            boolean rowInside = ja + j >= y0 && ja + j + 1 <= y1;
            for (int i = 0; i < w; i++) {
                if (rowInside && ia + i >= x0 + r && ia + i + 1 <= x1 - r) {
                    mask[j * w + i] = opacity;
                    continue;
                }
                int hits = 0;
                for (int sj = 0; sj < 4; sj++) {
                    double y = ja + j + (sj + 0.5) / 4;
                    for (int si = 0; si < 4; si++) {
                        double x = ia + i + (si + 0.5) / 4;
                        if (x >= x0 && x < x1 && y >= y0 && y < y1) {
                            double dx = Math.max(0, Math.max(x0 + r - x, x - (x1 - r)));
                            double dy = Math.max(0, Math.max(y0 + r - y, y - (y1 - r)));
                            if (dx * dx + dy * dy <= r * r) {
                                hits++;
                            }
                        }
                    }
                }
                mask[j * w + i] = hits / 16f * opacity;
            }
        }
        if (masks.size() > 256) {
            masks.clear();
        }
        masks.put(key, mask);
        blend(ia, ja, w, h, mask, argb(c));
    }

    private final java.util.Map<String, float[]> masks = new java.util.HashMap<>();
}
