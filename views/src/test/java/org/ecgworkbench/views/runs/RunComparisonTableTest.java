package org.ecgworkbench.views.runs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import javafx.scene.Scene;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

class RunComparisonTableTest {

    @Test
    void numbersSortAsNumbersAndRunsWithoutEpochsLast() throws Exception {
        FxToolkit.registerPrimaryStage();
        List<RunSnapshot> runs = List.of(
                Runs.snapshot("q0001", RunStatus.DONE, Map.of("lr", "0.01", "batch", "128"), 0.70, 0.80),
                Runs.snapshot("q0002", RunStatus.DONE, Map.of("lr", "1e-4", "batch", "8"), 0.60, 0.65),
                Runs.snapshot("q0003", RunStatus.QUEUED, Map.of("lr", "0.001", "batch", "16")),
                Runs.snapshot("q0004", RunStatus.RUNNING, Map.of("lr", "0.002", "batch", "32"), 0.90));
        RunComparisonTable t = WaitForAsyncUtils.asyncFx(() -> {
            RunComparisonTable c = new RunComparisonTable();
            new Scene(c, 900, 300);
            c.setRuns(runs);
            return c;
        }).get(10, TimeUnit.SECONDS);
        WaitForAsyncUtils.asyncFx(() -> {
            assertTrue(t.column("lr") != null && t.column("batch") != null && t.column("Best score") != null);
            assertEquals(List.of("q0004", "q0001", "q0002", "q0003"), ids(t), "at first: best score, best first");
            t.sortBy("lr", true);
            assertEquals(List.of("q0002", "q0003", "q0004", "q0001"), ids(t), "1e-4 < 0.001 < 0.002 < 0.01, not text order");
            t.sortBy("batch", false);
            assertEquals(List.of("q0001", "q0004", "q0003", "q0002"), ids(t), "128, 32, 16, 8");
            t.sortBy("Best score", false);
            assertEquals(List.of("q0004", "q0001", "q0002", "q0003"), ids(t), "best first, no epochs last");
            t.sortBy("Best score", true);
            assertEquals(List.of("q0002", "q0001", "q0004", "q0003"), ids(t), "no epochs last ascending too");
            // new data keeps the chosen order
            t.setRuns(List.of(runs.get(2), runs.get(0), runs.get(3), runs.get(1)));
            assertEquals(List.of("q0002", "q0001", "q0004", "q0003"), ids(t));
            assertEquals("0.850", String.format(java.util.Locale.ROOT, "%.3f",
                    (Double) t.column("Best score").getCellData(t.table().getItems().get(2))));
            return null;
        }).get(10, TimeUnit.SECONDS);
    }

    @Test
    void valueComparisonRules() {
        assertTrue(RunComparisonTable.compareValues("9", "10") < 0);
        assertTrue(RunComparisonTable.compareValues("5e-4", "0.001") < 0);
        assertTrue(RunComparisonTable.compareValues("10", "adam") < 0, "numbers before text");
        assertTrue(RunComparisonTable.compareValues("Adam", "sgd") < 0);
        assertTrue(RunComparisonTable.compareValues("–", "1") > 0, "blanks last");
        assertEquals(0, RunComparisonTable.compareValues("", "–"));
    }

    private static List<String> ids(RunComparisonTable t) {
        return t.table().getItems().stream().map(s -> s.row().id()).toList();
    }
}
