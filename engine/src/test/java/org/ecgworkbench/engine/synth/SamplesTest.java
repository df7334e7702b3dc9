package org.ecgworkbench.engine.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.ecgworkbench.engine.record.Annotation;
import org.ecgworkbench.engine.record.Record;
import org.ecgworkbench.engine.record.Records;
import org.junit.jupiter.api.Test;

/** Every record in the repository's samples/ folder reads, with its annotations, label and plausible beats. */
class SamplesTest {

    /** samples/ at the project root: from maven.multiModuleProjectDirectory if set, else up from the working folder. */
    static Path samplesDir() {
        String root = System.getProperty("maven.multiModuleProjectDirectory");
        if (root != null && Files.isDirectory(Path.of(root, "samples"))) {
            return Path.of(root, "samples");
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("samples/make-samples.sh"))) {
                return p.resolve("samples");
            }
        }
        throw new AssertionError("samples/ not found above " + Path.of("").toAbsolutePath());
    }

    @Test
    void everySampleReadsWithItsAnnotations() throws Exception {
        Path dir = samplesDir();
        List<Path> headers;
        try (Stream<Path> s = Files.list(dir)) {
            headers = s.filter(p -> p.toString().endsWith(".hea")).sorted().toList();
        }
        assertTrue(headers.size() >= 4, "samples: " + headers);
        Map<String, String> labels = Records.readLabels(dir.resolve("REFERENCE.csv"));
        long bytes = 0;
        for (Path hea : headers) {
            Record r = Records.read(hea);
            String name = r.name();
            assertTrue(r.warnings().isEmpty(), name + ": " + r.warnings());
            assertTrue(r.durationSeconds() >= 10, name);
            assertTrue(r.comments().get(0).startsWith("synthetic ECG"), name);
            List<Annotation> ann = Records.readAnnotations(hea, "atr");
            assertEquals("+", ann.get(0).symbol(), name);
            assertTrue(List.of("(N", "(AFIB", "(NOISE").contains(ann.get(0).aux()), name);
            String label = labels.get(name);
            assertNotNull(label, name + " has no label");
            assertEquals(switch (ann.get(0).aux()) {
                case "(AFIB" -> "A";
                case "(NOISE" -> "~";
                default -> ann.stream().anyMatch(a -> a.symbol().equals("V")) ? "O" : "N";
            }, label, name);
            List<Annotation> beats = ann.stream().filter(Annotation::isBeat).toList();
            double hr = beats.size() / r.durationSeconds() * 60;
            assertTrue(hr > 40 && hr < 150, name + ": " + hr + " bpm");
            for (Annotation b : beats) {
                assertTrue(b.sample() >= 0 && b.sample() < r.samples(), name + " " + b);
                assertTrue(b.symbol().equals("N") || b.symbol().equals("V"), name + " " + b);
            }
            if (!label.equals("~")) {
                // the R peak is the largest value of lead 0 within 60 ms
                double[] x = r.physical(0);
                int w = (int) (0.06 * r.samplingFrequency());
                for (Annotation b : beats) {
                    int p = (int) b.sample();
                    int best = p;
                    for (int i = Math.max(0, p - w); i <= Math.min(x.length - 1, p + w); i++) {
                        best = x[i] > x[best] ? i : best;
                    }
                    assertTrue(Math.abs(best - p) <= 3, name + ": beat at " + p + ", maximum at " + best);
                }
            }
            for (Path f : List.of(hea, dir.resolve(name + ".dat"), dir.resolve(name + ".atr"))) {
                bytes += Files.size(f);
            }
        }
        assertTrue(bytes < 5_000_000, "samples take " + bytes + " bytes");
        assertFalse(labels.isEmpty());
    }
}
