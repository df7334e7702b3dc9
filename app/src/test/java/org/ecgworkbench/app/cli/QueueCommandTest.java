package org.ecgworkbench.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.ecgworkbench.engine.net.Prototype;
import org.ecgworkbench.engine.queue.QueueEntry;
import org.ecgworkbench.engine.queue.RunQueue;
import org.junit.jupiter.api.Test;

/** queue add, list, cancel, retry and run (with nothing to run) in process, and their errors. */
class QueueCommandTest extends CliTest {

    static final String TINY = """
            {"name": "tiny", "family": "fcn1d", "blocks": 2, "filters": [4, 8], "kernel_size": [5, 3],
             "input": {"seconds": 2, "fs": 250, "channels": ["raw"]},
             "optimizer": {"name": "adam", "learning_rate": 0.001}, "batch_size": 4, "epochs": 3, "seed": 3}
            """;

    private Path prototype() throws IOException {
        Path p = dir.resolve("tiny.json");
        Files.writeString(p, TINY);
        return p;
    }

    private Path dataset() throws IOException {
        Path d = dir.resolve("d.h5");
        Files.writeString(d, "queue add only checks that it exists");
        return d;
    }

    @Test
    void addExpandsTheGridAndListShowsEveryRun() throws IOException {
        Path p = prototype();
        Path runs = dir.resolve("runs");
        int code = run("queue", "add", p.toString(), "--dataset", dataset().toString(), "--grid",
                "optimizer.learning_rate=0.001,0.01", "--grid", "dropout=0,0.2", "--set", "epochs=2", "--runs",
                runs.toString());
        assertEquals(0, code, err.toString());
        String o = out.toString();
        assertTrue(o.contains("q0001 queued: tiny [epochs=2, optimizer.learning_rate=0.001, dropout=0] -> "
                + runs.toAbsolutePath().resolve("tiny-q0001-epochs-2-learning_rate-0.001-dropout-0")), o);
        assertTrue(o.contains("q0004 queued: tiny [epochs=2, optimizer.learning_rate=0.01, dropout=0.2]"), o);

        // later edits of the source file do not change queued runs
        Files.writeString(p, TINY.replace("\"seed\": 3", "\"seed\": 99"));
        QueueEntry e = RunQueue.open(runs).get("q0004");
        Prototype stored = Prototype.read(e.prototypeFile());
        assertEquals(3, stored.seed());
        assertEquals(2, stored.epochs());
        assertEquals(0.01, stored.optimizer().learningRate());
        assertEquals(0.2, stored.dropout());

        assertEquals(0, run("queue", "list", "--runs", runs.toString()), err.toString());
        String l = out.toString();
        assertTrue(l.startsWith("ID     STATE   PROTOTYPE  OVERRIDES"), l);
        assertTrue(l.matches("(?s).*q0003  queued  tiny       epochs=2, optimizer.learning_rate=0.01, dropout=0 +- +- +- +"
                + ".*tiny-q0003.*"), l);
        assertEquals(5, l.lines().count(), l);
    }

    @Test
    void cancelAndRetryAQueuedRunAndRunAnEmptyQueue() throws IOException {
        Path runs = dir.resolve("runs");
        assertEquals(0, run("queue", "add", prototype().toString(), "--dataset", dataset().toString(), "--runs",
                runs.toString()), err.toString());
        assertEquals(0, run("queue", "cancel", "q0001", "--runs", runs.toString()), err.toString());
        assertEquals("q0001 cancelled\n", out.toString());
        assertEquals(0, run("queue", "list", "--runs", runs.toString()));
        assertTrue(out.toString().contains("q0001  cancelled"), out.toString());
        assertEquals(0, run("queue", "retry", "q0001", "--runs", runs.toString()), err.toString());
        assertEquals("q0001 queued again; starts from the beginning\n", out.toString());
        assertEquals(2, run("queue", "retry", "q0001", "--runs", runs.toString()));
        assertEquals("error: q0001 is queued; only failed, cancelled or interrupted runs can be retried\n",
                err.toString());
        assertEquals(0, run("queue", "cancel", "q0001", "--runs", runs.toString()));

        assertEquals(0, run("queue", "run", "--runs", runs.toString()), err.toString());
        assertTrue(out.toString().contains("nothing queued or running"), out.toString());
    }

    @Test
    void badInputIsATypedErrorNamingFileOrArgument() throws IOException {
        Path runs = dir.resolve("runs");
        Path missing = dir.resolve("nope.json");
        assertEquals(2, run("queue", "add", missing.toString(), "--dataset", dataset().toString(), "--runs",
                runs.toString()));
        assertEquals("error: " + missing + ": file not found\n", err.toString());

        assertEquals(2, run("queue", "add", prototype().toString(), "--dataset", dir.resolve("x.h5").toString()));
        assertEquals("error: " + dir.resolve("x.h5") + ": dataset file not found\n", err.toString());

        assertEquals(2, run("queue", "add", prototype().toString(), "--dataset", dataset().toString(), "--grid",
                "dropout", "--runs", runs.toString()));
        assertEquals("error: --grid wants KEY=V1,V2,..., got \"dropout\"\n", err.toString());

        assertEquals(2, run("queue", "add", prototype().toString(), "--dataset", dataset().toString(), "--grid",
                "dropout=0.1,7", "--runs", runs.toString()));
        assertTrue(err.toString().startsWith("error: " + prototype() + ": field \"dropout\""), err.toString());
        assertEquals(0, RunQueue.open(runs).list().size(), "a refused grid point adds nothing");

        assertEquals(2, run("queue", "cancel", "q0099", "--runs", runs.toString()));
        assertTrue(err.toString().contains("no entry q0099"), err.toString());
    }
}
