package org.ecgworkbench.views.runs;

import java.util.Map;

/**
 * The validation results of one finished epoch.
 *
 * @param epoch            1-based epoch
 * @param trainLoss        mean training loss over the epoch
 * @param valLoss          validation loss (NaN when not measured)
 * @param accuracy         validation accuracy, 0..1
 * @param f1               F1 per class, 0..1, in class order (e.g. A, N, O, ~)
 * @param score            CinC 2017 score (mean F1 of N, A and O), 0..1; NaN when the classes have none
 * @param seconds          wall time of the epoch, seconds
 * @param samplesPerSecond training samples per second of wall time (NaN when the training set size is unknown)
 * @param learningRate     learning rate during the epoch
 */
public record EpochPoint(int epoch, double trainLoss, double valLoss, double accuracy, Map<String, Double> f1,
                         double score, double seconds, double samplesPerSecond, double learningRate) {

    /** Copies f1 so a snapshot never changes under a view. */
    public EpochPoint {
        f1 = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(f1));
    }
}
