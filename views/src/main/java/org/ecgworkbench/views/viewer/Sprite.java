package org.ecgworkbench.views.viewer;

/**
 * A small anti-aliased mark (R-peak triangle, ring, cross, dot) stamped into a {@link Raster}.
 *
 * <p>Why not canvas paths: each canvas path is rasterised by Marlin on every frame, and hundreds of marks per frame
 * cost milliseconds under the software pipeline. A sprite's coverage is computed once (4 × 4 supersampling) for each
 * quarter-pixel position and then only blended.
 */
final class Sprite {

    /** Whether the point (dx, dy), in pixels from the mark's centre, is inside the mark. */
    @FunctionalInterface
    interface Shape {
        boolean inside(double dx, double dy);
    }

    private static final int PHASES = 4;
    private static final int SUB = 4;

    private final int radius;
    private final int size;
    private final float[][] masks = new float[PHASES * PHASES][];
    private final Shape shape;

    /** A mark that fits within radius pixels of its centre. */
    Sprite(double radius, Shape shape) {
        this.radius = (int) Math.ceil(radius) + 1;
        this.size = 2 * this.radius + 1;
        this.shape = shape;
    }

    /** Filled triangle pointing down: base halfWidth either side, height pixels above the tip at the centre. */
    static Sprite downTriangle(double halfWidth, double height) {
        return new Sprite(Math.max(halfWidth, height), (dx, dy) -> dy <= 0 && dy >= -height
                && Math.abs(dx) <= halfWidth * (-dy / height));
    }

    /** Circle outline of radius r and line width lw. */
    static Sprite ring(double r, double lw) {
        return new Sprite(r + lw, (dx, dy) -> Math.abs(Math.hypot(dx, dy) - r) <= lw / 2);
    }

    /** Filled disc of radius r. */
    static Sprite disc(double r) {
        return new Sprite(r, (dx, dy) -> dx * dx + dy * dy <= r * r);
    }

    /** Diagonal cross reaching arm pixels along each axis, line width lw (butt ends). */
    static Sprite cross(double arm, double lw) {
        return new Sprite(arm + lw, (dx, dy) -> Math.abs(dx) <= arm && Math.abs(dy) <= arm
                && (Math.abs(dx - dy) <= lw / Math.sqrt(2) || Math.abs(dx + dy) <= lw / Math.sqrt(2)));
    }

    /** Blends the mark centred at (x, y) in pixels (fractions kept to a quarter pixel) into raster. */
    void stamp(Raster raster, double x, double y, int argb) {
        int ix = (int) Math.floor(x);
        int iy = (int) Math.floor(y);
        int px = Math.min(PHASES - 1, (int) ((x - ix) * PHASES));
        int py = Math.min(PHASES - 1, (int) ((y - iy) * PHASES));
        float[] m = mask(px, py);
        raster.blend(ix - radius, iy - radius, size, size, m, argb);
    }

    private float[] mask(int px, int py) {
        float[] m = masks[py * PHASES + px];
        if (m == null) {
            m = new float[size * size];
            double cx = radius + (px + 0.5) / PHASES;
            double cy = radius + (py + 0.5) / PHASES;
            for (int j = 0; j < size; j++) {
                for (int i = 0; i < size; i++) {
                    int hits = 0;
                    for (int sj = 0; sj < SUB; sj++) {
                        for (int si = 0; si < SUB; si++) {
                            if (shape.inside(i + (si + 0.5) / SUB - cx, j + (sj + 0.5) / SUB - cy)) {
                                hits++;
                            }
                        }
                    }
                    m[j * size + i] = hits / (float) (SUB * SUB);
                }
            }
            masks[py * PHASES + px] = m;
        }
        return m;
    }
}
