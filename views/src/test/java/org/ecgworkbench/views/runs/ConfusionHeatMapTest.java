package org.ecgworkbench.views.runs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.TimeUnit;

import javafx.scene.Scene;
import javafx.scene.control.ToggleButton;
import javafx.scene.paint.Color;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

class ConfusionHeatMapTest {

    static final ConfusionData CINC = new ConfusionData(List.of("A", "N", "O", "~"),
            new long[][] {{30, 0, 6, 0}, {7, 202, 32, 2}, {7, 24, 74, 3}, {0, 0, 0, 0}}, 14);

    @Test
    void rowNormalisationDividesEachRowByItsTotal() {
        double[][] r = CINC.rowNormalised();
        assertArrayEquals(new double[] {30 / 36.0, 0, 6 / 36.0, 0}, r[0], 1e-12);
        assertArrayEquals(new double[] {7 / 243.0, 202 / 243.0, 32 / 243.0, 2 / 243.0}, r[1], 1e-12);
        assertArrayEquals(new double[] {0, 0, 0, 0}, r[3], 0, "a class without validation items stays 0");
        for (int i = 0; i < 3; i++) {
            double sum = 0;
            for (double v : r[i]) {
                sum += v;
            }
            assertEquals(1, sum, 1e-12);
        }
        assertEquals(243, CINC.rowTotal(1));
        assertEquals(202, CINC.maxCount());
        assertThrows(IllegalArgumentException.class,
                () -> new ConfusionData(List.of("A", "N"), new long[][] {{1, 2}, {3}}, 1));
    }

    @Test
    void cellsShowCountsOrRowSharesWithDarkerColourForMore() throws Exception {
        FxToolkit.registerPrimaryStage();
        ConfusionHeatMap map = WaitForAsyncUtils.asyncFx(() -> {
            ConfusionHeatMap m = new ConfusionHeatMap();
            new Scene(m, 500, 400);
            m.setData(CINC);
            return m;
        }).get(10, TimeUnit.SECONDS);
        WaitForAsyncUtils.asyncFx(() -> {
            assertEquals("202", map.cellText(1, 1));
            assertEquals("6", map.cellText(0, 2));
            assertEquals(ConfusionHeatMap.colour(1), map.cellColor(1, 1), "the largest count gets the top colour");
            assertEquals(ConfusionHeatMap.colour(0), map.cellColor(3, 3));
            assertTrue(luminance(map.cellColor(1, 2)) > luminance(map.cellColor(1, 1)));
            ((ToggleButton) map.lookup("#heatmap-normalised")).fire();
            assertTrue(map.normalisedProperty().get());
            assertEquals("83 %", map.cellText(1, 1));
            assertEquals("83 %", map.cellText(0, 0), "30 of 36");
            assertEquals("0 %", map.cellText(3, 3));
            // row-normalised, A's recall (0.83) colours as strongly as N's though N has 7 times the items
            assertEquals(ConfusionHeatMap.colour(30 / 36.0), map.cellColor(0, 0));
            ((ToggleButton) map.lookup("#heatmap-counts")).fire();
            assertEquals("30", map.cellText(0, 0));
            map.setData(null);
            assertEquals(null, map.data());
            return null;
        }).get(10, TimeUnit.SECONDS);
    }

    @Test
    void colourScaleRunsFromLightToDark() {
        Color lo = ConfusionHeatMap.colour(0);
        Color mid = ConfusionHeatMap.colour(0.5);
        Color hi = ConfusionHeatMap.colour(1);
        assertTrue(luminance(lo) > luminance(mid) && luminance(mid) > luminance(hi));
        assertEquals(lo, ConfusionHeatMap.colour(-3));
        assertEquals(hi, ConfusionHeatMap.colour(7));
        assertEquals(lo, ConfusionHeatMap.colour(Double.NaN));
    }

    private static double luminance(Color c) {
        return 0.2126 * c.getRed() + 0.7152 * c.getGreen() + 0.0722 * c.getBlue();
    }
}
