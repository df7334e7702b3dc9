package org.ecgworkbench.engine.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.ecgworkbench.engine.record.Record;
import org.ecgworkbench.engine.record.Records;
import org.ecgworkbench.engine.record.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Packs the first 300 CinC 2017 recordings (.mat, some with .hea) from the shared folder; skipped when absent. */
class CincPackTest {

    @TempDir
    Path dir;

    @Test
    void packsTheFirst300Recordings() throws IOException {
        Path cinc = TestData.dir("cinc2017");
        Path in = dir.resolve("cinc");
        Files.createDirectories(in);
        List<String> names;
        try (var files = Files.list(cinc)) {
            names = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".mat"))
                    .map(n -> n.substring(0, n.length() - 4)).sorted().limit(300).toList();
        }
        for (String n : names) {
            for (String ext : List.of("mat", "hea")) {
                Path src = cinc.resolve(n + "." + ext);
                if (Files.exists(src)) {
                    Files.createSymbolicLink(in.resolve(n + "." + ext), src.toAbsolutePath());
                }
            }
        }
        Map<String, String> all = Records.readLabels(cinc.resolve("REFERENCE.csv"));
        StringBuilder ref = new StringBuilder();
        names.forEach(n -> ref.append(n).append(',').append(all.get(n)).append('\n'));
        Files.writeString(in.resolve("REFERENCE.csv"), ref);

        Path out = dir.resolve("cinc.h5");
        DatasetPacker.Result result = new DatasetPacker().pack(in, out);
        assertEquals(300, result.packed(), result.skipped().toString());
        Dataset d = Dataset.open(out);
        assertEquals(300, d.size());
        assertEquals(300.0, d.fs());
        assertTrue(d.classNames().containsAll(List.of("A", "N", "O")), d.classNames().toString());
        for (int i : new int[] {0, 137, 299}) {
            String name = names.get(i);
            assertEquals(name, d.recordName(i));
            assertEquals(all.get(name), d.labelName(i));
            Record r = Records.read(cinc.resolve(name));
            assertEquals(r.samples(), d.length(i));
            assertEquals((float) r.physical(0)[100], d.signal(i)[100]);
            assertEquals(DatasetPacker.sha256(cinc, name), d.sha256(i));
        }
        int[][] counts = d.classCounts();
        for (int[] c : counts) {
            assertTrue(Math.abs(c[1] - 0.2 * (c[0] + c[1])) <= 1, java.util.Arrays.toString(c));
        }
    }
}
