package org.ecgworkbench.app.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.ecgworkbench.engine.record.Annotation;
import org.ecgworkbench.engine.record.Record;
import org.ecgworkbench.engine.record.Records;
import org.junit.jupiter.api.Test;

/** The synth command, run as the CLI runs it. */
class SynthCommandTest extends CliTest {

    @Test
    void writesAReadableWfdbRecordWithAnnotations() throws Exception {
        assertEquals(0, run("synth", "--rhythm", "other", "--seconds", "20", "--fs", "250", "--out", dir.toString(),
                "--name", "pvc", "--seed", "9", "--hr", "80", "--pvc-rate", "0.3", "--noise-mv", "0.02"), err.toString());
        assertTrue(out.toString().contains("pvc.hea"), out.toString());
        Record r = Records.read(dir.resolve("pvc"));
        assertEquals(250, r.samplingFrequency());
        assertEquals(5000, r.samples());
        assertEquals(List.of("II"), r.leadNames());
        assertTrue(r.warnings().isEmpty(), r.warnings().toString());
        List<Annotation> ann = Records.readAnnotations(dir.resolve("pvc"), "atr");
        assertEquals(new Annotation(0, "+", 0, 0, 0, "(N"), ann.get(0));
        long n = ann.stream().filter(a -> a.symbol().equals("N")).count();
        long v = ann.stream().filter(a -> a.symbol().equals("V")).count();
        assertTrue(v >= 3 && n > v, n + " N, " + v + " V");
        assertEquals(80, (n + v) / 20.0 * 60, 10);
        // same seed, same files
        byte[] dat = Files.readAllBytes(dir.resolve("pvc.dat"));
        Path again = dir.resolve("again");
        assertEquals(0, run("synth", "--rhythm", "other", "--seconds", "20", "--fs", "250", "--out", again.toString(),
                "--name", "pvc", "--seed", "9", "--hr", "80", "--pvc-rate", "0.3", "--noise-mv", "0.02"));
        assertArrayEquals(dat, Files.readAllBytes(again.resolve("pvc.dat")));
        assertArrayEquals(Files.readAllBytes(dir.resolve("pvc.atr")), Files.readAllBytes(again.resolve("pvc.atr")));
    }

    @Test
    void defaultNameTwoLeadsAndEveryRhythm() throws Exception {
        for (String rhythm : new String[] {"nsr", "af", "other", "noise"}) {
            assertEquals(0, run("synth", "--rhythm", rhythm, "--seconds", "5", "--fs", "360", "--out", dir.toString(),
                    "--leads", "2"), err.toString());
            Record r = Records.read(dir.resolve("synth-" + rhythm + ".hea"));
            assertEquals(List.of("II", "V1"), r.leadNames());
            assertEquals(1800, r.samples());
            assertFalse(Records.readAnnotations(dir.resolve("synth-" + rhythm), "atr").isEmpty());
        }
        assertEquals(0, run("info", dir.resolve("synth-af").toString()));
        assertTrue(out.toString().contains("annotations: synth-af.atr"), out.toString());
    }

    @Test
    void badParametersAreNamed() throws Exception {
        assertEquals(2, run("synth", "--rhythm", "vt", "--seconds", "10", "--fs", "250", "--out", dir.toString()));
        assertTrue(err.toString().contains("--rhythm: unknown rhythm 'vt'"), err.toString());
        assertEquals(2, run("synth", "--rhythm", "nsr", "--seconds", "-3", "--fs", "250", "--out", dir.toString()));
        assertTrue(err.toString().contains("--seconds must be positive, got -3"), err.toString());
        assertEquals(2, run("synth", "--rhythm", "nsr", "--seconds", "10", "--fs", "0", "--out", dir.toString()));
        assertTrue(err.toString().contains("--fs must be positive, got 0"), err.toString());
        assertEquals(2, run("synth", "--rhythm", "nsr", "--seconds", "10", "--fs", "250", "--out", dir.toString(), "--bw-mv", "-1"));
        assertTrue(err.toString().contains("--bw-mv must be a finite amplitude >= 0"), err.toString());
        assertEquals(2, run("synth", "--rhythm", "nsr", "--seconds", "10", "--fs", "250"));
        assertTrue(err.toString().contains("--out"), err.toString());
        try (var s = Files.list(dir)) {
            assertEquals(0, s.count(), "nothing written on bad parameters");
        }
    }
}
