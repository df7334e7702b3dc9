package org.ecgworkbench.engine.record;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CSV reading and writing and the label file, on generated text. */
class CsvTest {

    @TempDir
    Path dir;

    private Path file(String name, String text) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    @Test
    void headerRowSemicolonsDecimalCommaAndTimeColumn() throws Exception {
        Record r = Records.read(file("a.csv", "\uFEFFtime;I;II\r\n0;0,5;-1\r\n\r\n0,01;0,25;2e-3\r\n"), 100);
        assertEquals(List.of("I", "II"), r.leadNames());
        assertArrayEquals(new double[] {0.5, 0.25}, r.physical(0));
        assertArrayEquals(new double[] {-1, 0.002}, r.physical(1));
        assertFalse(r.hasAdc());
        assertEquals(0.02, r.durationSeconds());
    }

    @Test
    void withoutHeaderRow() throws Exception {
        Record r = CsvReader.read(file("b.csv", "1,2\n3,4\n"), 250);
        assertEquals(List.of("signal 0", "signal 1"), r.leadNames());
        assertEquals(List.of("mV", "mV"), r.units());
        assertArrayEquals(new double[] {2, 4}, r.physical(1));
    }

    @Test
    void badNumbersNameLineAndColumn() throws Exception {
        RecordFormatException e = assertThrows(RecordFormatException.class,
                () -> CsvReader.read(file("c.csv", "I,II\n1,2\n3,x4\n"), 250));
        assertEquals(3, e.position());
        assertTrue(e.getMessage().contains("c.csv line 3: column 2"), e.getMessage());
        assertThrows(RecordFormatException.class, () -> CsvReader.read(file("d.csv", "1,2\n3\n"), 250));
        assertThrows(RecordFormatException.class, () -> CsvReader.read(file("e.csv", "1,NaN\n"), 250));
        assertThrows(RecordFormatException.class, () -> CsvReader.read(file("f.csv", "I,II\n"), 250));
        assertThrows(RecordFormatException.class, () -> Records.read(file("g.csv", "1\n")));
    }

    @Test
    void roundTripIsExactForCsvAndWithinQuantizationForWfdb() throws Exception {
        double[] a = {0.0001234, -5.5, 3.14159, 0};
        double[] b = {100, -100, 0.5, 1e-6};
        Record r = Record.fromPhysical("sig", 500, List.of("I", "aVR"), List.of("mV", "mV"),
                new double[][] {a, b}, List.of(), List.of());
        Record csv = Records.read(Records.write(r, dir.resolve("csv"), Records.Format.CSV), 500);
        assertArrayEquals(a, csv.physical(0));
        assertArrayEquals(b, csv.physical(1));
        assertEquals(r.leadNames(), csv.leadNames());

        Record w = Records.read(Records.write(r, dir.resolve("wfdb"), Records.Format.WFDB));
        assertEquals(1000, w.gains()[0]);
        double g1 = Quantizer.gainFor(100);
        assertEquals(327, g1);
        assertEquals(g1, w.gains()[1]);
        for (int i = 0; i < a.length; i++) {
            assertEquals(a[i], w.physical(0)[i], 0.5 / 1000);
            assertEquals(b[i], w.physical(1)[i], 0.5 / g1);
        }
        assertTrue(w.comments().get(0).startsWith("quantized from physical values"), w.comments().toString());
        assertTrue(w.warnings().isEmpty(), "the written header's checksums and initial values match");
    }

    @Test
    void labelsTolerateCrlfAndBlankLines() throws Exception {
        Map<String, String> m = ReferenceLabels.read(file("REFERENCE.csv", "A1,N\r\n\r\nA2,~\r\n"));
        assertEquals(Map.of("A1", "N", "A2", "~"), m);
        assertThrows(RecordFormatException.class, () -> ReferenceLabels.read(file("R2.csv", "A1\n")));
    }
}
