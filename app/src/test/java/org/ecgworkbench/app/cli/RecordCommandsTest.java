package org.ecgworkbench.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The info and convert commands, run as the CLI runs them. */
class RecordCommandsTest extends CliTest {


    @Test
    void infoOnMitdbAndCincWithOneBadFile() throws Exception {
        Path mitdb = data("mitdb");
        Path cinc = data("cinc2017");
        Path bad = dir.resolve("bad.hea");
        Files.writeString(bad, "bad 2 360\nbad.dat 16\n");
        int code = run("info", mitdb.resolve("201").toString(), bad.toString(), cinc.resolve("A00013").toString());
        assertEquals(1, code);
        String o = out.toString();
        assertTrue(o.contains("record: 201"), o);
        assertTrue(o.contains("sampling frequency: 360 Hz"), o);
        assertTrue(o.contains("duration: 1805.556 s (650000 samples)"), o);
        assertTrue(o.contains("leads: 2: MLII [mV], V1 [mV]"), o);
        assertTrue(o.contains("annotations: 201.atr: 2039 (1963 beats)"), o);
        assertTrue(o.contains("record: A00013"), o);
        assertTrue(o.contains("label: O"), o);
        assertTrue(o.contains("warning: signal 0 (ECG): header initial value 3"), o);
        assertTrue(err.toString().contains("bad.hea line 3: header declares 2 signals but has 1 signal lines"), err.toString());
    }

    @Test
    void convertCsvToWfdbAndBack() throws Exception {
        Path csv = dir.resolve("rec.csv");
        Files.writeString(csv, "I,II\n0.1,-0.2\n0.3,0.4\n0.5,0.6\n");
        assertEquals(1, run("convert", csv.toString(), "--to", "wfdb", "--out", dir.resolve("w").toString()));
        assertTrue(err.toString().contains("needs its sampling frequency"), err.toString());
        assertEquals(0, run("convert", csv.toString(), "--to", "wfdb", "--out", dir.resolve("w").toString(), "--fs", "250"));
        assertTrue(Files.isRegularFile(dir.resolve("w/rec.hea")));
        assertTrue(out.toString().contains("warning: quantized from physical values"), out.toString());
        assertEquals(0, run("info", dir.resolve("w/rec").toString()));
        assertTrue(out.toString().contains("leads: 2: I [mV], II [mV]"), out.toString());
        assertEquals(0, run("convert", dir.resolve("w/rec.hea").toString(), "--to", "CSV", "--out", dir.resolve("c").toString()));
        assertEquals(Files.readString(csv), Files.readString(dir.resolve("c/rec.csv")));
        assertEquals(2, run("convert", csv.toString(), "--to", "edf", "--out", dir.toString()));
    }

    @Test
    void convertMitdbToWfdb() throws Exception {
        Path mitdb = data("mitdb");
        assertEquals(0, run("convert", mitdb.resolve("101").toString(), "--to", "wfdb", "--out", dir.toString()));
        assertEquals(650000L * 2 * 2, Files.size(dir.resolve("101.dat")));
        assertTrue(Files.readString(dir.resolve("101.hea")).startsWith("101 2 360 650000\n101.dat 16 200(1024)/mV 11 1024 955 29832 0 MLII\n"));
    }
}
