package org.ecgworkbench.engine.synth;

/**
 * The ECGSYN dynamical model (McSharry et al. 2003), integrated with fixed-step fourth-order Runge-Kutta:
 *
 * <pre>
 *   dx/dt = alpha x - omega y,   dy/dt = alpha y + omega x,   alpha = 1 - sqrt(x^2 + y^2)
 *   dz/dt = - sum_{i in P,Q,R,S,T} a_i dtheta_i exp(-dtheta_i^2 / (2 b_i^2)) - (z - z0(t))
 *   theta = atan2(y, x),  dtheta_i = (theta - theta_i) wrapped to [-pi, pi),  z0(t) = 0.005 sin(2 pi 0.25 t)
 * </pre>
 *
 * omega = 2 pi / RR is constant from one planned R time to the next, so the trajectory goes once round the
 * limit cycle per beat and crosses theta_R = 0 at each R peak. Each lead is its own z with its own event
 * parameters on the same (x, y) cycle. A beat's morphology applies from half an RR before its R peak to half
 * an RR after it, so a PVC changes the whole P-QRS-T of its own beat only.
 */
public final class Ecgsyn {

    /** Frequency of the respiratory baseline term z0 of the model, Hz. */
    public static final double RESPIRATION_HZ = 0.25;
    /** Amplitude of z0, in model units. */
    public static final double RESPIRATION_AMPLITUDE = 0.005;
    /** The internal integration rate is the smallest integer multiple of fs at or above this, Hz. */
    public static final double MIN_INTERNAL_HZ = 2000;

    private final BeatTrain beats;
    private final Morphology[][] morphology;
    private final boolean respiration;
    private final int leads;

    /**
     * @param beats       planned R times and beat kinds
     * @param morphology  per lead: {normal beat, ventricular beat}
     * @param respiration whether z0(t) is on
     */
    public Ecgsyn(BeatTrain beats, Morphology[][] morphology, boolean respiration) {
        this.beats = beats;
        this.morphology = morphology;
        this.respiration = respiration;
        this.leads = morphology.length;
    }

    /**
     * The model's output sampled at fs.
     *
     * @param z      z of every lead, model units, [lead][sample], sample i at time i / fs seconds
     * @param rTimes times in seconds where the phase crossed theta_R, within the record
     * @param rBeats for each of them, the index of the planned beat it belongs to
     */
    public record Trajectory(double[][] z, double[] rTimes, int[] rBeats) {
    }

    /**
     * Integrates from warmupSeconds before time 0 (so the start transient dies out) to the last sample.
     *
     * @param fs            output sampling frequency, Hz
     * @param samples       number of output samples per lead
     * @param warmupSeconds seconds integrated before the first output sample
     */
    public Trajectory integrate(double fs, int samples, double warmupSeconds) {
        int k = (int) Math.ceil(MIN_INTERNAL_HZ / fs - 1e-9);
        k = Math.max(1, k);
        double h = 1 / (k * fs);
        long warmSteps = (long) k * (long) Math.ceil(warmupSeconds * fs);
        long steps = warmSteps + (long) (samples - 1) * k;
        double t0 = -warmSteps * h;
        int seg = beats.segmentAt(t0);
        double theta0 = 2 * Math.PI * (t0 - beats.times()[seg]) / beats.rr(seg);
        double[] s = new double[2 + leads];
        s[0] = Math.cos(theta0);
        s[1] = Math.sin(theta0);
        double[][] z = new double[leads][samples];
        double[] k1 = new double[s.length];
        double[] k2 = new double[s.length];
        double[] k3 = new double[s.length];
        double[] k4 = new double[s.length];
        double[] tmp = new double[s.length];
        double[] rTimes = new double[16];
        int[] rBeats = new int[16];
        int nr = 0;
        double thetaPrev = Math.atan2(s[1], s[0]);
        for (long m = 0; ; m++) {
            double t = (m - warmSteps) * h;
            if (m >= warmSteps && (m - warmSteps) % k == 0) {
                int i = (int) ((m - warmSteps) / k);
                for (int l = 0; l < leads; l++) {
                    z[l][i] = s[2 + l];
                }
            }
            if (m == steps) {
                break;
            }
            derivative(t, s, k1);
            axpy(s, h / 2, k1, tmp);
            derivative(t + h / 2, tmp, k2);
            axpy(s, h / 2, k2, tmp);
            derivative(t + h / 2, tmp, k3);
            axpy(s, h, k3, tmp);
            derivative(t + h, tmp, k4);
            for (int j = 0; j < s.length; j++) {
                s[j] += h / 6 * (k1[j] + 2 * k2[j] + 2 * k3[j] + k4[j]);
            }
            double theta = Math.atan2(s[1], s[0]);
            if (thetaPrev < 0 && theta >= 0 && thetaPrev > -Math.PI / 2) {
                double tc = t + h * (-thetaPrev) / (theta - thetaPrev);
                if (tc >= -0.5 / fs) {
                    if (nr == rTimes.length) {
                        rTimes = java.util.Arrays.copyOf(rTimes, nr * 2);
                        rBeats = java.util.Arrays.copyOf(rBeats, nr * 2);
                    }
                    int b = beats.segmentAt(tc);
                    if (b + 1 < beats.size() && beats.times()[b + 1] - tc < tc - beats.times()[b]) {
                        b++;
                    }
                    rTimes[nr] = tc;
                    rBeats[nr] = b;
                    nr++;
                }
            }
            thetaPrev = theta;
        }
        return new Trajectory(z, java.util.Arrays.copyOf(rTimes, nr), java.util.Arrays.copyOf(rBeats, nr));
    }

    private static void axpy(double[] s, double f, double[] d, double[] out) {
        for (int j = 0; j < s.length; j++) {
            out[j] = s[j] + f * d[j];
        }
    }

    /** The right-hand side of the model at time t (seconds) and state s = (x, y, z_1..z_L). */
    private void derivative(double t, double[] s, double[] out) {
        int seg = beats.segmentAt(t);
        double rr = beats.rr(seg);
        double omega = 2 * Math.PI / rr;
        double frac = (t - beats.times()[seg]) / rr;
        int beat = frac < 0.5 ? seg : seg + 1;
        int kind = beats.ventricular()[beat] ? 1 : 0;
        double x = s[0];
        double y = s[1];
        double alpha = 1 - Math.sqrt(x * x + y * y);
        out[0] = alpha * x - omega * y;
        out[1] = alpha * y + omega * x;
        double theta = Math.atan2(y, x);
        double z0 = respiration ? RESPIRATION_AMPLITUDE * Math.sin(2 * Math.PI * RESPIRATION_HZ * t) : 0;
        for (int l = 0; l < leads; l++) {
            Morphology m = morphology[l][kind];
            double sum = 0;
            for (int i = 0; i < 5; i++) {
                double a = m.a()[i];
                if (a == 0) {
                    continue;
                }
                double d = wrap(theta - m.theta()[i]);
                double b = m.b()[i];
                sum += a * d * Math.exp(-d * d / (2 * b * b));
            }
            out[2 + l] = -sum - (s[2 + l] - z0);
        }
    }

    /** An angle wrapped to [-pi, pi). */
    static double wrap(double a) {
        return a - 2 * Math.PI * Math.floor((a + Math.PI) / (2 * Math.PI));
    }
}
