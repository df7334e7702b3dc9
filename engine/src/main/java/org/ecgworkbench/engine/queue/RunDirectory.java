package org.ecgworkbench.engine.queue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.ecgworkbench.engine.train.RunFiles;

/** What the queue needs to know about, and do to, a run directory ({@link RunFiles}) that a child trains in. */
public final class RunDirectory {

    /** How the lines the scheduler writes into the log before each attempt begin. */
    public static final String ATTEMPT = "=== attempt ";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path dir;

    /** The run directory dir (which need not exist yet). */
    public RunDirectory(Path dir) {
        this.dir = dir;
    }

    /** The folder. */
    public Path path() {
        return dir;
    }

    /** The child's log file. */
    public Path log() {
        return dir.resolve(RunFiles.LOG);
    }

    /**
     * Where training stands, from state.json and prototype.json.
     *
     * @param epoch     epochs done
     * @param epochs    epochs planned (the prototype's maximum), 0 when unknown
     * @param batch     batches done of the current epoch
     * @param best      best validation value so far (NaN before the first epoch)
     * @param bestEpoch 1-based epoch of best, 0 before the first epoch
     * @param metric    the metric best is of (cinc_score, accuracy, loss)
     * @param finished  whether training finished
     */
    public record Progress(int epoch, int epochs, int batch, double best, int bestEpoch, String metric,
                           boolean finished) {
    }

    /** Whether training wrote its state (the run started and can be resumed). */
    public boolean hasState() {
        return Files.isRegularFile(dir.resolve(RunFiles.STATE));
    }

    /** The progress, or null when there is no (readable) state.json. */
    public Progress progress() {
        if (!hasState()) {
            return null;
        }
        try {
            JsonNode s = JSON.readTree(dir.resolve(RunFiles.STATE).toFile());
            int epochs = 0;
            String metric = "cinc_score";
            if (Files.isRegularFile(dir.resolve(RunFiles.PROTOTYPE))) {
                JsonNode p = JSON.readTree(dir.resolve(RunFiles.PROTOTYPE).toFile());
                epochs = p.path("epochs").asInt();
                if (p.path("early_stopping").isObject()) {
                    metric = p.path("early_stopping").path("metric").asText(metric);
                }
            }
            return new Progress(s.path("epoch").asInt(), epochs, s.path("batch").asInt(),
                    s.path("best").asDouble(Double.NaN), s.path("best_epoch").asInt(), metric,
                    s.path("finished").asBoolean());
        } catch (IOException e) {
            return null;
        }
    }

    /** Whether state.json says training finished. */
    public boolean finished() {
        Progress p = progress();
        return p != null && p.finished();
    }

    /** Asks the child to stop at its next step, with a checkpoint (the train command watches this file). */
    public void requestStop() throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(RunFiles.STOP), "stop requested by the run queue\n");
    }

    /** Removes a stop request (before a start, and after the child exited, so a later train runs). */
    public void clearStop() throws IOException {
        Files.deleteIfExists(dir.resolve(RunFiles.STOP));
    }

    /**
     * Removes what a start that died before writing state.json left (prototype, run and preprocessing files,
     * empty folders), keeping train.log: no step was trained, so nothing is lost, and train needs an empty folder.
     */
    public void clearPartialStart() throws IOException {
        if (!Files.isDirectory(dir) || hasState()) {
            return;
        }
        List<Path> doomed;
        try (Stream<Path> all = Files.walk(dir)) {
            doomed = all.filter(f -> !f.equals(dir) && !f.equals(log()))
                    .sorted(Comparator.reverseOrder()).toList();
        }
        for (Path f : doomed) {
            Files.deleteIfExists(f);
        }
    }

    /** Appends a line to the child's log (attempt headers), creating the folder. */
    public void appendLog(String line) throws IOException {
        Files.createDirectories(dir);
        // the previous child may have ended in the middle of a progress line ('\r', no newline)
        String start = Files.isRegularFile(log()) && Files.size(log()) > 0 ? "\n" : "";
        Files.writeString(log(), start + line + "\n", StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.APPEND);
    }

    /** The latest attempt's last "error: ..." log line, else its last non-blank line, else null (why it failed). */
    public String lastError() {
        try {
            if (!Files.isRegularFile(log())) {
                return null;
            }
            // Only the tail matters; a long run's log can be large.
            long size = Files.size(log());
            byte[] tail;
            try (var ch = java.nio.channels.FileChannel.open(log())) {
                int n = (int) Math.min(size, 64 * 1024);
                java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(n);
                ch.read(b, size - n);
                tail = b.array();
            }
            String[] lines = new String(tail, StandardCharsets.UTF_8).split("[\r\n]+");
            String lastLine = null;
            for (int i = lines.length - 1; i >= 0; i--) {
                String l = lines[i].strip();
                if (l.startsWith(ATTEMPT)) {
                    break;
                }
                if (l.startsWith("error:")) {
                    return l;
                }
                if (lastLine == null && !l.isEmpty()) {
                    lastLine = l;
                }
            }
            return lastLine;
        } catch (IOException e) {
            return null;
        }
    }
}
