package org.ecgworkbench.views.viewer;

import java.util.Locale;
import java.util.OptionalDouble;

/** Record times as people type and read them: seconds ("75", "75.5") or clock time ("1:15", "0:01:15.250"). */
public final class TimeFormat {

    private TimeFormat() {
    }

    /**
     * Seconds from the start of the record for text such as "75", "75.5 s", "1:15", "1:15.5" or "1:02:03";
     * empty when the text is not a time (negative, malformed, minutes or seconds field of 60 or more after a colon).
     */
    public static OptionalDouble parseSeconds(String text) {
        if (text == null) {
            return OptionalDouble.empty();
        }
        String t = text.strip().toLowerCase(Locale.ROOT);
        if (t.endsWith("s")) {
            t = t.substring(0, t.length() - 1).strip();
        }
        if (t.isEmpty()) {
            return OptionalDouble.empty();
        }
        String[] parts = t.split(":", -1);
        if (parts.length > 3) {
            return OptionalDouble.empty();
        }
        try {
            double seconds = 0;
            for (int i = 0; i < parts.length; i++) {
                String p = parts[i].strip();
                boolean last = i == parts.length - 1;
                if (p.isEmpty() || !p.matches(last ? "\\d+(\\.\\d*)?|\\.\\d+" : "\\d+")) {
                    return OptionalDouble.empty();
                }
                double v = Double.parseDouble(p);
                if (i > 0 && v >= 60) {
                    return OptionalDouble.empty();
                }
                seconds = seconds * 60 + v;
            }
            return OptionalDouble.of(seconds);
        } catch (NumberFormatException e) {
            return OptionalDouble.empty();
        }
    }

    /** "m:ss" (or "h:mm:ss" from an hour on) for seconds, rounded down to whole seconds. */
    public static String clock(double seconds) {
        long s = (long) Math.floor(Math.max(0, seconds));
        if (s >= 3600) {
            return String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60);
        }
        return String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }

    /** "m:ss.mmm" for seconds, to the millisecond: the cursor readout. */
    public static String precise(double seconds) {
        long ms = Math.round(Math.max(0, seconds) * 1000);
        return String.format(Locale.ROOT, "%s.%03d", clock(ms / 1000.0), ms % 1000);
    }
}
