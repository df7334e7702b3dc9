package org.ecgworkbench.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.ecgworkbench.engine.features.RecordFeatures;
import org.ecgworkbench.engine.record.Record;
import org.ecgworkbench.engine.record.Records;
import org.junit.jupiter.api.Test;

/** qrs, qrs-score, features and bench qrs, run as the CLI runs them, on a generated record and on MIT-BIH. */
class QrsCommandsTest extends CliTest {

    /** Whether the table has a row for the record with that many reference beats. */
    private static boolean hasRow(String table, String record, int beats) {
        return table.lines().map(l -> l.trim().split("\\s+"))
                .anyMatch(f -> f.length > 1 && f[0].equals(record) && f[1].equals(Integer.toString(beats)));
    }


    /** A two-lead WFDB record "gen" at 250 Hz of narrow Gaussian beats every 0.7-0.95 s, and its gen.atr. */
    private List<Integer> generated(Path folder) throws Exception {
        double fs = 250;
        int n = (int) (90 * fs);
        double[][] x = new double[2][n];
        List<Integer> beats = new ArrayList<>();
        java.util.Random rnd = new java.util.Random(4);
        for (int at = 150; at < n - 100; at += 175 + rnd.nextInt(60)) {
            beats.add(at);
            for (int k = -12; k <= 12; k++) {
                double g = Math.exp(-0.5 * (k / 2.5) * (k / 2.5));
                x[0][at + k] += g;
                x[1][at + k] -= 0.6 * g;
            }
        }
        Record r = Record.fromPhysical("gen", fs, List.of("MLII", "V1"), List.of("mV", "mV"), x, List.of(), List.of());
        Records.write(r, folder, Records.Format.WFDB);
        // MIT annotation format: per beat a little-endian word, code 1 (N) in the top 6 bits, the sample
        // difference in the low 10; a zero word ends the file.
        ByteArrayOutputStream atr = new ByteArrayOutputStream();
        int prev = 0;
        for (int b : beats) {
            int word = (1 << 10) | (b - prev);
            atr.write(word & 0xff);
            atr.write(word >>> 8);
            prev = b;
        }
        atr.write(0);
        atr.write(0);
        Files.write(folder.resolve("gen.atr"), atr.toByteArray());
        return beats;
    }

    @Test
    void qrsThenScoreOnAGeneratedRecord() throws Exception {
        List<Integer> beats = generated(dir);
        Path det = dir.resolve("det");
        assertEquals(0, run("qrs", "--out-dir", det.toString(), dir.resolve("gen").toString()), err.toString());
        List<String> lines = Files.readAllLines(det.resolve("gen.qrs.csv"));
        assertEquals(beats.size(), lines.size());
        for (int i = 0; i < lines.size(); i++) {
            assertTrue(Math.abs(Integer.parseInt(lines.get(i)) - beats.get(i)) <= 3, lines.get(i) + " vs " + beats.get(i));
        }
        assertEquals(0, run("qrs-score", "--detections", det.toString(), dir.resolve("gen").toString()), err.toString());
        assertTrue(out.toString().contains("gross: Se=100.00% +P=100.00%"), out + "\n" + err);
        assertTrue(hasRow(out.toString(), "gen", beats.size()), out.toString());

        // Channel 1 (inverted, smaller) finds the same beats.
        assertEquals(0, run("qrs", "--channel", "1", "--out-dir", det.toString(), dir.resolve("gen").toString()));
        assertEquals(beats.size(), Files.readAllLines(det.resolve("gen.qrs.csv")).size());
    }

