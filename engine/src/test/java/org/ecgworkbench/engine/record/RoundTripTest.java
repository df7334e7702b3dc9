package org.ecgworkbench.engine.record;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real records written as WFDB format 16 and CSV, then read back. */
class RoundTripTest {

    @TempDir
    Path out;

    private static void assertSameRecord(Record a, Record b) {
        assertEquals(a.name(), b.name());
        assertEquals(a.samplingFrequency(), b.samplingFrequency());
        assertEquals(a.samples(), b.samples());
        assertEquals(a.leads(), b.leads());
        assertEquals(a.baseTime(), b.baseTime());
        assertEquals(a.baseDate(), b.baseDate());
        assertEquals(a.comments(), b.comments());
        for (int i = 0; i < a.leadCount(); i++) {
            assertArrayEquals(a.adc(i), b.adc(i), "lead " + i);
            assertArrayEquals(a.physical(i), b.physical(i), "lead " + i);
        }
        assertTrue(b.warnings().isEmpty(), b.warnings().toString());
    }

    @Test
    void mitdbRecordThroughFormat16() throws Exception {
        Record a = Records.read(TestData.dir("mitdb").resolve("101"));
        Path hea = Records.write(a, out, Records.Format.WFDB);
        assertEquals("101.hea", hea.getFileName().toString());
        assertSameRecord(a, Records.read(hea));
        assertEquals(11, Records.read(out.resolve("101")).adcResolutions()[0]);
    }

    @Test
    void cincRecordThroughFormat16() throws Exception {
        Path dir = TestData.dir("cinc2017");
        assertSameRecord(Records.read(dir.resolve("A00001")),
                Records.read(Records.write(Records.read(dir.resolve("A00001")), out, Records.Format.WFDB)));
        Record noHeader = Records.read(dir.resolve("A04999"));
        assertSameRecord(noHeader, Records.read(Records.write(noHeader, out, Records.Format.WFDB)));
    }

    @Test
    void mismatchedHeaderIsCorrectedOnWrite() throws Exception {
        Record a = Records.read(TestData.dir("cinc2017").resolve("A00013"));
        assertEquals(1, a.warnings().size());
        Record b = Records.read(Records.write(a, out, Records.Format.WFDB));
        assertTrue(b.warnings().isEmpty(), "written header carries the data's initial value");
        assertArrayEquals(a.adc(0), b.adc(0));
    }

    @Test
    void csvKeepsPhysicalValuesExactly() throws Exception {
        Record a = Records.read(TestData.dir("mitdb").resolve("208"));
        Record b = Records.read(Records.write(a, out, Records.Format.CSV), 360);
        assertEquals(a.leadNames(), b.leadNames());
        for (int i = 0; i < 2; i++) {
            assertArrayEquals(a.physical(i), b.physical(i));
        }
        Record c = Records.read(Records.write(b, out.resolve("q"), Records.Format.WFDB));
        for (int i = 0; i < 2; i++) {
            double[] x = a.physical(i);
            double[] y = c.physical(i);
            for (int s = 0; s < x.length; s++) {
                assertEquals(x[s], y[s], 0.5 / c.gains()[i] + 1e-12);
            }
        }
    }
}
