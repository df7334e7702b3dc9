package org.ecgworkbench.views.viewer;

/**
 * The stretch of a record on screen: its left edge in samples and its scale in samples per pixel, kept inside the
 * record. Positions are fractional samples so that slow pans and zooms stay smooth.
 */
public final class TimeWindow {

    /** The closest zoom: 16 pixels per sample. */
    public static final double MIN_SAMPLES_PER_PIXEL = 1.0 / 16;

    private int samples;
    private double width = 1;
    private double start;
    private double spp = 1;

    /** Number of samples of the record shown (0 when none). */
    public int samples() {
        return samples;
    }

    /** Width of the plot in pixels. */
    public double width() {
        return width;
    }

    /** Left edge, in samples. */
    public double start() {
        return start;
    }

    /** Samples per pixel column. */
    public double samplesPerPixel() {
        return spp;
    }

    /** Samples across the whole width. */
    public double span() {
        return spp * width;
    }

    /** Right edge, in samples (exclusive). */
    public double end() {
        return start + span();
    }

    /** Sets the record length in samples and the plot width in pixels, keeping start and scale where possible. */
    public void resize(int recordSamples, double widthPx) {
        this.samples = Math.max(0, recordSamples);
        this.width = Math.max(1, widthPx);
        clamp();
    }

    /** Sets left edge (samples) and scale (samples per pixel), clamped to the record. */
    public void set(double startSample, double samplesPerPixel) {
        this.spp = samplesPerPixel;
        this.start = startSample;
        clamp();
    }

    /** Moves the window by the given number of samples (positive: later). */
    public void pan(double samplesDelta) {
        set(start + samplesDelta, spp);
    }

    /** Zooms by factor (> 1: zoom out) keeping the sample under pixel x where it is. */
    public void zoomAt(double factor, double x) {
        double anchor = start + x * spp;
        double next = clampSpp(spp * factor);
        set(anchor - x * next, next);
    }

    /** Shows samples [from, to) across the width. */
    public void show(double from, double to) {
        double next = clampSpp((to - from) / width);
        set((from + to) / 2 - next * width / 2, next);
    }

    /** Sample position under pixel x. */
    public double sampleAt(double x) {
        return start + x * spp;
    }

    /** Pixel x of a sample position. */
    public double xOf(double sample) {
        return (sample - start) / spp;
    }

    private double clampSpp(double s) {
        double most = samples > 0 ? Math.max(MIN_SAMPLES_PER_PIXEL, samples / width) : 1;
        return Math.min(most, Math.max(MIN_SAMPLES_PER_PIXEL, s));
    }

    private void clamp() {
        if (!(spp > 0) || Double.isNaN(spp)) {
            spp = 1;
        }
        spp = clampSpp(spp);
        double room = samples - span();
        start = room <= 0 ? 0 : Math.min(room, Math.max(0, start));
    }
}
