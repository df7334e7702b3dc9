package org.ecgworkbench.views.viewer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class TimeWindowTest {

    @Test
    void staysInsideTheRecord() {
        TimeWindow w = new TimeWindow();
        w.resize(10_000, 1000);
        w.set(-50, 2);
        assertEquals(0, w.start());
        w.set(9_500, 2);
        assertEquals(8_000, w.start());
        w.set(0, 1e9);
        assertEquals(10, w.samplesPerPixel());
        w.set(0, 1e-9);
        assertEquals(TimeWindow.MIN_SAMPLES_PER_PIXEL, w.samplesPerPixel());
    }

    @Test
    void zoomKeepsTheSampleUnderThePointer() {
        TimeWindow w = new TimeWindow();
        w.resize(100_000, 1000);
        w.set(20_000, 4);
        double under = w.sampleAt(250);
        w.zoomAt(0.5, 250);
        assertEquals(2, w.samplesPerPixel());
        assertEquals(under, w.sampleAt(250), 1e-9);
        w.show(30_000, 31_000);
        assertEquals(30_000, w.start(), 1e-9);
        assertEquals(1, w.samplesPerPixel(), 1e-12);
    }
}
