package org.ecgworkbench.engine.dataset;

import java.util.ArrayList;
import java.util.List;

/**
 * A fixed-length window of a record lying entirely inside one {@link RhythmEpisode}, labelled with its rhythm.
 *
 * @param rhythm the episode's rhythm name (e.g. "AFIB")
 * @param start  first sample of the window in the record (0-based sample index)
 * @param length length in samples
 */
public record RhythmWindow(String rhythm, int start, int length) {

    /**
     * The non-overlapping windows of length samples cut from each episode, from the episode's first sample on: an
     * episode of L samples gives floor(L / length) windows, and the rest of it (shorter than a window) is not used.
     * Windows come in time order.
     */
    public static List<RhythmWindow> cut(List<RhythmEpisode> episodes, int length) {
        if (length <= 0) {
            throw new IllegalArgumentException("window length must be > 0 samples, got " + length);
        }
        List<RhythmWindow> out = new ArrayList<>();
        for (RhythmEpisode e : episodes) {
            for (long s = e.start(); s + length <= e.end(); s += length) {
                out.add(new RhythmWindow(e.rhythm(), (int) s, length));
            }
        }
        return List.copyOf(out);
    }

    /** Window length in samples for a duration in seconds at fs Hz: round(seconds x fs), halves rounded up. */
    public static int samples(double seconds, double fs) {
        double exact = seconds * fs;
        long n = Math.round(exact);
        if (!(exact > 0) || n < 1 || n > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(seconds + " s at " + fs + " Hz is not a window of 1 to "
                    + Integer.MAX_VALUE + " samples");
        }
        return (int) n;
    }
}
