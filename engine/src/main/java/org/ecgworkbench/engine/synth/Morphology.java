package org.ecgworkbench.engine.synth;

/**
 * The five Gaussian events P, Q, R, S, T of one beat in the ECGSYN model: angles theta_i on the limit
 * cycle (radians, R at 0), amplitudes a_i (model units) and widths b_i (radians).
 *
 * @param theta event angles in radians, in the order P, Q, R, S, T
 * @param a     event amplitudes in model units (scaled to mV afterwards)
 * @param b     event widths (Gaussian standard deviation) in radians
 */
public record Morphology(double[] theta, double[] a, double[] b) {

    /** Index of the R event, whose angle is 0. */
    public static final int R = 2;

    /** McSharry et al. 2003, Table 1: theta = (-70, -15, 0, 15, 100) degrees, a = (1.2, -5, 30, -7.5, 0.75), b = (0.25, 0.1, 0.1, 0.1, 0.4). */
    public static Morphology normal() {
        return new Morphology(deg(-70, -15, 0, 15, 100), new double[] {1.2, -5, 30, -7.5, 0.75},
                new double[] {0.25, 0.1, 0.1, 0.1, 0.4});
    }

    /**
     * A premature ventricular beat: no P wave, Q, R and S 2.5 times wider (a broad QRS of about 140 ms at
     * 70 bpm) with amplitudes lowered so that R is about 1.5 times a normal R, and a broad inverted T wave.
     */
    public static Morphology pvc() {
        return new Morphology(deg(-70, -25, 0, 25, 110), new double[] {0, -1.0, 7.5, -2.0, -0.6},
                new double[] {0.25, 0.2, 0.25, 0.2, 0.5});
    }

    /** A second, V1-like lead from the same cycle: small r, deep S, low upright T. */
    public static Morphology normalSecondLead() {
        return new Morphology(deg(-70, -15, 0, 15, 100), new double[] {0.6, 0, 8, -22, 0.3},
                new double[] {0.25, 0.1, 0.1, 0.1, 0.4});
    }

    /** The PVC as seen by the second lead: broad, mostly positive QRS and inverted T. */
    public static Morphology pvcSecondLead() {
        return new Morphology(deg(-70, -25, 0, 25, 110), new double[] {0, 0, 5.0, 1.5, -0.5},
                new double[] {0.25, 0.2, 0.25, 0.2, 0.5});
    }

    /** This morphology without a P wave (a_P = 0), as in atrial fibrillation. */
    public Morphology withoutP() {
        double[] a2 = a.clone();
        a2[0] = 0;
        return new Morphology(theta.clone(), a2, b.clone());
    }

    /** All amplitudes times factor. */
    public Morphology scaled(double factor) {
        double[] a2 = a.clone();
        for (int i = 0; i < a2.length; i++) {
            a2[i] *= factor;
        }
        return new Morphology(theta.clone(), a2, b.clone());
    }

    /**
     * ECGSYN's heart-rate scaling, with f = sqrt(hr / 60): the widths b_i times f, the angles of Q and S times f,
     * of P and T times sqrt(f), R unchanged (QT then shortens as in Bazett's formula).
     *
     * @param heartRate mean heart rate in beats per minute
     */
    public Morphology forHeartRate(double heartRate) {
        double f = Math.sqrt(heartRate / 60.0);
        double f2 = Math.sqrt(f);
        double[] k = {f2, f, 1, f, f2};
        double[] t2 = new double[5];
        double[] b2 = new double[5];
        for (int i = 0; i < 5; i++) {
            t2[i] = theta[i] * k[i];
            b2[i] = b[i] * f;
        }
        return new Morphology(t2, a.clone(), b2);
    }

    private static double[] deg(double... d) {
        double[] r = new double[d.length];
        for (int i = 0; i < d.length; i++) {
            r[i] = Math.toRadians(d[i]);
        }
        return r;
    }
}
