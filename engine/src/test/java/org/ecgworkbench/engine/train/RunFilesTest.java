package org.ecgworkbench.engine.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Repair of metrics.jsonl before a resume: what a kill between an epoch's metrics and its checkpoint leaves. */
class RunFilesTest {

    @TempDir
    Path dir;

    @Test
    void keepsTheCheckpointedEpochsAndDropsLaterAndTornLines() throws Exception {
        Path m = dir.resolve(RunFiles.METRICS);
        Files.writeString(m, "{\"epoch\":1,\"x\":1}\n{\"epoch\":2,\"x\":2}\n{\"epoch\":3,\"x\":3}\n{\"epoch\":4,\"x");
        RunFiles.keepMetricsUpTo(dir, 2);
        assertEquals("{\"epoch\":1,\"x\":1}\n{\"epoch\":2,\"x\":2}\n", Files.readString(m));
        RunFiles.keepMetricsUpTo(dir, 2); // nothing to do: unchanged
        assertEquals("{\"epoch\":1,\"x\":1}\n{\"epoch\":2,\"x\":2}\n", Files.readString(m));
        RunFiles.keepMetricsUpTo(dir, 0);
        assertEquals("", Files.readString(m));
        RunFiles.keepMetricsUpTo(dir.resolve("absent"), 1); // no file: nothing happens
    }
}
