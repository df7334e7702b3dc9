package org.ecgworkbench.engine.filter;

import java.util.Locale;

/** Filter band type, with SciPy's names. */
public enum BandType {
    LOWPASS, HIGHPASS, BANDPASS, BANDSTOP;

    /** Parses SciPy's spellings: lowpass/low/lp, highpass/high/hp, bandpass/band/bp, bandstop/stop/bs. */
    public static BandType parse(String text) {
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "lowpass", "low", "lp" -> LOWPASS;
            case "highpass", "high", "hp" -> HIGHPASS;
            case "bandpass", "band", "pass", "bp" -> BANDPASS;
            case "bandstop", "stop", "bs" -> BANDSTOP;
            default -> throw new IllegalArgumentException(
                    "'" + text + "' is an invalid bandtype for filter (lowpass, highpass, bandpass, bandstop)");
        };
    }

    /** Whether this band type takes two critical frequencies. */
    public boolean isBand() {
        return this == BANDPASS || this == BANDSTOP;
    }
}
