package org.ecgworkbench.app.gui.runs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.ecgworkbench.engine.queue.QueueEntry;
import org.ecgworkbench.engine.train.RunFiles;
import org.ecgworkbench.views.runs.ConfusionData;
import org.ecgworkbench.views.runs.EpochPoint;
import org.ecgworkbench.views.runs.RunRow;
import org.ecgworkbench.views.runs.RunSnapshot;
import org.ecgworkbench.views.runs.RunStatus;

/**
 * Reads a run directory ({@link RunFiles}: prototype.json, run.json, preprocessing.json, state.json, metrics.jsonl,
 * confusion/) and its queue entry into the views' {@link RunSnapshot}. Files that are being written or absent read
 * as "not yet": a run is shown from the moment it is queued. Parsed files are kept until their size or time
 * changes, so polling a folder of long runs every second stays cheap.
 */
final class RunDirectoryReader {

    /** A run outside the queue whose state.json is older than this is taken as no longer running. */
    static final Duration STALE = Duration.ofMinutes(10);

    private static final ObjectMapper JSON = new ObjectMapper();

    private record Stamp(long size, FileTime time) {
    }

    private record Cached<T>(Stamp stamp, T value) {
    }

    private final Map<Path, Cached<?>> cache = new ConcurrentHashMap<>();

    /** The snapshot of a run directory with its queue entry (entry null: a run trained outside the queue). */
    RunSnapshot read(Path dir, QueueEntry entry, Instant now) {
        Path protoFile = Files.isRegularFile(dir.resolve(RunFiles.PROTOTYPE)) || entry == null
                ? dir.resolve(RunFiles.PROTOTYPE) : entry.prototypeFile();
        JsonNode proto = json(protoFile);
        JsonNode run = json(dir.resolve(RunFiles.RUN));
        JsonNode state = json(dir.resolve(RunFiles.STATE));
        JsonNode prep = json(dir.resolve(RunFiles.PREPROCESSING));
        long trainItems = trainItems(run, prep);
        List<EpochPoint> points = metrics(dir.resolve(RunFiles.METRICS), trainItems);
        ConfusionData confusion = confusion(dir.resolve(RunFiles.CONFUSION));

        int epochs = proto == null ? 0 : proto.path("epochs").asInt();
        int batchSize = proto == null ? 0 : proto.path("batch_size").asInt();
        int epoch = state == null ? points.size() : state.path("epoch").asInt();
        int batch = state == null ? 0 : state.path("batch").asInt();
        boolean finished = state != null && state.path("finished").asBoolean();
        RunStatus status = entry != null ? RunStatus.valueOf(entry.state().name())
                : finished ? RunStatus.DONE
                : state != null && updated(state) != null && Duration.between(updated(state), now).compareTo(STALE) < 0
                ? RunStatus.RUNNING : RunStatus.INTERRUPTED;

        double fraction = Double.NaN;
        if (finished || status == RunStatus.DONE) {
            fraction = 1;
        } else if (epochs > 0) {
            double inEpoch = 0;
            if (trainItems > 0 && batchSize > 0) {
                long batches = (trainItems + batchSize - 1) / batchSize;
                inEpoch = Math.min(1, batch / (double) batches);
            }
            fraction = Math.min(1, (epoch + inEpoch) / epochs);
        }
        double eta = Double.NaN;
        if (status == RunStatus.RUNNING && state != null && fraction > 0 && fraction < 1) {
            double elapsed = state.path("elapsed_seconds").asDouble(Double.NaN);
            Instant up = updated(state);
            if (!Double.isNaN(elapsed)) {
                // elapsed_seconds is written at checkpoints: add the time since, for a smooth countdown
                double since = up == null ? 0 : Math.max(0, Duration.between(up, now).toMillis() / 1000.0);
                eta = Math.max(0, elapsed / fraction * (1 - fraction) - since);
            }
        }
        double best = state == null ? Double.NaN : state.path("best").asDouble(Double.NaN);
        String metric = proto != null && proto.path("early_stopping").isObject()
                ? proto.path("early_stopping").path("metric").asText("cinc_score") : "cinc_score";
        if (Double.isNaN(best) && !points.isEmpty()) {
            best = points.stream().mapToDouble(p -> Double.isNaN(p.score()) ? p.accuracy() : p.score()).max()
                    .orElse(Double.NaN);
        }

        String id = entry != null ? entry.id() : dir.getFileName().toString();
        String protoName = entry != null ? entry.prototypeName()
                : proto != null ? proto.path("name").asText("?") : "?";
        String dataset = entry != null ? entry.dataset().getFileName().toString()
                : run != null && run.path("dataset").path("file").isTextual()
                ? Path.of(run.path("dataset").path("file").asText()).getFileName().toString() : "";
        String where = entry != null && entry.where() != null ? entry.where() : "";
        String error = entry != null && entry.error() != null ? entry.error() : "";
        if (entry != null && entry.cancelRequested() && entry.state().name().equals("RUNNING")) {
            error = "stopping (cancel requested)";
        }
        boolean resumable = Files.isRegularFile(dir.resolve(RunFiles.STATE))
                && Files.isRegularFile(dir.resolve(RunFiles.LAST));
        RunRow row = new RunRow(id, dir.getFileName().toString(), protoName, dataset, status, where, fraction, epoch,
                epochs, best, metric, eta, error, dir.toString(), entry == null ? 0 : entry.attempts(), resumable,
                entry != null);
        return new RunSnapshot(row, points, confusion, device(run, where), hyperParameters(proto));
    }

