package org.ecgworkbench.engine.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** All 26 MIT-BIH records of the shared data folder; skipped when it is absent. */
class MitdbTest {

    /**
     * Beat annotations (WFDB isqrs codes) per record, as decoded here and by engine/src/test/python/atr_beat_counts.py.
     * They equal the MIT-BIH directory's counts except 207, whose directory total 2332 also counts its 472
     * ventricular flutter waves ('!'), which are not beat codes.
     */
    static final Map<String, Integer> BEATS = Map.ofEntries(
            Map.entry("101", 1865), Map.entry("106", 2027), Map.entry("108", 1763), Map.entry("109", 2532),
            Map.entry("112", 2539), Map.entry("114", 1879), Map.entry("115", 1953), Map.entry("116", 2412),
            Map.entry("118", 2278), Map.entry("119", 1987), Map.entry("122", 2476), Map.entry("124", 1619),
            Map.entry("201", 1963), Map.entry("203", 2980), Map.entry("205", 2656), Map.entry("207", 1860),
            Map.entry("208", 2955), Map.entry("209", 3005), Map.entry("215", 3363), Map.entry("220", 2048),
            Map.entry("223", 2605), Map.entry("230", 2256), Map.entry("102", 2187), Map.entry("104", 2229),
            Map.entry("107", 2137), Map.entry("217", 2208));

    @Test
    void allRecordsDecodeWithHeaderInitialValuesAndChecksums() throws Exception {
        Path dir = TestData.dir("mitdb");
        for (String name : TestData.MITDB) {
            Record r = Records.read(dir.resolve(name));
            assertEquals(name, r.name());
            assertEquals(360, r.samplingFrequency());
            assertEquals(650000, r.samples());
            assertEquals(2, r.leadCount());
            assertTrue(r.warnings().isEmpty(), name + ": " + r.warnings());
            List<String> lines = Files.readAllLines(dir.resolve(name + ".hea"), StandardCharsets.UTF_8);
            for (int lead = 0; lead < 2; lead++) {
                String[] f = lines.get(1 + lead).trim().split("\\s+");
                assertEquals(f[8], r.leadNames().get(lead), name);
                assertEquals(Integer.parseInt(f[5]), r.adc(lead)[0], name + " initial value");
                assertEquals(Integer.parseInt(f[6]), r.checksums()[lead], name + " checksum");
                assertEquals("mV", r.units().get(lead));
                assertEquals(200, r.gains()[lead]);
                assertEquals(1024, r.baselines()[lead]);
                int[] adc = r.adc(lead);
                double[] mv = r.physical(lead);
                for (int s = 0; s < adc.length; s += 997) {
                    assertEquals((adc[s] - 1024) / 200.0, mv[s], 1e-12);
                }
            }
            assertEquals(1805.5555, r.durationSeconds(), 1e-3);
        }
    }

    @Test
    void leadNamesFollowTheHeaders() throws Exception {
        Path dir = TestData.dir("mitdb");
        assertEquals(List.of("V5", "V2"), Records.read(dir.resolve("102")).leadNames());
        assertEquals(List.of("V5", "MLII"), Records.read(dir.resolve("114")).leadNames());
        assertEquals(List.of("MLII", "V1"), Records.read(dir.resolve("101.hea")).leadNames());
        assertEquals(List.of("MLII", "V1"), Records.read(dir.resolve("101.dat")).leadNames());
        assertEquals(List.of("MLII", "V1"), Records.read(dir.resolve("101.atr")).leadNames());
    }

    @Test
    void beatCountsPerRecord() throws Exception {
        Path dir = TestData.dir("mitdb");
        int total = 0;
        for (String name : TestData.MITDB) {
            List<Annotation> anns = Records.readAnnotations(dir.resolve(name), "atr");
            long beats = anns.stream().filter(Annotation::isBeat).count();
            assertEquals((long) BEATS.get(name), beats, name);
            total += (int) beats;
            long last = -1;
            for (Annotation a : anns) {
                assertTrue(a.sample() >= last && a.sample() < 650000, name + " annotation order");
                last = a.sample();
            }
        }
        assertEquals(59782, total);
        List<Annotation> a207 = Records.readAnnotations(dir.resolve("207"), "atr");
        assertEquals(472, a207.stream().filter(a -> a.symbol().equals("!")).count(), "207 flutter waves");
    }

    @Test
    void rhythmAnnotationsCarryAuxText() throws Exception {
        Path dir = TestData.dir("mitdb");
        for (String name : List.of("201", "203", "217")) {
            assertTrue(Records.readAnnotations(dir.resolve(name), "atr").stream()
                    .anyMatch(a -> a.symbol().equals("+") && a.aux().equals("(AFIB")), name);
        }
        assertTrue(Records.readAnnotations(dir.resolve("203"), "atr").stream()
                .anyMatch(a -> a.symbol().equals("+") && a.aux().equals("(AFL")));
        assertEquals(List.of(dir.resolve("101.atr").toAbsolutePath()),
                Records.annotationFiles(dir.resolve("101")).stream().map(Path::toAbsolutePath).toList());
    }
}
