package org.ecgworkbench.engine.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecordCatalogTest {

    private static Path samples() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("samples/make-samples.sh"))) {
                return p.resolve("samples");
            }
        }
        throw new AssertionError("samples/ not found above " + Path.of("").toAbsolutePath());
    }

    @Test
    void samplesFolderListsEveryRecordWithLabelAndAnnotations() throws Exception {
        List<Path> files = RecordCatalog.find(samples());
        assertEquals(5, files.size(), files.toString());
        RecordCatalog catalog = new RecordCatalog(Double.NaN);
        Map<String, RecordSummary> byName = files.stream().map(catalog::summarize)
                .collect(Collectors.toMap(RecordSummary::name, Function.identity()));
        RecordSummary two = byName.get("synth-nsr-2lead-500");
        assertTrue(two.ok(), two.error());
        assertEquals(500.0, two.samplingFrequency());
        assertEquals(2, two.leads().size());
        assertEquals("N", two.label());
        assertEquals("atr", two.annotator());
        assertEquals(Records.readAnnotations(two.path(), "atr").size(), two.annotations());
        assertTrue(two.annotations() > 10);
        assertEquals("A", byName.get("synth-af-300").label());
        assertEquals(two.samples() / 500.0, two.durationSeconds(), 1e-12);
    }

    @Test
    void aBadFileIsListedWithItsErrorAndTheOthersStillRead(@TempDir Path dir) throws Exception {
        Path good = Records.write(Records.read(samples().resolve("synth-nsr-360")), dir, Records.Format.WFDB);
        Files.writeString(dir.resolve("broken.hea"), "broken 1 360 1000\nbroken.dat 16 200 16 0 0 0 0 ECG\n");
        Files.writeString(dir.resolve("leads.csv"), "I,II\n0.1,0.2\n0.3,0.4\n");
        List<Path> files = RecordCatalog.find(dir);
        assertEquals(List.of(dir.resolve("broken.hea"), dir.resolve("leads.csv"), good), files);
        List<RecordSummary> rows = files.stream().map(new RecordCatalog(Double.NaN)::summarize).toList();
        assertFalse(rows.get(0).ok());
        assertTrue(rows.get(0).error().contains("broken"), rows.get(0).error());
        assertFalse(rows.get(1).ok());
        assertTrue(rows.get(1).error().contains("sampling frequency"), rows.get(1).error());
        assertTrue(rows.get(2).ok(), rows.get(2).error());
        RecordSummary csv = new RecordCatalog(250).summarize(dir.resolve("leads.csv"));
        assertTrue(csv.ok(), csv.error());
        assertEquals(List.of("I", "II"), csv.leads());
        assertEquals(2, csv.samples());
    }

    @Test
    void aMissingFolderIsATypedError(@TempDir Path dir) {
        RecordFormatException e = assertThrows(RecordFormatException.class,
                () -> RecordCatalog.find(dir.resolve("nope")));
        assertTrue(e.getMessage().contains("nope"), e.getMessage());
    }

    @Test
    void aRecordNamedWithoutExtensionIsItsHeader() throws Exception {
        Path record = samples().resolve("synth-nsr-2lead-500");
        assertEquals(List.of(samples().resolve("synth-nsr-2lead-500.hea")), RecordCatalog.find(record));
        assertTrue(new RecordCatalog(Double.NaN).summarize(RecordCatalog.find(record).get(0)).ok());
    }
}
