package org.ecgworkbench.engine.filter;

/** The integer-only test signal of make_golden.py, reproduced bit for bit. */
final class GoldenSignals {

    private GoldenSignals() {
    }

    /** signal(seed, n) of make_golden.py: LCG noise + sawtooth + square wave, in arbitrary units. */
    static double[] signal(long seed, int n) {
        double[] out = new double[n];
        long s = seed & 0x7FFFFFFFL;
        for (int i = 0; i < n; i++) {
            s = (1103515245L * s + 12345L) & 0x7FFFFFFFL;
            long noise = (s >> 8) - (1L << 22);
            long saw = (i * 7919L) % 1000 - 500;
            long square = (i / 150) % 2 != 0 ? 400 : -400;
            out[i] = (Math.floorDiv(noise, 4096L) + saw + square) / 256.0;
        }
        return out;
    }

    /** Row r of a golden batch: signal(seed + 7 r, lengths[r]). */
    static double[][] batch(long seed, int[] lengths) {
        double[][] rows = new double[lengths.length][];
        for (int r = 0; r < lengths.length; r++) {
            rows[r] = signal(seed + 7L * r, lengths[r]);
        }
        return rows;
    }
}
