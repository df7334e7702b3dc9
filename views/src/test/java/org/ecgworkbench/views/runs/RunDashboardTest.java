package org.ecgworkbench.views.runs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

class RunDashboardTest {

    @Test
    void followsARunFromItsFirstEpochAndTakesTheStatsView() throws Exception {
        FxToolkit.registerPrimaryStage();
        RunDashboard d = WaitForAsyncUtils.asyncFx(() -> {
            RunDashboard x = new RunDashboard();
            new Scene(x, 1200, 600);
            return x;
        }).get(10, TimeUnit.SECONDS);
        WaitForAsyncUtils.asyncFx(() -> {
            // one and two epochs: too few points for TilesFX's smoothing, which must not be asked for (it throws)
            for (double[] acc : new double[][] {{0.5}, {0.5, 0.6}, {0.5, 0.6, 0.7, 0.8}, {0.5}}) {
                d.show(Runs.snapshot("q0001", RunStatus.RUNNING, Map.of(), acc));
                d.snapshot(null, null); // CSS and layout: the skins draw
                assertEquals(acc.length, d.heatMap().data().epoch());
                assertEquals(Map.of("N", acc[acc.length - 1]), d.f1Shown());
            }
            assertEquals("CPU · OPENBLAS · 2 threads", d.deviceText());
            // another run with other classes: the F1 bars follow
            RunSnapshot other = new RunSnapshot(Runs.row("q0002", RunStatus.DONE), java.util.List.of(
                    new EpochPoint(1, 1, 1, 0.5, Map.of("A", 0.25, "O", 0.5), 0.4, 10, 5, 0.001)), null, "", Map.of());
            d.show(other);
            d.snapshot(null, null);
            assertEquals(Map.of("A", 0.25, "O", 0.5), d.f1Shown());
            assertNull(d.heatMap().data());
            Label stats = new Label("DL4J UI");
            d.setStatsView(stats);
            assertSame(stats, ((StackPane) d.lookup("#dashboard-stats")).getChildren().get(0));
            d.show(null);
            d.snapshot(null, null);
            assertNull(d.snapshot());
            return null;
        }).get(20, TimeUnit.SECONDS);
    }
}
