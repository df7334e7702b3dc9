package org.ecgworkbench.engine.serve;

import java.util.List;

/**
 * The answer for one recording.
 *
 * @param label         the most probable class
 * @param classes       the model's classes, in network order
 * @param probabilities probability of each class (same order; they sum to 1)
 * @param rPeaks        R peaks found by Pan-Tompkins on the classified lead (0-based sample indices)
 * @param heartRateBpm  mean heart rate over the R peaks in beats per minute (60 / mean RR); NaN with fewer than two
 * @param latencyMs     time spent in the service on this recording, in ms
 * @param model         id of the model that answered (its run directory's name)
 */
public record Classification(String label, List<String> classes, double[] probabilities, int[] rPeaks,
                             double heartRateBpm, double latencyMs, String model) {
}
