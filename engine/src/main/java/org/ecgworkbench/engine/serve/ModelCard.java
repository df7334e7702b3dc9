package org.ecgworkbench.engine.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.ecgworkbench.engine.train.RunFiles;
import org.ecgworkbench.engine.train.TrainedModel;

/**
 * What a loaded model is, for clients and dashboards: its id (the run directory's name), the checkpoint, the input it
 * takes (rate, lead, window), its classes, the resolved prototype, the dataset fingerprint from run.json and the best
 * score from state.json with that epoch's metrics line.
 *
 * @param id            the run directory's name
 * @param runDir        the run directory (null for a model that has none, e.g. a test stub)
 * @param checkpoint    the checkpoint loaded, relative to the run directory
 * @param fs            sampling frequency in Hz the model takes (its training data's; never resampled)
 * @param lead          the lead (0-based) it was trained on; lead 0 of a record that lacks it
 * @param windowSeconds the network's input window in s
 * @param classes       output classes, in network order
 * @param prototype     the resolved prototype (prototype.json)
 * @param dataset       run.json's dataset: file, SHA-256, items, packing command, class names
 * @param best          early-stopping metric, its best value and epoch, and that epoch's metrics line
 * @param loaded        when the model was loaded
 * @param engine        what runs the network, and why when it is not the first choice (e.g. "onnxruntime 1.23.2, 2
 *                      threads" or "dl4j (…)")
 */
public record ModelCard(String id, Path runDir, String checkpoint, double fs, int lead, double windowSeconds,
                        List<String> classes, JsonNode prototype, JsonNode dataset, JsonNode best, Instant loaded,
                        String engine) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The card of a model with no run directory (a stub): empty provenance. */
    public static ModelCard of(String id, double fs, int lead, double windowSeconds, List<String> classes) {
        ObjectNode empty = JsonNodeFactory.instance.objectNode();
        return new ModelCard(id, null, "", fs, lead, windowSeconds, List.copyOf(classes), empty, empty, empty,
                Instant.now(), "stub");
    }

    /**
     * The card of a model loaded from its run directory, its network run by engine; state.json and metrics.jsonl may
     * be absent.
     */
    public static ModelCard of(TrainedModel m, String engine) throws IOException {
        Path dir = m.runDir();
        JsonNode run = RunFiles.readJson(dir.resolve(RunFiles.RUN));
        ObjectNode best = JsonNodeFactory.instance.objectNode();
        best.put("metric", m.prototype().earlyStopping() == null ? "cinc_score" : m.prototype().earlyStopping().metric());
        Path state = dir.resolve(RunFiles.STATE);
        if (Files.isRegularFile(state)) {
            JsonNode s = RunFiles.readJson(state);
            int epoch = s.path("best_epoch").asInt(0);
            best.set("value", s.path("best"));
            best.put("epoch", epoch);
            best.put("epochs_done", s.path("epoch").asInt(0));
            best.put("finished", s.path("finished").asBoolean(false));
            JsonNode line = metricsOf(dir.resolve(RunFiles.METRICS), epoch);
            if (line != null) {
                best.set("metrics", line);
            }
        }
        return new ModelCard(String.valueOf(dir.toAbsolutePath().normalize().getFileName()), dir, m.checkpoint(),
                m.fs(), m.lead(), m.prototype().input().seconds(), List.copyOf(m.classes()),
                m.prototype().toJsonTree(), run.path("dataset").deepCopy(), best, Instant.now(), engine);
    }

    /** The metrics line of one epoch, or null when the file or the line is absent (or torn). */
    private static JsonNode metricsOf(Path file, int epoch) throws IOException {
        if (epoch <= 0 || !Files.isRegularFile(file)) {
            return null;
        }
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            try {
                JsonNode n = JSON.readTree(line);
                if (n != null && n.path("epoch").asInt(-1) == epoch) {
                    return n;
                }
            } catch (IOException e) {
                // a torn last line (a run killed while writing) is not a metrics line; skip it
            }
        }
        return null;
    }
}
