package org.ecgworkbench.views.viewer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TimeFormatTest {

    @Test
    void parsesSecondsAndClockTimes() {
        assertEquals(75, TimeFormat.parseSeconds("75").getAsDouble());
        assertEquals(75.5, TimeFormat.parseSeconds(" 75.5 s").getAsDouble());
        assertEquals(75, TimeFormat.parseSeconds("1:15").getAsDouble());
        assertEquals(75.25, TimeFormat.parseSeconds("1:15.25").getAsDouble());
        assertEquals(3723, TimeFormat.parseSeconds("1:02:03").getAsDouble());
        assertEquals(0.5, TimeFormat.parseSeconds(".5").getAsDouble());
    }

    @Test
    void rejectsWhatIsNotATime() {
        for (String bad : new String[] {"", "abc", "-3", "1:60", "1::2", "1:2:3:4", "1.5:10", null}) {
            assertTrue(TimeFormat.parseSeconds(bad).isEmpty(), "\"" + bad + "\"");
        }
    }

    @Test
    void formatsClockTimes() {
        assertEquals("0:00", TimeFormat.clock(0));
        assertEquals("1:15", TimeFormat.clock(75.9));
        assertEquals("30:05", TimeFormat.clock(1805.6));
        assertEquals("1:00:00", TimeFormat.clock(3600));
        assertEquals("1:15.250", TimeFormat.precise(75.25));
    }
}
