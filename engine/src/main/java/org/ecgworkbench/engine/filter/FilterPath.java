package org.ecgworkbench.engine.filter;

import org.nd4j.linalg.factory.Nd4j;

/** Which execution path runs a filter. Both give SciPy's numbers; they differ in how they use the hardware. */
public enum FilterPath {
    /** The path for the active ND4J backend: {@link #CHUNKED} on CUDA, {@link #SERIAL} on the CPU. */
    AUTO,
    /** CPU: the serial recursion, SIMD across rows, rows in parallel on all cores. */
    SERIAL,
    /** GPU-shaped: a chunked linear recurrence in ND4J matrix products; ops per call independent of length. */
    CHUNKED;

    /** This path with AUTO resolved for the active backend. */
    public FilterPath resolve() {
        if (this != AUTO) {
            return this;
        }
        String backend = Nd4j.getBackend().getClass().getName().toLowerCase(java.util.Locale.ROOT);
        return backend.contains("cublas") || backend.contains("cuda") ? CHUNKED : SERIAL;
    }

    /** Parses auto, serial, chunked (case-insensitive). */
    public static FilterPath parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown filter path '" + text + "' (auto, serial, chunked)", e);
        }
    }
}
