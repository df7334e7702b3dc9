package org.ecgworkbench.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** bench viewer on the small sample record, headless (Monocle from the test settings): it runs and reports its targets. */
class BenchViewerCommandTest extends CliTest {

    @Test
    void measuresPanningAndFirstPaintAndPrintsTheTargets() {
        // the test JVM's headless screen is 1280x800: the stage must fit on it
        int code = run("bench", "viewer", "--record", "../samples/synth-nsr-2lead-500", "--frames", "5", "--width",
                "1200", "--height", "760");
        assertEquals(0, code, err.toString());
        String o = out.toString();
        assertTrue(o.contains("record synth-nsr-2lead-500: 2 leads"), o);
        assertTrue(o.matches("(?s).*open to first paint: [0-9.]+ s.*"), o);
        assertTrue(o.matches("(?s).*leads \\+ 4 stages \\+ R peaks \\+ HR\\s+5 .*"), o);
        assertTrue(o.matches("(?s).*panning >= 60 fps: \\d+ fps at worst, (met|NOT met).*"), o);
    }

    @Test
    void aMissingRecordIsAClearError() {
        int code = run("bench", "viewer", "--record", dir.resolve("nothing").toString());
        assertEquals(1, code);
        assertTrue(err.toString().contains("no such record"), err.toString());
    }
}
