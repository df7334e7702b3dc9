package org.ecgworkbench.engine.queue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One run in the queue, as stored in {@code RUNS/queue/ID.json}. Paths are absolute so the scheduler and the
 * commands that edit the queue may run from any folder. The prototype is stored resolved (overrides applied) in
 * {@code RUNS/queue/prototypes/ID.json}, so later edits of the source file do not change a queued run.
 */
public final class QueueEntry {

    String id;
    RunState state = RunState.QUEUED;
    String prototypeName;
    Path prototypeSource;
    Path prototypeFile;
    List<Setting> overrides = List.of();
    Path dataset;
    Path runDir;
    double checkpointMinutes;
    int workers;
    int attempts;
    Instant created;
    Instant started;
    Instant finished;
    Integer exitCode;
    String error;
    Long pid;
    String where;
    boolean cancelRequested;

    QueueEntry() {
    }

    /** Short id, e.g. q0007. */
    public String id() {
        return id;
    }

    /** Current state. */
    public RunState state() {
        return state;
    }

    /** The prototype's name. */
    public String prototypeName() {
        return prototypeName;
    }

    /** The file the prototype was read from when queued (informative only). */
    public Path prototypeSource() {
        return prototypeSource;
    }

    /** The resolved prototype the run trains. */
    public Path prototypeFile() {
        return prototypeFile;
    }

    /** Overrides applied to the source prototype (--set, then the grid point), in order. */
    public List<Setting> overrides() {
        return overrides;
    }

    /** The packed dataset. */
    public Path dataset() {
        return dataset;
    }

    /** The run directory. */
    public Path runDir() {
        return runDir;
    }

    /** Minutes between mid-epoch checkpoints (0: only at epoch ends). */
    public double checkpointMinutes() {
        return checkpointMinutes;
    }

    /** Input pipeline threads of the run. */
    public int workers() {
        return workers;
    }

    /** How many times a child was started for it. */
    public int attempts() {
        return attempts;
    }

    /** When it was queued. */
    public Instant created() {
        return created;
    }

    /** When its latest attempt started, or null. */
    public Instant started() {
        return started;
    }

    /** When it reached its latest final or interrupted state, or null. */
    public Instant finishedAt() {
        return finished;
    }

    /** The latest child's exit code, or null. */
    public Integer exitCode() {
        return exitCode;
    }

    /** Why it failed or was interrupted, or null. */
    public String error() {
        return error;
    }

    /** Process id of the latest child (kept after it exits, for crash recovery), or null. */
    public Long pid() {
        return pid;
    }

    /** Where the latest attempt executes or executed (e.g. "local slot 0, 2 threads"), or null. */
    public String where() {
        return where;
    }

    /** Whether someone asked to cancel it while it ran. */
    public boolean cancelRequested() {
        return cancelRequested;
    }

    /** The overrides as "k=v, k=v" ("" when none). */
    public String overridesText() {
        return String.join(", ", overrides.stream().map(Setting::toString).toList());
    }

    /** Moves to next, or a QueueException when the transition is not allowed. */
    void become(RunState next) throws QueueException {
        if (!state.canBecome(next)) {
            throw new QueueException(null, id + ": cannot go from " + state.json() + " to " + next.json());
        }
        state = next;
    }

    ObjectNode toJson(ObjectMapper m) {
        ObjectNode o = m.createObjectNode();
        o.put("id", id);
        o.put("state", state.json());
        o.put("prototype_name", prototypeName);
        o.put("prototype_source", prototypeSource == null ? null : prototypeSource.toString());
        o.put("prototype_file", prototypeFile.toString());
        ArrayNode ov = o.putArray("overrides");
        overrides.forEach(s -> ov.add(s.toString()));
        o.put("dataset", dataset.toString());
        o.put("run_dir", runDir.toString());
        o.put("checkpoint_minutes", checkpointMinutes);
        o.put("workers", workers);
        o.put("attempts", attempts);
        o.put("created", text(created));
        o.put("started", text(started));
        o.put("finished", text(finished));
        o.put("exit_code", exitCode);
        o.put("error", error);
        o.put("pid", pid);
        o.put("where", where);
        o.put("cancel_requested", cancelRequested);
        return o;
    }

    static QueueEntry fromJson(JsonNode n, Path file) throws QueueException {
        try {
            return parse(n, file);
        } catch (RuntimeException x) {
            // a hand-edited time or number: name the file rather than fail with a bare parse error
            throw new QueueException(file, "bad entry: " + x.getMessage(), x);
        }
    }

    private static QueueEntry parse(JsonNode n, Path file) throws QueueException {
        QueueEntry e = new QueueEntry();
        e.id = required(n, "id", file);
        try {
            e.state = RunState.parse(required(n, "state", file));
        } catch (QueueException x) {
            throw x.getMessage().startsWith(String.valueOf(file)) ? x : new QueueException(file, x.getMessage());
        }
        e.prototypeName = required(n, "prototype_name", file);
        e.prototypeSource = n.path("prototype_source").isTextual() ? Path.of(n.get("prototype_source").asText()) : null;
        e.prototypeFile = Path.of(required(n, "prototype_file", file));
        List<Setting> ov = new ArrayList<>();
        for (JsonNode s : n.path("overrides")) {
            ov.add(Setting.parse(s.asText(), file + ": overrides"));
        }
        e.overrides = List.copyOf(ov);
        e.dataset = Path.of(required(n, "dataset", file));
        e.runDir = Path.of(required(n, "run_dir", file));
        e.checkpointMinutes = n.path("checkpoint_minutes").asDouble(5);
        e.workers = n.path("workers").asInt(2);
        e.attempts = n.path("attempts").asInt();
        e.created = instant(n, "created");
        e.started = instant(n, "started");
        e.finished = instant(n, "finished");
        e.exitCode = n.path("exit_code").isNumber() ? n.get("exit_code").asInt() : null;
        e.error = n.path("error").isTextual() ? n.get("error").asText() : null;
        e.pid = n.path("pid").isNumber() ? n.get("pid").asLong() : null;
        e.where = n.path("where").isTextual() ? n.get("where").asText() : null;
        e.cancelRequested = n.path("cancel_requested").asBoolean();
        return e;
    }

    private static String required(JsonNode n, String field, Path file) throws QueueException {
        JsonNode v = n.get(field);
        if (v == null || !v.isTextual() || v.asText().isEmpty()) {
            throw new QueueException(file, "field \"" + field + "\" missing or not text");
        }
        return v.asText();
    }

    private static Instant instant(JsonNode n, String field) {
        return n.path(field).isTextual() ? Instant.parse(n.get(field).asText()) : null;
    }

    private static String text(Instant t) {
        return t == null ? null : t.toString();
    }
}