    @Test
    void scoreTolerancesAndLearningPeriodChangeTheCounts() throws Exception {
        List<Integer> beats = generated(dir);
        Path det = dir.resolve("det");
        Files.createDirectories(det);
        // Every detection 20 samples (80 ms) late: within 150 ms, not within 50 ms.
        Files.write(det.resolve("gen.qrs.csv"), shifted(beats, 20));
        assertEquals(0, run("qrs-score", "--detections", det.toString(), dir.resolve("gen").toString()));
        assertTrue(out.toString().contains("gross: Se=100.00% +P=100.00%"), out.toString());
        assertEquals(0, run("qrs-score", "--tolerance", "0.05", "--detections", det.toString(),
                dir.resolve("gen").toString()));
        assertTrue(out.toString().contains("gross: Se=0.00% +P=0.00%"), out.toString());
        assertEquals(0, run("qrs-score", "--skip-learning", "--detections", det.toString(), dir.resolve("gen").toString()));
        // A 90 s record has nothing after the 5-minute learning period.
        assertTrue(out.toString().contains("after the 5-minute learning period"), out.toString());
        assertTrue(out.toString().contains("gross: Se=n/a +P=n/a"), out.toString());
    }

    private static List<String> shifted(List<Integer> beats, int by) {
        return beats.stream().map(b -> Integer.toString(b + by)).toList();
    }

    @Test
    void featuresWriteAHeaderAndOneRowPerRecord() throws Exception {
        generated(dir);
        Path csv = dir.resolve("out").resolve("features.csv");
        assertEquals(0, run("features", "--out", csv.toString(), dir.resolve("gen").toString()), err.toString());
        List<String> lines = Files.readAllLines(csv);
        assertEquals(2, lines.size());
        assertEquals("record," + String.join(",", RecordFeatures.NAMES), lines.get(0));
        String[] row = lines.get(1).split(",");
        assertEquals("gen", row[0]);
        assertEquals(RecordFeatures.NAMES.size() + 1, row.length);
        assertEquals(250.0, Double.parseDouble(row[1 + RecordFeatures.NAMES.indexOf("fs_hz")]));
        assertEquals(1.0, Double.parseDouble(row[1 + RecordFeatures.NAMES.indexOf("sqi_lead_agreement")]));
    }

    @Test
    void errorsNameTheFileAndTheReason() throws Exception {
        generated(dir);
        assertEquals(1, run("qrs-score", "--detections", dir.resolve("none").toString(), dir.resolve("gen").toString()));
        assertTrue(err.toString().contains("gen.qrs.csv") && err.toString().contains("no detections file"), err.toString());
        Path det = dir.resolve("bad");
        Files.createDirectories(det);
        Files.writeString(det.resolve("gen.qrs.csv"), "12\nabc\n");
        assertEquals(1, run("qrs-score", "--detections", det.toString(), dir.resolve("gen").toString()));
        assertTrue(err.toString().contains("line 2") && err.toString().contains("abc"), err.toString());
        assertEquals(1, run("qrs", "--channel", "5", "--out-dir", det.toString(), dir.resolve("gen").toString()));
        assertTrue(err.toString().contains("no channel 5"), err.toString());
        assertEquals(1, run("qrs", "--out-dir", det.toString(), dir.resolve("missing").toString()));
        assertTrue(err.toString().contains("missing"), err.toString());
    }

    @Test
    void benchQrsOnAFolder() throws Exception {
        generated(dir);
        assertEquals(0, run("bench", "qrs", "--data", dir.toString(), "--repeat", "1"), err.toString());
        String o = out.toString();
        assertTrue(o.contains("x real time"), o);
        assertTrue(o.contains("gross: Se=100.00% +P=100.00%"), o);
    }

    @Test
    void mitdbPacedRecordsAreReportedApart() throws Exception {
        Path mitdb = data("mitdb");
        Path det = dir.resolve("det");
        assertEquals(0, run("qrs", "--out-dir", det.toString(), mitdb.resolve("101").toString(),
                mitdb.resolve("102").toString()), err.toString());
        assertEquals(0, run("qrs-score", "--detections", det.toString(), mitdb.resolve("101").toString(),
                mitdb.resolve("102").toString()), err.toString());
        String o = out.toString();
        assertTrue(o.contains("(TP=1864 FN=1 FP=4, 1 records)"), o);
        assertTrue(o.contains("paced records (not in the gross line"), o);
        assertTrue(hasRow(o, "102", 2187), o);
    }
}
