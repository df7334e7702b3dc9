package org.ecgworkbench.views.viewer;

import java.util.Locale;

import org.ecgworkbench.engine.filter.BandType;
import org.ecgworkbench.engine.filter.TransferFunction;

/**
 * A Butterworth filter set in the preview panel, designed for one sampling frequency.
 *
 * @param order   prototype order (band filters have twice as many poles)
 * @param edgesHz band edges in Hz: one for lowpass and highpass, two for bandpass and bandstop
 * @param type    band type
 * @param fs      sampling frequency in Hz the design is for
 * @param filter  the (b, a) coefficients from {@code Butter.ba}
 * @param replace whether the filtered signal replaces the raw leads (else it is drawn as extra lanes)
 */
public record FilterDesign(int order, double[] edgesHz, BandType type, double fs, TransferFunction filter,
                           boolean replace) {

    /** Short description for lane labels, e.g. "Butterworth bandpass 0.5–40 Hz, order 2". */
    public String describe() {
        String edges = edgesHz.length == 2
                ? String.format(Locale.ROOT, "%s–%s Hz", num(edgesHz[0]), num(edgesHz[1]))
                : String.format(Locale.ROOT, "%s Hz", num(edgesHz[0]));
        return "Butterworth " + type.name().toLowerCase(Locale.ROOT) + " " + edges + ", order " + order;
    }

    private static String num(double v) {
        return v == Math.rint(v) ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%s", v);
    }
}
