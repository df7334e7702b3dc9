package org.ecgworkbench.engine.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** PhysioNet/CinC 2017 records of the shared data folder; skipped when it is absent. */
class Cinc2017Test {

    private static final List<String> INITIAL_VALUE_MISMATCHES = List.of("A00013", "A00044", "A00047", "A00066",
            "A00080", "A00097", "A00117", "A00131", "A00150", "A00158", "A00159", "A00186", "A00189", "A00192",
            "A00206", "A00225");

    @Test
    void recordWithHeader() throws Exception {
        Path dir = TestData.dir("cinc2017");
        for (Path p : List.of(dir.resolve("A00001"), dir.resolve("A00001.mat"), dir.resolve("A00001.hea"))) {
            Record r = Records.read(p);
            assertEquals("A00001", r.name());
            assertEquals(9000, r.samples());
            assertEquals(-127, r.adc(0)[0]);
            assertEquals(-0.127, r.physical(0)[0], 1e-12);
            assertEquals(300, r.samplingFrequency());
            assertEquals(List.of("ECG"), r.leadNames());
            assertEquals(LocalTime.of(5, 5, 15), r.baseTime());
            assertEquals(LocalDate.of(2000, 5, 1), r.baseDate());
            assertTrue(r.warnings().isEmpty(), r.warnings().toString());
        }
    }

    @Test
    void recordWithoutHeaderUsesChallengeDefaults() throws Exception {
        Path dir = TestData.dir("cinc2017");
        Record r = Records.read(dir.resolve("A04999"));
        assertEquals(300, r.samplingFrequency());
        assertEquals(1000, r.gains()[0]);
        assertEquals(0, r.baselines()[0]);
        assertEquals(List.of("ECG"), r.leadNames());
        assertEquals(List.of("mV"), r.units());
        assertNull(r.baseTime());
        assertEquals(r.adc(0)[0] / 1000.0, r.physical(0)[0]);
        assertEquals(Optional.of("O"), Records.label(dir.resolve("A04999")));
    }

    @Test
    void initialValueMismatchesAreWarnings() throws Exception {
        Path dir = TestData.dir("cinc2017");
        for (String name : INITIAL_VALUE_MISMATCHES) {
            Record r = Records.read(dir.resolve(name));
            assertEquals(1, r.warnings().size(), name + ": " + r.warnings());
            assertTrue(r.warnings().get(0).contains("initial value"), r.warnings().get(0));
        }
        Record r = Records.read(dir.resolve("A00013"));
        assertEquals(-20, r.initialValues()[0], "the record reports the data's first sample");
    }

    @Test
    void allHeaderRecordsReadWithWarningsOnlyForTheKnownSixteen() throws Exception {
        Path dir = TestData.dir("cinc2017");
        List<String> names = java.nio.file.Files.readAllLines(dir.resolve("RECORDS-hea")).stream()
                .map(String::strip).filter(s -> !s.isEmpty()).toList();
        assertEquals(300, names.size());
        List<String> warned = new java.util.ArrayList<>();
        for (String name : names) {
            Record r = Records.read(dir.resolve(name + ".hea"));
            assertEquals(r.samples(), MatReader.readVector(dir.resolve(name + ".mat")).length, name);
            if (!r.warnings().isEmpty()) {
                warned.add(name);
            }
        }
        assertEquals(INITIAL_VALUE_MISMATCHES, warned);
    }

    @Test
    void referenceLabels() throws Exception {
        Path dir = TestData.dir("cinc2017");
        Map<String, String> labels = Records.readLabels(dir.resolve("REFERENCE.csv"));
        assertEquals(5000, labels.size());
        Map<String, Long> counts = labels.values().stream().collect(Collectors.groupingBy(s -> s, Collectors.counting()));
        assertEquals(Map.of("N", 3036L, "O", 1346L, "A", 446L, "~", 172L), counts);
        assertEquals("N", labels.get("A00001"));
    }
}
