package org.ecgworkbench.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.ecgworkbench.engine.dataset.Dataset;
import org.junit.jupiter.api.Test;

/** pack and dataset-info on samples/ and on broken input. */
class PackCommandTest extends CliTest {

    static final Path SAMPLES = Path.of("..", "samples");

    @Test
    void packsTheSamplesAndDescribesTheFile() throws IOException {
        Path out = dir.resolve("samples.h5");
        int code = run("pack", "--input", SAMPLES.toString(), "--labels", SAMPLES.resolve("REFERENCE.csv").toString(),
                "--out", out.toString(), "--seed", "3", "--test-fraction", "0.4");
        assertEquals(0, code, err.toString());
        assertTrue(this.out.toString().contains("packed 5 of 5 records"), this.out.toString());
        assertTrue(err.toString().contains("\rpacking 5/5 records"), err.toString());
        Dataset d = Dataset.open(out);
        assertEquals(5, d.size());
        assertEquals(3, d.splitSeed());
        assertEquals(0.4, d.splitTestFraction());
        assertTrue(d.command().startsWith("ecg-workbench pack --input "), d.command());
        assertTrue(d.command().contains("--test-fraction 0.4"), d.command());
        assertTrue(d.createdBy().startsWith("ECG Workbench "), d.createdBy());

        assertEquals(0, run("dataset-info", out.toString()), err.toString());
        String info = this.out.toString();
        for (String s : new String[] {"records: 5", "schema version: 1", "fs: mixed", "class names: A, N, O, ~",
                "N       ", "total duration:", "command: ecg-workbench pack --input", "checks passed", "ok  "}) {
            assertTrue(info.contains(s), s + " in\n" + info);
        }
        assertTrue(info.matches("(?s).*\\nall\\s+\\d+\\s+\\d+\\s+5\\n.*"), info);
    }

    @Test
    void reportsSkippedRecordsAndGoesOn() throws IOException {
        Path in = dir.resolve("in");
        Files.createDirectories(in);
        for (String ext : new String[] {"hea", "dat"}) {
            Files.copy(SAMPLES.resolve("synth-nsr-360." + ext), in.resolve("synth-nsr-360." + ext));
        }
        Files.writeString(in.resolve("bad.hea"), "bad 1 360 garbage\n");
        Files.writeString(in.resolve("REFERENCE.csv"), "synth-nsr-360,N\nbad,A\n");
        Path out = dir.resolve("o.h5");
        assertEquals(0, run("pack", "--input", in.toString(), "--out", out.toString()), err.toString());
        assertTrue(err.toString().contains("skipped " + in.resolve("bad.hea")), err.toString());
        assertTrue(this.out.toString().contains("packed 1 of 2 records"), this.out.toString());
        assertTrue(this.out.toString().contains("skipped 1"), this.out.toString());
    }

    @Test
    void refusesMissingLabelsAndBrokenFiles() throws IOException {
        Path out = dir.resolve("x.h5");
        assertEquals(1, run("pack", "--input", dir.toString(), "--out", out.toString()));
        assertTrue(err.toString().contains("REFERENCE.csv"), err.toString());
        assertFalse(Files.exists(out));

        Path junk = dir.resolve("junk.h5");
        Files.writeString(junk, "not hdf5");
        assertEquals(1, run("dataset-info", junk.toString()));
        assertTrue(err.toString().startsWith("error: " + junk), err.toString());
    }
}
