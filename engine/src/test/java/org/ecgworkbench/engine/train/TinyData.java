package org.ecgworkbench.engine.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.ecgworkbench.engine.dataset.DatasetPacker;
import org.ecgworkbench.engine.net.Prototype;
import org.ecgworkbench.engine.net.PrototypeException;
import org.ecgworkbench.engine.synth.Rhythm;
import org.ecgworkbench.engine.synth.SynthParams;
import org.ecgworkbench.engine.synth.Synthesizer;

/** A small packed dataset of synthetic sinus rhythm and AF recordings, and a prototype that trains on it in seconds. */
final class TinyData {

    static final double FS = 250;

    private TinyData() {
    }

    /** Packs n recordings per class (N: sinus rhythm, A: AF) of 8-12 s at 250 Hz into dir/tiny.h5. */
    static Path pack(Path dir, int perClass) throws IOException {
        Path rec = Files.createDirectories(dir.resolve("records"));
        StringBuilder ref = new StringBuilder();
        for (int i = 0; i < perClass; i++) {
            for (Rhythm r : new Rhythm[] {Rhythm.NSR, Rhythm.AF}) {
                String name = r.name().toLowerCase() + String.format("%02d", i);
                double seconds = 8 + (i % 5);
                Synthesizer.generate(SynthParams.builder(r, seconds, FS).seed(1000L * i + r.ordinal())
                        .heartRate(60 + 7 * (i % 6)).build()).write(rec, name);
                ref.append(name).append(',').append(r == Rhythm.NSR ? "N" : "A").append('\n');
            }
        }
        Files.writeString(rec.resolve("REFERENCE.csv"), ref);
        Path out = dir.resolve("tiny.h5");
        new DatasetPacker().seed(3).pack(rec, out);
        return out;
    }

    /** A small FCN on 4-s windows at 250 Hz; two classes. */
    static Prototype prototype() throws PrototypeException {
        return Prototype.parse("{\"family\": \"fcn1d\", \"blocks\": 3, \"filters\": [8, 8, 8], \"kernel_size\": 5,"
                + " \"reduction\": {\"every\": 1, \"factor\": 4, \"shortcut\": \"max\"}, \"dropout\": 0.1,"
                + " \"input\": {\"seconds\": 4, \"fs\": 250}, \"classes\": [\"A\", \"N\"], \"batch_size\": 8,"
                + " \"epochs\": 2, \"early_stopping\": null, \"seed\": 5}", "tiny");
    }
}
