package org.ecgworkbench.engine.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/** The files of a run directory and how they are written: whole files atomically, metrics by appended lines. */
public final class RunFiles {

    /** The resolved prototype. */
    public static final String PROTOTYPE = "prototype.json";
    /** Provenance: dataset fingerprint, seed, commit, backend, versions, command. */
    public static final String RUN = "run.json";
    /** Feature scaling, class weights and validation items: exactly what inference must repeat. */
    public static final String PREPROCESSING = "preprocessing.json";
    /** One JSON line per finished epoch. */
    public static final String METRICS = "metrics.jsonl";
    /** Where training stands (for resume, the queue and dashboards). */
    public static final String STATE = "state.json";
    /** DL4J FileStatsStorage for the UI server. */
    public static final String STATS = "stats.dl4j";
    /** Folder of per-epoch confusion matrices (CSV). */
    public static final String CONFUSION = "confusion";
    /** Folder of checkpoints. */
    public static final String CHECKPOINTS = "checkpoints";
    /** The last checkpoint (model with updater state). */
    public static final String LAST = "checkpoints/last.zip";
    /** The checkpoint with the best validation score. */
    public static final String BEST = "checkpoints/best.zip";
    /** The mean of the weights over the prototype's last average_epochs epochs (when it asks for one). */
    public static final String AVERAGE = "checkpoints/average.zip";
    /** Validation metrics of {@link #AVERAGE} at the end of the run, with the epochs it covers. */
    public static final String AVERAGE_METRICS = "average.json";
    /** Standard output and error of the child process a queue scheduler runs the training in. */
    public static final String LOG = "train.log";
    /** Present: stop at the next step with a checkpoint (how a queue cancels a run running in another process). */
    public static final String STOP = "stop";

    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private RunFiles() {
    }

    /** Writes a file's whole content to the path it is given (a temporary file beside the target). */
    @FunctionalInterface
    public interface Writer {
        /** Writes everything to tmp. */
        void write(Path tmp) throws IOException;
    }

    /**
     * Replaces file by what writer writes to a temporary file beside it (".NAME.tmp"), with an atomic rename, so a
     * reader, or a run resumed after a kill, never sees half of it.
     */
    public static void replaceAtomically(Path file, Writer writer) throws IOException {
        Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp");
        writer.write(tmp);
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** Writes text to file through a temporary file and an atomic rename, so a reader never sees half of it. */
    public static void writeAtomically(Path file, byte[] content) throws IOException {
        replaceAtomically(file, tmp -> Files.write(tmp, content));
    }

    /** Writes a JSON tree atomically, pretty-printed. */
    public static void writeJson(Path file, JsonNode tree) throws IOException {
        writeAtomically(file, (JSON.writeValueAsString(tree) + "\n").getBytes(StandardCharsets.UTF_8));
    }

    /** Reads a JSON file, or an IOException naming it. */
    public static JsonNode readJson(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + ": not found (is " + file.getParent() + " a run directory?)");
        }
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new IOException(file + ": not valid JSON: " + e.getMessage(), e);
        }
    }

    /**
     * Keeps the lines of metrics.jsonl up to the given epoch (1-based, inclusive) and drops the rest and any torn
     * last line: what a process killed after writing an epoch's metrics but before its checkpoint left behind, which
     * the resumed run writes again.
     */
    public static void keepMetricsUpTo(Path runDir, int epoch) throws IOException {
        Path file = runDir.resolve(METRICS);
        if (!Files.isRegularFile(file)) {
            return;
        }
        String text = Files.readString(file, StandardCharsets.UTF_8);
        StringBuilder kept = new StringBuilder();
        int start = 0;
        for (int nl = text.indexOf('\n'); nl >= 0; start = nl + 1, nl = text.indexOf('\n', start)) {
            String line = text.substring(start, nl);
            JsonNode n;
            try {
                n = JSON.readTree(line);
            } catch (IOException e) {
                continue;
            }
            if (n != null && n.path("epoch").asInt(Integer.MAX_VALUE) <= epoch) {
                kept.append(line).append('\n');
            }
        }
        if (!kept.toString().equals(text)) {
            writeAtomically(file, kept.toString().getBytes(StandardCharsets.UTF_8));
        }
    }

    /** Appends one compact JSON line and forces it to disk. */
    public static void appendLine(Path file, JsonNode tree) throws IOException {
        byte[] line = (new ObjectMapper().writeValueAsString(tree) + "\n").getBytes(StandardCharsets.UTF_8);
        try (var ch = java.nio.channels.FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND)) {
            ch.write(java.nio.ByteBuffer.wrap(line));
            ch.force(false);
        }
    }
}
