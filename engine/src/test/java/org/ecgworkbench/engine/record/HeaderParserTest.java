package org.ecgworkbench.engine.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import org.junit.jupiter.api.Test;

class HeaderParserTest {

    private static final Path FILE = Path.of("x.hea");

    @Test
    void parsesCrlfCommentsTrailingSpacesAndOffsets() throws Exception {
        String text = "# leading comment\r\nA00001 1 300 9000 05:05:15 1/05/2000 \r\n"
                + "A00001.mat 16+24 1000/mV 16 0 -127 0 0 ECG \r\n\r\n#  69 M  \r\n";
        Header h = HeaderParser.parse(text, FILE);
        assertEquals("A00001", h.recordName());
        assertEquals(300, h.samplingFrequency());
        assertEquals(9000, h.samples());
        assertEquals(LocalTime.of(5, 5, 15), h.baseTime());
        assertEquals(LocalDate.of(2000, 5, 1), h.baseDate());
        SignalSpec s = h.signals().get(0);
        assertEquals("A00001.mat", s.fileName());
        assertEquals(16, s.format());
        assertEquals(24, s.byteOffset());
        assertEquals(1000, s.gain());
        assertEquals(0, s.baseline());
        assertEquals("mV", s.units());
        assertEquals(-127, s.initialValue());
        assertEquals("ECG", s.description());
        assertEquals(List.of("leading comment", "69 M"), h.comments());
    }

    @Test
    void baselineInGainFieldAndDescriptionWithSpaces() throws Exception {
        Header h = HeaderParser.parse("r 2 360/720(5)\nr.dat 212 200(1024)/uV 11 1000 1 2 0 lead one\n"
                + "r.dat 212 100.5 11 1000\n", FILE);
        assertEquals(720, h.counterFrequency());
        assertEquals(5, h.baseCounter());
        assertEquals(-1, h.samples());
        assertEquals(1024, h.signals().get(0).baseline());
        assertEquals("uV", h.signals().get(0).units());
        assertEquals("lead one", h.signals().get(0).description());
        SignalSpec second = h.signals().get(1);
        assertEquals(100.5, second.gain());
        assertEquals(1000, second.baseline(), "baseline defaults to the ADC zero");
        assertNull(second.initialValue());
        assertEquals("record r, signal 1", second.description());
    }

    @Test
    void wfdbDefaults() throws Exception {
        Header h = HeaderParser.parse("r 1\nr.dat 80\n", FILE);
        assertEquals(250, h.samplingFrequency());
        SignalSpec s = h.signals().get(0);
        assertEquals(200, s.gain());
        assertEquals("mV", s.units());
        assertEquals(8, s.adcResolution());
        assertEquals(0, s.baseline());
        assertEquals(200, HeaderParser.parse("r 1\nr.dat 16 0/mV\n", FILE).signals().get(0).gain(),
                "gain 0 means uncalibrated: WFDB default 200");
    }

    @Test
    void rejectsMalformedHeadersWithLineNumbers() {
        RecordFormatException e = assertThrows(RecordFormatException.class,
                () -> HeaderParser.parse("r/3 2 360\n", FILE));
        assertTrue(e.getMessage().contains("multi-segment records are not supported"), e.getMessage());
        e = assertThrows(RecordFormatException.class, () -> HeaderParser.parse("r 2 360\n\nr.dat 16 x\n", FILE));
        assertEquals(3, e.position());
        assertEquals(RecordFormatException.PositionKind.LINE, e.positionKind());
        assertTrue(e.getMessage().startsWith("x.hea line 3: bad gain field"), e.getMessage());
        assertThrows(RecordFormatException.class, () -> HeaderParser.parse("r 3 360\nr.dat 16\n", FILE));
        assertThrows(RecordFormatException.class, () -> HeaderParser.parse("r 99999999999 360\n", FILE));
        assertThrows(RecordFormatException.class, () -> HeaderParser.parse("r 1 -360\nr.dat 16\n", FILE));
        assertThrows(RecordFormatException.class, () -> HeaderParser.parse("r 1 360 -5\nr.dat 16\n", FILE));
        assertThrows(RecordFormatException.class, () -> HeaderParser.parse("r 1 360 5 25:00:00\nr.dat 16\n", FILE));
        assertThrows(RecordFormatException.class, () -> HeaderParser.parse("r 1 360 5 1:00 31/02/2000\nr.dat 16\n", FILE));
        assertThrows(RecordFormatException.class, () -> HeaderParser.parse("# only comments\n\n", FILE));
        assertThrows(RecordFormatException.class, () -> HeaderParser.parse("r 1\nr.dat 16 1e999\n", FILE));
    }
}
