package org.ecgworkbench.engine.synth;

import java.util.Locale;

/**
 * The rhythms the synthesizer makes; they follow the four classes of the PhysioNet/CinC Challenge 2017
 * (N normal, A atrial fibrillation, O other rhythm, ~ too noisy).
 */
public enum Rhythm {
    /** Sinus rhythm with heart-rate variability. */
    NSR("nsr", "(N", "N", 70),
    /** Atrial fibrillation: irregular RR, no P waves, 4-9 Hz fibrillatory f-waves. */
    AF("af", "(AFIB", "A", 90),
    /** Sinus rhythm with premature ventricular contractions (isolated PVCs). */
    OTHER("other", "(N", "O", 70),
    /** Mostly noise: a weak sinus ECG under baseline wander, EMG and electrode-motion noise. */
    NOISE("noise", "(NOISE", "~", 75);

    private final String id;
    private final String aux;
    private final String cincLabel;
    private final double defaultHeartRate;

    Rhythm(String id, String aux, String cincLabel, double defaultHeartRate) {
        this.id = id;
        this.aux = aux;
        this.cincLabel = cincLabel;
        this.defaultHeartRate = defaultHeartRate;
    }

    /** The command-line name: nsr, af, other or noise. */
    public String id() {
        return id;
    }

    /** The PhysioNet rhythm text of its '+' annotation: "(N", "(AFIB" or "(NOISE" (isolated PVCs keep "(N", as in mitdb). */
    public String aux() {
        return aux;
    }

    /** The CinC 2017 label: N, A, O or ~. */
    public String cincLabel() {
        return cincLabel;
    }

    /** Mean heart rate used when none is given, in beats per minute. */
    public double defaultHeartRate() {
        return defaultHeartRate;
    }

    /** The rhythm named s (nsr, af, other, noise; any case); IllegalArgumentException naming the choices otherwise. */
    public static Rhythm parse(String s) {
        if (s != null) {
            for (Rhythm r : values()) {
                if (r.id.equals(s.strip().toLowerCase(Locale.ROOT))) {
                    return r;
                }
            }
        }
        throw new IllegalArgumentException("rhythm: unknown rhythm '" + s + "', expected nsr, af, other or noise");
    }
}
