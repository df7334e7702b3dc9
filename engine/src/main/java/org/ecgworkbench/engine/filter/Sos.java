package org.ecgworkbench.engine.filter;

import java.util.Arrays;

/** Second-order sections, one row {@code [b0, b1, b2, a0, a1, a2]} per section, as SciPy's sos array. */
public record Sos(double[][] sections) implements LinearFilter {

    /** Checks and copies the sections: n×6, a0 = 1 (SciPy's sosfilt requires it), finite. */
    public Sos {
        if (sections.length == 0) {
            throw new IllegalArgumentException("sos must have at least one section");
        }
        double[][] copy = new double[sections.length][];
        for (int s = 0; s < sections.length; s++) {
            if (sections[s].length != 6) {
                throw new IllegalArgumentException("sos must be shape (n_sections, 6); section " + s
                        + " has " + sections[s].length + " values");
            }
            for (double v : sections[s]) {
                if (!Double.isFinite(v)) {
                    throw new IllegalArgumentException("sos coefficients must be finite, got " + v);
                }
            }
            if (sections[s][3] != 1.0) {
                throw new IllegalArgumentException("sos[" + s + ", 3] must be 1 (normalised sections), got "
                        + sections[s][3]);
            }
            copy[s] = sections[s].clone();
        }
        sections = copy;
    }

    @Override
    public double[][] sections() {
        double[][] out = new double[sections.length][];
        for (int s = 0; s < sections.length; s++) {
            out[s] = sections[s].clone();
        }
        return out;
    }

    /** Number of second-order sections. */
    public int count() {
        return sections.length;
    }

    /** Coefficient j (0..5) of section s, without copying. */
    double coefficient(int s, int j) {
        return sections[s][j];
    }

    @Override
    public int stateSize() {
        return 2 * sections.length;
    }

    /** As scipy's sosfiltfilt: 2 n + 1, less the sections that are really first order. */
    @Override
    public int ntaps() {
        int zeroB2 = 0;
        int zeroA2 = 0;
        for (double[] s : sections) {
            zeroB2 += s[2] == 0 ? 1 : 0;
            zeroA2 += s[5] == 0 ? 1 : 0;
        }
        return 2 * sections.length + 1 - Math.min(zeroB2, zeroA2);
    }

    /** {@code scipy.signal.sosfilt_zi(sos)}, flattened section by section. */
    @Override
    public double[] steadyState() {
        double[] zi = new double[2 * sections.length];
        double scale = 1.0;
        for (int s = 0; s < sections.length; s++) {
            double[] sec = sections[s];
            double[] one = new TransferFunction(new double[] {sec[0], sec[1], sec[2]},
                    new double[] {sec[3], sec[4], sec[5]}).steadyState();
            zi[2 * s] = scale * one[0];
            zi[2 * s + 1] = scale * one[1];
            scale *= (sec[0] + sec[1] + sec[2]) / (sec[3] + sec[4] + sec[5]);
        }
        return zi;
    }

    @Override
    public StateSpace stateSpace() {
        StateSpace out = null;
        for (double[] sec : sections) {
            StateSpace one = StateSpace.ofDirectFormII(new double[] {sec[0], sec[1], sec[2]},
                    new double[] {sec[3], sec[4], sec[5]});
            out = out == null ? one : out.then(one);
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Sos other && Arrays.deepEquals(sections, other.sections);
    }

    @Override
    public int hashCode() {
        return Arrays.deepHashCode(sections);
    }

    @Override
    public String toString() {
        return "Sos" + Arrays.deepToString(sections);
    }
}
