package org.ecgworkbench.engine.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/**
 * butter(N, Wn, btype, fs) for orders 1–8, four band types and fs 200–500 Hz against golden/filters/butter.json
 * (SciPy): b, a and sos agree to 1e-12 of each array's largest magnitude; lfilter_zi and sosfilt_zi to
 * max(1e-12, 10·cond(I − A)·ε), the accuracy any linear solver can promise on that system.
 */
class ButterGoldenTest {

    private static final double TOL = 1e-12;

    @Test
    void designsMatchScipy() throws IOException {
        JsonNode filters = FilterGoldenTest.json("butter.json").get("filters");
        int checked = 0;
        int reordered = 0;
        double worst = 0;
        for (JsonNode f : filters) {
            int order = f.get("order").asInt();
            double fs = f.get("fs").asDouble();
            BandType btype = BandType.parse(f.get("btype").asText());
            double[] wn = FilterGoldenTest.doubles(f.get("wn"));
            String what = "butter(" + order + ", " + java.util.Arrays.toString(wn) + ", " + btype + ", fs=" + fs + ")";
            TransferFunction tf = Butter.ba(order, wn, btype, fs);
            worst = Math.max(worst, check(what + " b", FilterGoldenTest.doubles(f.get("b")), tf.b()));
            worst = Math.max(worst, check(what + " a", FilterGoldenTest.doubles(f.get("a")), tf.a()));
            double[] aScipy = FilterGoldenTest.doubles(f.get("a"));
            // lfilter_zi solves (I - A) zi = B: two correct solvers differ by up to cond(I - A)·ε.
            double ziTol = Math.max(TOL, 10 * Math.ulp(1.0) * conditionOfSteadyStateSystem(aScipy));
            check(what + " lfilter_zi", FilterGoldenTest.doubles(f.get("lfilter_zi")),
                    Lfilter.lfilterZi(FilterGoldenTest.doubles(f.get("b")), aScipy), ziTol);
            double[][] sos = Butter.sos(order, wn, btype, fs).sections();
            double[][] want = FilterGoldenTest.matrix(f.get("sos"));
            assertEquals(want.length, sos.length, what + " sections");
            if (sameOrder(want, sos)) {
                for (int s = 0; s < sos.length; s++) {
                    worst = Math.max(worst, check(what + " sos[" + s + "]", want[s], sos[s]));
                }
            } else {
                // Pole pairs equally close to the unit circle (to the last bit: designs symmetric about fs/4)
                // are ordered by rounding noise; then the same sections must appear in another order.
                assertTrue(tiedRadii(want), what + ": sections in another order without a tie");
                assertSameSections(what, want, sos);
                reordered++;
            }
            double[][] zi = Sosfilt.sosfiltZi(want);
            double[][] wantZi = FilterGoldenTest.matrix(f.get("sosfilt_zi"));
            double sectionTol = TOL;
            for (double[] sec : want) {
                sectionTol = Math.max(sectionTol, 10 * Math.ulp(1.0)
                        * conditionOfSteadyStateSystem(new double[] {sec[3], sec[4], sec[5]}));
            }
            for (int s = 0; s < zi.length; s++) {
                check(what + " sosfilt_zi[" + s + "]", wantZi[s], zi[s], sectionTol);
            }
            checked++;
        }
        assertEquals(160, checked);
        System.out.printf("butter: 160 designs, worst relative difference %.2e, %d with tied sections reordered%n",
                worst, reordered);
    }

    private static boolean sameOrder(double[][] want, double[][] got) {
        for (int s = 0; s < want.length; s++) {
            for (int j = 0; j < 6; j++) {
                if (Math.abs(want[s][j] - got[s][j]) > TOL * Math.max(1, Math.abs(want[s][j]))) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Whether two sections have poles at the same radius to 1e-12 (a2 is the squared radius of a pole pair). */
    private static boolean tiedRadii(double[][] sos) {
        for (int i = 0; i < sos.length; i++) {
            for (int j = i + 1; j < sos.length; j++) {
                if (Math.abs(sos[i][5] - sos[j][5]) <= TOL) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Same sections up to order, with the overall gain (product of the b0s) equal. */
    private static void assertSameSections(String what, double[][] want, double[][] got) {
        boolean[] used = new boolean[got.length];
        double gainWant = 1;
        double gainGot = 1;
        for (double[] w : want) {
            gainWant *= w[0];
            boolean found = false;
            for (int g = 0; g < got.length && !found; g++) {
                if (!used[g] && sameShape(w, got[g])) {
                    used[g] = true;
                    found = true;
                }
            }
            assertTrue(found, what + ": no section like " + java.util.Arrays.toString(w));
        }
        for (double[] g : got) {
            gainGot *= g[0];
        }
        assertEquals(gainWant, gainGot, TOL * Math.abs(gainWant), what + ": overall gain");
    }

    private static boolean sameShape(double[] w, double[] g) {
        for (int j = 0; j < 6; j++) {
            double a = j < 3 ? w[j] / w[0] : w[j];
            double b = j < 3 ? g[j] / g[0] : g[j];
            if (Math.abs(a - b) > TOL * Math.max(1, Math.abs(a))) {
                return false;
            }
        }
        return true;
    }

    private static double conditionOfSteadyStateSystem(double[] a) {
        int k = a.length - 1;
        double[][] m = new double[k][k];
        for (int i = 0; i < k; i++) {
            m[i][i] = 1;
            m[i][0] += a[i + 1] / a[0];
            if (i + 1 < k) {
                m[i][i + 1] -= 1;
            }
        }
        return new org.apache.commons.math3.linear.SingularValueDecomposition(
                new org.apache.commons.math3.linear.Array2DRowRealMatrix(m)).getConditionNumber();
    }

    private static double check(String what, double[] want, double[] got) {
        return check(what, want, got, TOL);
    }

    private static double check(String what, double[] want, double[] got, double tol) {
        assertEquals(want.length, got.length, what + " length");
        double scale = 0;
        double diff = 0;
        for (int i = 0; i < want.length; i++) {
            scale = Math.max(scale, Math.abs(want[i]));
            diff = Math.max(diff, Math.abs(want[i] - got[i]));
        }
        assertTrue(diff <= tol * scale, what + ": max |Δ| " + diff + " > " + tol + " · " + scale);
        return scale == 0 ? 0 : diff / scale;
    }
}
