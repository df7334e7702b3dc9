package org.ecgworkbench.views.runs;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything the dashboards show of one run at one moment.
 *
 * @param row             the queue row
 * @param points          finished epochs, in order
 * @param confusion       the latest epoch's confusion matrix, or null before the first epoch
 * @param device          where it computes, e.g. "CPU, OpenBLAS, 2 threads · local slot 0", or ""
 * @param hyperParameters the prototype's main settings by name (family, blocks, filters, lr, batch ...), in order
 */
public record RunSnapshot(RunRow row, List<EpochPoint> points, ConfusionData confusion, String device,
                          Map<String, String> hyperParameters) {

    /** Copies the collections. */
    public RunSnapshot {
        points = List.copyOf(points);
        hyperParameters = Collections.unmodifiableMap(new LinkedHashMap<>(hyperParameters));
    }

    /** The latest epoch, or null before the first. */
    public EpochPoint last() {
        return points.isEmpty() ? null : points.get(points.size() - 1);
    }

    /** The epoch with the best CinC score (else the best accuracy), or null before the first epoch. */
    public EpochPoint best() {
        EpochPoint best = null;
        for (EpochPoint p : points) {
            if (best == null || key(p) > key(best)) {
                best = p;
            }
        }
        return best;
    }

    private static double key(EpochPoint p) {
        return Double.isNaN(p.score()) ? p.accuracy() : p.score();
    }
}
