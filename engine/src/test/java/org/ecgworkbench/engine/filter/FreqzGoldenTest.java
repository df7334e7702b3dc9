package org.ecgworkbench.engine.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/**
 * freqz(b, a, worN, fs=fs) against golden/filters/freqz.json (SciPy, made by make_freqz_golden.py beside it) for
 * Butterworth lowpass, highpass, bandpass and bandstop designs. Tolerance on H, relative: 1e-10, or where the (b, a)
 * form is ill-conditioned the bound any Horner evaluation can promise, 4·n·ε·(Σ|b_k|/|B| + Σ|a_k|/|A|) (an order-6
 * 0.67 Hz high-pass at 250 Hz cancels almost all digits near 0 Hz: there SciPy itself is 8e-4 off the exact value,
 * by mpmath); relative to max(|H|, 1e-6), since below that the ratio carries absolute rounding only. dB (×8.7) and
 * unwrapped phase (rad) to the same bound, floor 1e-9, where |H| ≥ 1e-6.
 * Bandstop designs have exact zeros on the unit circle, where the phase jumps by π; there the check stops at the
 * first frequency with |H| < 1e-6, since from then on unwrapping follows rounding noise.
 */
class FreqzGoldenTest {

    private static final double REL = 1e-10;
    private static final double FLOOR = 1e-6;

    @Test
    void responsesMatchScipy() throws IOException {
        JsonNode root = FilterGoldenTest.json("freqz.json");
        double worst = 0;
        int cases = 0;
        int illConditioned = 0;
        for (JsonNode c : root.get("cases")) {
            String what = "freqz(butter(" + c.get("order").asInt() + ", " + c.get("wn") + ", " + c.get("btype").asText()
                    + "), " + c.get("worN").asInt() + ", fs=" + c.get("fs").asDouble() + ")";
            double fs = c.get("fs").asDouble();
            Freqz.Response r = Freqz.of(FilterGoldenTest.doubles(c.get("b")), FilterGoldenTest.doubles(c.get("a")),
                    c.get("worN").asInt(), fs);
            double[] f = FilterGoldenTest.doubles(c.get("f"));
            double[] re = FilterGoldenTest.doubles(c.get("re"));
            double[] im = FilterGoldenTest.doubles(c.get("im"));
            double[] phase = FilterGoldenTest.doubles(c.get("phase"));
            assertEquals(f.length, r.size(), what);
            double[] db = r.magnitudeDb();
            double[] ph = r.phaseUnwrapped();
            boolean phaseValid = true;
            for (int i = 0; i < f.length; i++) {
                assertEquals(f[i], r.frequencies()[i], REL * fs, what + " f[" + i + "]");
                double mag = Math.hypot(re[i], im[i]);
                double err = Math.hypot(re[i] - r.re()[i], im[i] - r.im()[i]) / Math.max(mag, FLOOR);
                double w = 2 * Math.PI * f[i] / fs;
                double tol = Math.max(REL, hornerBound(FilterGoldenTest.doubles(c.get("b")), w)
                        + hornerBound(FilterGoldenTest.doubles(c.get("a")), w));
                if (tol == REL) {
                    worst = Math.max(worst, err);
                } else {
                    illConditioned++;
                }
                assertTrue(err <= tol, what + " H[" + i + "] relative error " + err + " > " + tol);
                phaseValid &= mag >= FLOOR;
                if (phaseValid) {
                    double t = Math.max(1e-9, tol);
                    assertEquals(c.get("db").get(i).asDouble(), db[i], 8.7 * t, what + " dB[" + i + "]");
                    assertEquals(phase[i], ph[i], t, what + " phase[" + i + "]");
                }
            }
            cases++;
        }
        JsonNode e = root.get("explicit");
        Freqz.Response r = Freqz.at(FilterGoldenTest.doubles(e.get("b")), FilterGoldenTest.doubles(e.get("a")),
                FilterGoldenTest.doubles(e.get("f")), e.get("fs").asDouble());
        double[] re = FilterGoldenTest.doubles(e.get("re"));
        double[] im = FilterGoldenTest.doubles(e.get("im"));
        for (int i = 0; i < re.length; i++) {
            double err = Math.hypot(re[i] - r.re()[i], im[i] - r.im()[i]) / Math.max(Math.hypot(re[i], im[i]), FLOOR);
            assertTrue(err <= REL, "explicit f=" + r.frequencies()[i] + " Hz relative error " + err);
        }
        assertEquals(8, cases);
        System.out.printf("freqz: %d designs, worst relative error of H %.2e (%d ill-conditioned points checked to "
                + "their rounding bound)%n", cases, worst, illConditioned);
    }

    /** Relative rounding bound of Horner's rule for Σ c_k e^{-jwk}: 4·n·ε·Σ|c_k| / |Σ c_k e^{-jwk}|. */
    private static double hornerBound(double[] c, double w) {
        double re = 0;
        double im = 0;
        double abs = 0;
        for (int k = 0; k < c.length; k++) {
            re += c[k] * Math.cos(w * k);
            im -= c[k] * Math.sin(w * k);
            abs += Math.abs(c[k]);
        }
        return 4 * c.length * Math.ulp(1.0) * abs / Math.hypot(re, im);
    }

    @Test
    void unwrapMatchesNumpyAtTheBoundary() {
        // numpy.unwrap([0, π, 0, -π, 2π + 0.1]) = [0, π, 0, -π, 0.1 - 2π]: a jump of exactly π is kept
        double[] u = Freqz.unwrap(new double[] {0, Math.PI, 0, -Math.PI, 2 * Math.PI + 0.1});
        assertEquals(Math.PI, u[1], 0);
        assertEquals(-Math.PI, u[3], 0);
        assertEquals(0.1 - 2 * Math.PI, u[4], 1e-15);
    }

    @Test
    void rejectsBadArguments() {
        assertThrows(IllegalArgumentException.class, () -> Freqz.of(new double[] {1}, new double[] {1}, 0, 360));
        assertThrows(IllegalArgumentException.class, () -> Freqz.of(new double[] {1}, new double[] {1}, 8, -1));
    }
}
