package org.ecgworkbench.views.runs;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Snapshots for the run view tests. */
final class Runs {

    private Runs() {
    }

    static RunRow row(String id, RunStatus status) {
        return new RunRow(id, "tiny-" + id, "tiny", "d.h5", status, status == RunStatus.RUNNING ? "local slot 0" : "",
                0.5, 1, 2, Double.NaN, "cinc_score", 30, "", "/runs/tiny-" + id, 1, false, true);
    }

    /** A run with the given scores per epoch (CinC score = accuracy - 0.05) and hyper-parameters. */
    static RunSnapshot snapshot(String id, RunStatus status, Map<String, String> hyper, double... accuracy) {
        List<EpochPoint> points = new ArrayList<>();
        for (int e = 0; e < accuracy.length; e++) {
            points.add(new EpochPoint(e + 1, 1.0 / (e + 1), 1.2 / (e + 1), accuracy[e],
                    Map.of("N", accuracy[e]), accuracy[e] - 0.05, 10, 100, 0.001));
        }
        ConfusionData c = accuracy.length == 0 ? null
                : new ConfusionData(List.of("A", "N"), new long[][] {{3, 1}, {2, 10}}, accuracy.length);
        return new RunSnapshot(row(id, status), points, c, "CPU · OPENBLAS · 2 threads", new LinkedHashMap<>(hyper));
    }
}