    /** Forgets cached files of folders no longer listed. */
    void retain(java.util.Set<Path> dirs) {
        cache.keySet().removeIf(f -> dirs.stream().noneMatch(f::startsWith));
    }

    private static Instant updated(JsonNode state) {
        try {
            return state.path("updated").isTextual() ? Instant.parse(state.path("updated").asText()) : null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    // Training examples per epoch: the dataset's items less the validation items (what samples/s is of).
    private static long trainItems(JsonNode run, JsonNode prep) {
        if (run == null) {
            return 0;
        }
        long items = run.path("dataset").path("items").asLong();
        int val = prep == null ? 0 : prep.path("validation_items").size();
        return Math.max(0, items - val);
    }

    /** "CPU · OPENBLAS · 2 threads", the native binary, and where it runs, one per line, from run.json's backend. */
    static String device(JsonNode run, String where) {
        List<String> lines = new ArrayList<>();
        JsonNode b = run == null ? null : run.path("backend");
        if (b != null && b.isObject()) {
            List<String> first = new ArrayList<>();
            for (String k : List.of("kind", "device", "blas")) {
                if (b.path(k).isValueNode() && !b.path(k).asText().isEmpty()) {
                    first.add(b.path(k).asText());
                }
            }
            if (b.path("threads").isNumber()) {
                first.add(b.path("threads").asInt() + (b.path("threads").asInt() == 1 ? " thread" : " threads"));
            }
            lines.add(String.join(" · ", first));
            for (Iterator<Map.Entry<String, JsonNode>> it = b.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> f = it.next();
                if (!List.of("kind", "device", "blas", "threads").contains(f.getKey()) && f.getValue().isValueNode()
                        && !f.getValue().asText().isEmpty()) {
                    lines.add(f.getValue().asText());
                }
            }
        }
        if (!where.isEmpty()) {
            lines.add(where);
        }
        return String.join("\n", lines);
    }

    /** The prototype's main settings, as the comparison table shows them. */
    static Map<String, String> hyperParameters(JsonNode p) {
        Map<String, String> h = new LinkedHashMap<>();
        if (p == null) {
            return h;
        }
        h.put("family", p.path("family").asText(""));
        h.put("blocks", p.path("blocks").asText(""));
        h.put("filters", runs(p.path("filters")));
        h.put("kernel", runs(p.path("kernel_size")));
        JsonNode opt = p.path("optimizer");
        h.put("optimizer", opt.path("name").asText("")
                + (opt.path("schedule").isObject() ? " + " + opt.path("schedule").path("type").asText("") : ""));
        h.put("lr", opt.path("learning_rate").isNumber() ? plain(opt.path("learning_rate").asDouble()) : "");
        h.put("batch", p.path("batch_size").asText(""));
        h.put("epochs", p.path("epochs").asText(""));
        h.put("dropout", p.path("dropout").isNumber() ? plain(p.path("dropout").asDouble()) : "0");
        List<String> ch = new ArrayList<>();
        p.path("input").path("channels").forEach(c -> ch.add(c.asText()));
        h.put("input channels", String.join(", ", ch));
        JsonNode in = p.path("input");
        h.put("window", in.path("seconds").isNumber()
                ? plain(in.path("seconds").asDouble()) + " s @ " + plain(in.path("fs").asDouble()) + " Hz" : "");
        h.put("features", Integer.toString(p.path("features").size()));
        return h;
    }

    // 16,16,32,32 -> "16×2 32×2": a deep network's filter list stays readable in a table cell
    private static String runs(JsonNode list) {
        if (!list.isArray()) {
            return list.asText("");
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < list.size(); ) {
            int j = i;
            while (j < list.size() && list.get(j).asText().equals(list.get(i).asText())) {
                j++;
            }
            sb.append(sb.isEmpty() ? "" : " ").append(list.get(i).asText()).append(j - i > 1 ? "×" + (j - i) : "");
            i = j;
        }
        return sb.toString();
    }

    private static String plain(double v) {
        return new java.math.BigDecimal(Double.toString(v)).stripTrailingZeros().toPlainString();
    }

    private JsonNode json(Path f) {
        return cached(f, () -> JSON.readTree(f.toFile()));
    }

    private List<EpochPoint> metrics(Path f, long trainItems) {
        List<EpochPoint> points = cached(f, () -> parseMetrics(Files.readString(f, StandardCharsets.UTF_8),
                trainItems));
        return points == null ? List.of() : points;
    }

    /** The epochs of a metrics.jsonl text; a torn last line (being written) is left out. */
    static List<EpochPoint> parseMetrics(String text, long trainItems) {
        List<EpochPoint> out = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode n;
            try {
                n = JSON.readTree(line);
            } catch (IOException torn) {
                continue;
            }
            Map<String, Double> f1 = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = n.path("classes").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> c = it.next();
                f1.put(c.getKey(), c.getValue().path("f1").asDouble(Double.NaN));
            }
            double seconds = n.path("seconds").asDouble(Double.NaN);
            out.add(new EpochPoint(n.path("epoch").asInt(), n.path("train_loss").asDouble(Double.NaN),
                    n.path("val_loss").asDouble(Double.NaN), n.path("accuracy").asDouble(Double.NaN), f1,
                    n.path("cinc_score").asDouble(Double.NaN), seconds,
                    trainItems > 0 && seconds > 0 ? trainItems / seconds : Double.NaN,
                    n.path("learning_rate").asDouble(Double.NaN)));
        }
        return out;
    }

