package org.ecgworkbench.app.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.ecgworkbench.engine.synth.Rhythm;
import org.ecgworkbench.engine.synth.SynthParams;
import org.ecgworkbench.engine.synth.Synthesizer;

/** Small labelled folders of synthetic sinus-rhythm (N) and AF (A) records at 250 Hz, with a REFERENCE.csv. */
public final class SyntheticRecords {

    /** The tiny fcn1d prototype (4 s at 250 Hz, two RR features, 2 epochs) that trains such folders in seconds. */
    public static final String TINY = TrainCommandsTest.TINY;

    private SyntheticRecords() {
    }

    /** count records of 8 s into folder, alternating nsr0, af1, nsr2 …, seeds 100 + i; returns the folder. */
    public static Path alternating(Path folder, int count) throws IOException {
        Files.createDirectories(folder);
        StringBuilder ref = new StringBuilder();
        for (int i = 0; i < count; i++) {
            boolean af = i % 2 == 1;
            String name = (af ? "af" : "nsr") + i;
            Synthesizer.generate(SynthParams.builder(af ? Rhythm.AF : Rhythm.NSR, 8, 250).seed(100 + i).build())
                    .write(folder, name);
            ref.append(name).append(',').append(af ? "A" : "N").append('\n');
        }
        Files.writeString(folder.resolve("REFERENCE.csv"), ref);
        return folder;
    }

    /** perClass pairs nsrI and afI of 8 to 11 s into folder, seeds 77·i + class; returns the folder. */
    public static Path pairs(Path folder, int perClass) throws IOException {
        Files.createDirectories(folder);
        StringBuilder ref = new StringBuilder();
        for (int i = 0; i < perClass; i++) {
            for (Rhythm r : new Rhythm[] {Rhythm.NSR, Rhythm.AF}) {
                String name = r.name().toLowerCase() + i;
                Synthesizer.generate(SynthParams.builder(r, 8 + i % 4, 250).seed(77L * i + r.ordinal()).build())
                        .write(folder, name);
                ref.append(name).append(',').append(r == Rhythm.NSR ? "N" : "A").append('\n');
            }
        }
        Files.writeString(folder.resolve("REFERENCE.csv"), ref);
        return folder;
    }
}
