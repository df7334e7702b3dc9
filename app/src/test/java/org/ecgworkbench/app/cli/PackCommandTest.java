package org.ecgworkbench.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.ecgworkbench.engine.dataset.Dataset;
import org.ecgworkbench.engine.record.Annotation;
import org.ecgworkbench.engine.record.AnnotationWriter;
import org.junit.jupiter.api.Test;

/** pack and dataset-info on samples/ (labelled records and rhythm windows) and on broken input. */
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
        for (String s : new String[] {"records: 5", "schema version: 2", "fs: mixed", "class names: A, N, O, ~",
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

    @Test
    void packsRhythmWindowsOfTheSamplesAndDescribesTheirSources() throws IOException {
        Path out = dir.resolve("rhythm.h5");
        int code = run("pack", "--input", SAMPLES.toString(), "--rhythm", "--out", out.toString());
        assertEquals(0, code, err.toString());
        // 10-s windows: three 60-s records give 6 each, two 30-s records 3 each; labels from each .atr
        assertTrue(this.out.toString().contains("packed 24 windows of 10 s from 5 of 5 records"), this.out.toString());
        assertTrue(this.out.toString().contains("(AFIB 6, N 15, NOISE 3)"), this.out.toString());
        Dataset d = Dataset.open(out);
        assertEquals(24, d.size());
        assertEquals(Dataset.ItemKind.RHYTHM_WINDOW, d.itemKind());
        assertEquals("synth-af-300/0000", d.recordName(0));
        for (int i = 0; i < d.size(); i++) {
            for (int j = 0; j < d.size(); j++) {
                assertTrue(!d.source(i).equals(d.source(j)) || d.split(i) == d.split(j), d.source(i));
            }
        }

        assertEquals(0, run("dataset-info", out.toString()), err.toString());
        String info = this.out.toString();
        int[] sources = d.sourceCounts();
        for (String s : new String[] {"schema version: 2",
                "windows: 24 of 10 s, labelled by the rhythm annotations (.atr)", "source records: 5 (train " + sources[0] + ", test " + sources[1] + ")", "train rec  test rec",
                "by source record (none on both sides", "test source records: ", "no source record on both sides of the split"}) {
            assertTrue(info.contains(s), s + " in\n" + info);
        }
        assertTrue(info.matches("(?s).*\\nall\\s+\\d+\\s+\\d+\\s+24\\s+" + sources[0] + "\\s+" + sources[1]
                + "\\n.*"), info);
        assertFalse(info.contains("records: 24"), info);

        Path plan = dir.resolve("plan.h5");
        assertEquals(0, run("pretrain", "--dataset", out.toString(), "--out", plan.toString(),
                "--validation-fraction", "0"), err.toString());
        assertTrue(this.out.toString().contains("source records: train " + sources[0] + ", validation 0"),
                this.out.toString());
    }

    @Test
    void windowLengthAndAnnotatorAreOptions() throws IOException {
        Path in = dir.resolve("in");
        Files.createDirectories(in);
        for (String ext : new String[] {"hea", "dat", "atr"}) {
            Files.copy(SAMPLES.resolve("synth-nsr-360." + ext), in.resolve("synth-nsr-360." + (ext.equals("atr")
                    ? "ref" : ext)));
        }
        Path out = dir.resolve("w.h5");
        assertEquals(0, run("pack", "--input", in.toString(), "--rhythm", "--annotator", "ref", "--window-seconds",
                "7.5", "--out", out.toString()), err.toString());
        assertTrue(this.out.toString().contains("packed 8 windows of 7.5 s from 1 of 1 records"), this.out.toString());
        assertEquals(2700, Dataset.open(out).length(0));

        assertEquals(1, run("pack", "--input", in.toString(), "--rhythm", "--out", out.toString()));
        assertTrue(err.toString().contains("\nerror: " + in + ": no record has an annotation file .atr"),
                err.toString());
        assertTrue(err.toString().contains("skipped " + in.resolve("synth-nsr-360.atr") + ": no annotation file"),
                err.toString());
    }

    @Test
    void refusesBadRhythmOptions() throws IOException {
        Path out = dir.resolve("bad.h5");
        String samples = SAMPLES.toString();
        String labels = SAMPLES.resolve("REFERENCE.csv").toString();
        String[][] bad = {
            {"pack", "--input", samples, "--rhythm", "--labels", labels, "--out", out.toString()},
            {"pack", "--input", samples, "--rhythm", "--window-seconds", "0", "--out", out.toString()},
            {"pack", "--input", samples, "--rhythm", "--window-seconds", "-3", "--out", out.toString()},
            {"pack", "--input", samples, "--labels", labels, "--window-seconds", "10", "--out", out.toString()},
            {"pack", "--input", samples, "--rhythm", "--annotator", "a/b", "--out", out.toString()},
        };
        String[] reasons = {"--labels and --rhythm exclude each other", "window seconds must be > 0, got 0.0",
            "window seconds must be > 0, got -3.0", "apply only with --rhythm", "annotator must be a file extension"};
        for (int k = 0; k < bad.length; k++) {
            assertEquals(2, run(bad[k]), String.join(" ", bad[k]));
            assertTrue(err.toString().startsWith("error: ") && err.toString().contains(reasons[k]), err.toString());
            assertFalse(Files.exists(out));
        }

        Path beats = dir.resolve("beats");
        Files.createDirectories(beats);
        for (String ext : new String[] {"hea", "dat"}) {
            Files.copy(SAMPLES.resolve("synth-nsr-360." + ext), beats.resolve("synth-nsr-360." + ext));
        }
        AnnotationWriter.write(List.of(new Annotation(100, "N", 0, 0, 0, "")), beats.resolve("synth-nsr-360.atr"));
        assertEquals(1, run("pack", "--input", beats.toString(), "--rhythm", "--out", out.toString()));
        assertTrue(err.toString().contains("error: " + beats + ": no rhythm annotations"), err.toString());
        assertFalse(Files.exists(out));
    }
}