    private ConfusionData confusion(Path folder) {
        if (!Files.isDirectory(folder)) {
            return null;
        }
        Path latest;
        try (Stream<Path> files = Files.list(folder)) {
            latest = files.filter(f -> f.getFileName().toString().matches("epoch-\\d+\\.csv")).max(Path::compareTo)
                    .orElse(null);
        } catch (IOException e) {
            return null;
        }
        if (latest == null) {
            return null;
        }
        int epoch = Integer.parseInt(latest.getFileName().toString().replaceAll("\\D", ""));
        return cached(latest, () -> parseConfusion(Files.readString(latest, StandardCharsets.UTF_8), epoch));
    }

    /** A confusion CSV ("reference\predicted,A,N,..." then one row per reference class). */
    static ConfusionData parseConfusion(String csv, int epoch) throws IOException {
        List<String> lines = csv.lines().filter(l -> !l.isBlank()).toList();
        if (lines.isEmpty()) {
            throw new IOException("empty confusion file");
        }
        String[] head = lines.get(0).split(",");
        List<String> classes = List.of(head).subList(1, head.length);
        long[][] counts = new long[classes.size()][classes.size()];
        if (lines.size() - 1 != classes.size()) {
            throw new IOException("confusion file has " + (lines.size() - 1) + " rows for " + classes.size()
                    + " classes (being written?)");
        }
        for (int i = 0; i < classes.size(); i++) {
            String[] cells = lines.get(i + 1).split(",");
            for (int j = 0; j < classes.size(); j++) {
                counts[i][j] = Long.parseLong(cells[j + 1].strip());
            }
        }
        return new ConfusionData(classes, counts, epoch);
    }

    interface Parse<T> {
        T parse() throws IOException;
    }

    @SuppressWarnings("unchecked")
    private <T> T cached(Path f, Parse<T> parse) {
        Stamp s;
        try {
            if (!Files.isRegularFile(f)) {
                cache.remove(f);
                return null;
            }
            s = new Stamp(Files.size(f), Files.getLastModifiedTime(f));
        } catch (IOException e) {
            return null;
        }
        Cached<?> c = cache.get(f);
        if (c != null && c.stamp().equals(s)) {
            return (T) c.value();
        }
        try {
            T v = parse.parse();
            cache.put(f, new Cached<>(s, v));
            return v;
        } catch (IOException | RuntimeException e) {
            // being written (files written whole are renamed into place; a torn read retries next poll)
            return c == null ? null : (T) c.value();
        }
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "RunDirectoryReader(%d files cached)", cache.size());
    }
}
