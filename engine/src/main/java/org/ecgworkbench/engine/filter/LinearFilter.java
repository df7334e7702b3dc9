package org.ecgworkbench.engine.filter;

/**
 * A linear time-invariant digital filter that {@link Lfilter}, {@link Filtfilt} and {@link Sosfilt} can run:
 * a transfer function (b, a) or a cascade of second-order sections.
 */
public sealed interface LinearFilter permits TransferFunction, Sos {

    /** Number of state values (delays) of the filter: max(len(a), len(b)) - 1, or 2 per section. */
    int stateSize();

    /** Filter length SciPy uses for filtfilt's default padding ({@code padlen = 3 * ntaps}). */
    int ntaps();

    /** Steady-state of the step response, flattened: {@code lfilter_zi(b, a)} or {@code sosfilt_zi(sos).ravel()}. */
    double[] steadyState();

    /** The same filter as a state-space system, for the chunked (matrix-product) execution path. */
    StateSpace stateSpace();
}
