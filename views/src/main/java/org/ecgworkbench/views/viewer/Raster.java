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
 * milliseconds plus one image upload. Text and the few markers stay on the canvas above.
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
}
