package org.ecgworkbench.views.runs;

import java.util.Locale;

/** How run views write numbers and durations. */
public final class RunFormat {

    private RunFormat() {
    }

    /** Seconds as "1:02:03" or "4:05" (minutes:seconds under an hour); "–" when NaN or negative. */
    public static String duration(double seconds) {
        if (Double.isNaN(seconds) || Double.isInfinite(seconds) || seconds < 0) {
            return "–";
        }
        long s = Math.round(seconds);
        long h = s / 3600;
        long m = s % 3600 / 60;
        long sec = s % 60;
        return h > 0 ? String.format(Locale.ROOT, "%d:%02d:%02d", h, m, sec)
                : String.format(Locale.ROOT, "%d:%02d", m, sec);
    }

    /** A value with the given decimals; "–" when NaN. */
    public static String number(double v, int decimals) {
        return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%." + decimals + "f", v);
    }

    /** A fraction 0..1 as a whole percentage, e.g. "83 %"; "–" when NaN. */
    public static String percent(double fraction) {
        return Double.isNaN(fraction) ? "–" : String.format(Locale.ROOT, "%.0f %%", fraction * 100);
    }
}
