package org.ecgworkbench.app.gui.runs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.ecgworkbench.engine.net.Prototype;
import org.ecgworkbench.engine.queue.QueueEntry;
import org.ecgworkbench.engine.queue.RunQueue;
import org.ecgworkbench.views.runs.RunSnapshot;
import org.ecgworkbench.views.runs.RunStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Run folders as the trainer writes them, read into the views' snapshots: progress, ETA, throughput, matrices. */
class RunDirectoryReaderTest {

    @TempDir
    Path dir;

    static final String PROTOTYPE = """
            {"name": "small", "family": "fcn1d", "blocks": 3, "filters": [8, 8, 16], "kernel_size": [5, 3, 3],
             "input": {"seconds": 4, "fs": 250, "channels": ["raw", "derivative"]},
             "optimizer": {"name": "adam", "learning_rate": 0.0005}, "batch_size": 10, "epochs": 4, "seed": 3}
            """;

    @Test
    void aRunningFolderGivesProgressEtaThroughputAndTheLatestMatrix() throws Exception {
        Path run = dir.resolve("small-run");
        Files.createDirectories(run.resolve("confusion"));
        Files.writeString(run.resolve("prototype.json"), PROTOTYPE);
        // 100 items, 10 of them for validation: 90 training items, 9 batches of 10 per epoch
        Files.writeString(run.resolve("run.json"), """
                {"dataset": {"file": "/data/d.h5", "items": 100}, "backend": {"kind": "CPU", "blas": "OPENBLAS",
                 "threads": 2, "binary": "linux-x86_64"}}""");
        Files.writeString(run.resolve("preprocessing.json"),
                "{\"validation_items\": [\"a\",\"b\",\"c\",\"d\",\"e\",\"f\",\"g\",\"h\",\"i\",\"j\"]}");
        Instant updated = Instant.parse("2026-11-26T10:00:00Z");
        Files.writeString(run.resolve("state.json"), "{\"epoch\": 1, \"batch\": 3, \"best\": 0.5, \"best_epoch\": 1,"
                + " \"finished\": false, \"elapsed_seconds\": 60.0, \"updated\": \"" + updated + "\"}");
        Files.writeString(run.resolve("metrics.jsonl"), """
                {"epoch":1,"train_loss":0.9,"val_loss":0.8,"accuracy":0.6,"cinc_score":0.5,"learning_rate":0.0005,\
                "seconds":45.0,"classes":{"A":{"f1":0.4},"N":{"f1":0.7}}}
                {"epoch":2,"train_loss":0.7,"val_lo""");
        Files.writeString(run.resolve("confusion/epoch-001.csv"), "reference\\predicted,A,N\nA,1,2\nN,3,4\n");
        Files.writeString(run.resolve("confusion/epoch-002.csv"), "reference\\predicted,A,N\nA,3,0\nN,1,6\n");

        RunSnapshot s = new RunDirectoryReader().read(run, null, updated.plusSeconds(10));
        assertEquals(RunStatus.RUNNING, s.row().status(), "state written 10 s ago, outside the queue");
        assertFalse(s.row().inQueue());
        assertEquals(1, s.points().size(), "the torn second line is left out");
        assertEquals(Map.of("A", 0.4, "N", 0.7), s.points().get(0).f1());
        assertEquals(90 / 45.0, s.points().get(0).samplesPerSecond(), 1e-12);
        // (1 + 3/9) of 4 epochs done in 60 s: 120 s to go at that pace, less the 10 s since state.json
        assertEquals(1 / 3.0, s.row().progress(), 1e-12);
        assertEquals(110, s.row().etaSeconds(), 1e-9);
        assertEquals("1 / 4", s.row().epochText());
        assertEquals(2, s.confusion().epoch(), "the newest matrix");
        assertEquals(6, s.confusion().counts()[1][1]);
        assertEquals("CPU · OPENBLAS · 2 threads\nlinux-x86_64", s.device());
        assertEquals("0.0005", s.hyperParameters().get("lr"));
        assertEquals("8×2 16", s.hyperParameters().get("filters"));
        assertEquals("raw, derivative", s.hyperParameters().get("input channels"));
        assertEquals("4 s @ 250 Hz", s.hyperParameters().get("window"));
        assertFalse(s.row().resumable(), "no checkpoint yet");

        RunSnapshot later = new RunDirectoryReader().read(run, null, updated.plusSeconds(3600));
        assertEquals(RunStatus.INTERRUPTED, later.row().status(), "no sign of life for an hour");
        assertTrue(Double.isNaN(later.row().etaSeconds()));
    }

    @Test
    void aQueuedRunWithoutFolderShowsItsStoredPrototype() throws Exception {
        Path proto = dir.resolve("small.json");
        Files.writeString(proto, PROTOTYPE);
        Path data = dir.resolve("d.h5");
        Files.writeString(data, "x");
        RunQueue q = RunQueue.open(dir.resolve("runs"));
        QueueEntry e = q.add(List.of(new RunQueue.Request(Prototype.read(proto).with("batch_size", "32"), proto,
                List.of(), data, null, 5, 2))).get(0);
        RunSnapshot s = new RunDirectoryReader().read(e.runDir(), e, Instant.now());
        assertEquals(RunStatus.QUEUED, s.row().status());
        assertEquals("q0001", s.row().id());
        assertEquals("d.h5", s.row().dataset());
        assertEquals("32", s.hyperParameters().get("batch"));
        assertEquals("0 / 4", s.row().epochText());
        assertTrue(s.points().isEmpty());
        assertNull(s.confusion());
        assertTrue(Double.isNaN(s.row().bestScore()));
    }
}
