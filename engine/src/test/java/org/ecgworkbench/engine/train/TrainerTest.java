package org.ecgworkbench.engine.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.ecgworkbench.engine.dataset.Dataset;
import org.ecgworkbench.engine.net.Prototype;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainerTest {

    @TempDir
    static Path dir;
    static Path data;

    @BeforeAll
    static void data() throws IOException {
        data = TinyData.pack(dir, 10);
    }

    private static float[] params(Path run, String checkpoint) throws IOException {
        ComputationGraph g = ModelSerializer.restoreComputationGraph(run.resolve(checkpoint).toFile(), false);
        return g.params().dup().data().asFloat();
    }

    @Test
    void aRunDirectoryHoldsEverythingTheIssueNames() throws IOException {
        Path run = dir.resolve("run-a");
        Trainer.Outcome o = Trainer.train(TinyData.prototype(), data, run, Trainer.Options.defaults(),
                new Trainer.Listener() { });
        assertEquals(Trainer.Outcome.DONE, o);
        for (String f : List.of(RunFiles.PROTOTYPE, RunFiles.RUN, RunFiles.PREPROCESSING, RunFiles.METRICS,
                RunFiles.STATE, RunFiles.STATS, RunFiles.LAST, RunFiles.BEST, "confusion/epoch-001.csv",
                "confusion/epoch-002.csv")) {
            assertTrue(Files.isRegularFile(run.resolve(f)), f);
        }
        List<String> lines = Files.readAllLines(run.resolve(RunFiles.METRICS));
        assertEquals(2, lines.size());
        JsonNode m = RunFiles.JSON.readTree(lines.get(1));
        assertEquals(2, m.path("epoch").asInt());
        for (String k : List.of("train_loss", "val_loss", "accuracy", "cinc_score")) {
            assertTrue(Double.isFinite(m.path(k).asDouble(Double.NaN)), k);
        }
        assertTrue(m.path("classes").path("A").has("f1"));
        long n = 0;
        for (JsonNode row : m.path("confusion")) {
            for (JsonNode v : row) {
                n += v.asLong();
            }
        }
        JsonNode pre = RunFiles.readJson(run.resolve(RunFiles.PREPROCESSING));
        assertEquals(pre.path("validation_items").size(), n, "confusion counts every validation recording once");
        JsonNode r = RunFiles.readJson(run.resolve(RunFiles.RUN));
        assertEquals(Provenance.sha256(data), r.path("dataset").path("sha256").asText());
        assertEquals(5, r.path("seed").asLong());
        assertTrue(r.path("backend").has("binary") && r.path("versions").has("deeplearning4j"));
        assertTrue(Files.size(run.resolve(RunFiles.STATS)) > 0);
        // Validation items come from the dataset's training split only.
        Dataset ds = Dataset.open(data);
        for (JsonNode v : pre.path("validation_items")) {
            int i = java.util.stream.IntStream.range(0, ds.size()).filter(k -> ds.recordName(k).equals(v.asText()))
                    .findFirst().orElseThrow();
            assertEquals(0, ds.split(i), v.asText());
        }
    }

    @Test
    void aStoppedAndResumedRunEndsWithTheUninterruptedRunsParameters() throws IOException {
        Prototype p = TinyData.prototype();
        Path whole = dir.resolve("whole");
        Trainer.train(p, data, whole, Trainer.Options.defaults(), new Trainer.Listener() { });
        Path parts = dir.resolve("parts");
        AtomicInteger steps = new AtomicInteger();
        // Stop in the middle of the first epoch (after its first step), then resume to the end.
        Trainer.Options stopEarly = Trainer.Options.defaults().withStop(() -> steps.get() == 1);
        Trainer.Outcome first = Trainer.train(p, data, parts, stopEarly, new Trainer.Listener() {
            @Override
            public void step(int epoch, int batch, int batches, double loss, double eta) {
                steps.incrementAndGet();
            }
        });
        assertEquals(Trainer.Outcome.STOPPED, first);
        assertEquals(1, RunFiles.readJson(parts.resolve(RunFiles.STATE)).path("batch").asInt());
        assertEquals(Trainer.Outcome.DONE, Trainer.resume(parts, Trainer.Options.defaults(), new Trainer.Listener() { }));
        assertArrayEquals(params(whole, RunFiles.LAST), params(parts, RunFiles.LAST));
        assertEquals(Files.readAllLines(whole.resolve(RunFiles.METRICS)).size(),
                Files.readAllLines(parts.resolve(RunFiles.METRICS)).size());
        JsonNode a = RunFiles.JSON.readTree(Files.readAllLines(whole.resolve(RunFiles.METRICS)).get(1));
        JsonNode b = RunFiles.JSON.readTree(Files.readAllLines(parts.resolve(RunFiles.METRICS)).get(1));
        assertEquals(a.path("train_loss").asDouble(), b.path("train_loss").asDouble(), 0.0);
        assertEquals(a.path("confusion"), b.path("confusion"));
    }

    @Test
    void weightAveragingKeepsTheMeanOfTheLastEpochsAsTheRunsModel() throws IOException {
        Prototype p = TinyData.prototype().with("epochs", "3").with("average_epochs", "2");
        Path run = dir.resolve("average");
        List<float[]> ends = new ArrayList<>();
        int[] window = new int[2];
        Trainer.train(p, data, run, Trainer.Options.defaults(), new Trainer.Listener() {
            @Override
            public void epoch(Trainer.EpochMetrics m) {
                try {
                    ends.add(params(run, RunFiles.LAST));
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }

            @Override
            public void average(int first, int through, Trainer.EpochMetrics m) {
                window[0] = first;
                window[1] = through;
            }
        });
        assertArrayEquals(new int[] {2, 3}, window);
        float[] avg = params(run, RunFiles.AVERAGE);
        float[] e2 = ends.get(1);
        float[] e3 = ends.get(2);
        double moved = 0;
        for (int k = 0; k < avg.length; k++) {
            float mean = (e2[k] + e3[k]) / 2;
            assertEquals(mean, avg[k], 1e-6 * Math.max(1, Math.abs(mean)), "parameter " + k);
            moved = Math.max(moved, Math.abs(e3[k] - e2[k]));
        }
        assertTrue(moved > 1e-4, "the two epochs' weights differ, so the mean is not either of them");
        JsonNode am = RunFiles.readJson(run.resolve(RunFiles.AVERAGE_METRICS));
        assertEquals(2, am.path("first_epoch").asInt());
        assertEquals(3, am.path("through_epoch").asInt());
        assertTrue(Double.isFinite(am.path("cinc_score").asDouble(Double.NaN)));
        assertEquals("checkpoints/average.zip", TrainedModel.load(run).checkpoint());
        assertEquals("checkpoints/best.zip", TrainedModel.load(run, TrainedModel.Checkpoint.BEST).checkpoint());
        // The same run as if its prototype asked for no average: the model is the best checkpoint.
        Path plain = dir.resolve("average-off");
        copyTree(run, plain);
        Files.delete(plain.resolve(RunFiles.AVERAGE));
        Files.writeString(plain.resolve(RunFiles.PROTOTYPE), p.with("average_epochs", "0").toJson());
        assertEquals("checkpoints/best.zip", TrainedModel.load(plain).checkpoint());
        IOException none = assertThrows(IOException.class,
                () -> TrainedModel.load(plain, TrainedModel.Checkpoint.AVERAGE));
        assertTrue(none.getMessage().contains("average.zip") && none.getMessage().contains("sets no average_epochs"),
                none.getMessage());
    }

    @Test
    void aResumedRunAddsEachEpochToTheAverageOnce() throws IOException {
        Prototype p = TinyData.prototype().with("epochs", "3").with("average_epochs", "2");
        Path whole = dir.resolve("average-whole");
        Trainer.train(p, data, whole, Trainer.Options.defaults(), new Trainer.Listener() { });
        // Stop at the end of epoch 2 (the window's first), then resume to the end.
        Path parts = dir.resolve("average-parts");
        AtomicInteger epochs = new AtomicInteger();
        Trainer.Listener count = new Trainer.Listener() {
            @Override
            public void epoch(Trainer.EpochMetrics m) {
                epochs.incrementAndGet();
            }
        };
        assertEquals(Trainer.Outcome.STOPPED, Trainer.train(p, data, parts,
                Trainer.Options.defaults().withStop(() -> epochs.get() == 2), count));
        // The state a kill leaves between the average's write and the checkpoint: the average already holds epoch 3,
        // the checkpoint and state are still epoch 2's.
        Path killed = dir.resolve("average-killed");
        copyTree(parts, killed);
        assertEquals(Trainer.Outcome.DONE, Trainer.resume(parts, Trainer.Options.defaults(), new Trainer.Listener() { }));
        assertArrayEquals(params(whole, RunFiles.AVERAGE), params(parts, RunFiles.AVERAGE));
        Files.copy(parts.resolve(RunFiles.AVERAGE), killed.resolve(RunFiles.AVERAGE),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertEquals(Trainer.Outcome.DONE, Trainer.resume(killed, Trainer.Options.defaults(), new Trainer.Listener() { }));
        assertArrayEquals(params(whole, RunFiles.AVERAGE), params(killed, RunFiles.AVERAGE));
    }

    private static void copyTree(Path from, Path to) throws IOException {
        // as ServeTest's (app module): Files.walk lists a folder before its files, and copying a folder makes it empty
        try (var files = Files.walk(from)) {
            for (Path f : files.toList()) {
                Files.copy(f, to.resolve(from.relativize(f).toString()));
            }
        }
    }

    @Test
    void allThreeEntryLevelsTrainAndTheRunShowsEachInput() throws IOException {
        StringBuilder csv = new StringBuilder("record,p_A,p_N\n");
        Dataset ds = Dataset.open(data);
        for (int i = 0; i < ds.size(); i++) {
            csv.append(ds.recordName(i)).append(i % 3 == 0 ? ",0.5,0.5\n" : ",0.3,0.7\n");
        }
        Path sug = Files.writeString(dir.resolve("suggestions.csv"), csv);
        Prototype p = TinyData.prototype().with("input.channels", "[\"raw\",\"bandpassed\"]")
                .with("features", "[\"cv_rr\",\"rmssd_s\",\"sampen_rr\"]").withSuggestions(sug.toString())
                .with("epochs", "1");
        Path run = dir.resolve("three");
        assertEquals(Trainer.Outcome.DONE, Trainer.train(p, data, run, Trainer.Options.defaults(),
                new Trainer.Listener() { }));
        JsonNode inputs = RunFiles.readJson(run.resolve(RunFiles.RUN)).path("inputs");
        assertEquals("[\"raw\",\"bandpassed\"]", inputs.path("signal").path("channels").toString());
        assertEquals(3, inputs.path("features").path("names").size());
        assertEquals(Provenance.sha256(sug), inputs.path("suggestions").path("sha256").asText());
        for (String in : List.of("signal", "features", "suggestions")) {
            assertTrue(inputs.path(in).path("first_batch_std").asDouble() > 0, in + " carried data");
            assertTrue(inputs.path(in).path("gradient_norm").asDouble() > 0, in + " received gradient");
        }
        TrainedModel m = TrainedModel.load(run);
        int[] test = java.util.stream.IntStream.range(0, ds.size()).filter(i -> ds.split(i) == 1).toArray();
        double[][] prob = m.probabilities(Items.of(ds), test, 1);
        for (double[] row : prob) {
            assertEquals(1, row[0] + row[1], 1e-5);
        }
    }

    @Test
    void aNonEmptyRunDirectoryIsRefused() throws IOException {
        Path run = Files.createDirectories(dir.resolve("busy"));
        Files.writeString(run.resolve("notes.txt"), "mine");
        IOException e = assertThrows(IOException.class, () -> Trainer.train(TinyData.prototype(), data, run,
                Trainer.Options.defaults(), new Trainer.Listener() { }));
        assertTrue(e.getMessage().contains("not empty"), e.getMessage());
        assertEquals("mine", Files.readString(run.resolve("notes.txt")));
    }
}
