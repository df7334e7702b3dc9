package org.ecgworkbench.engine.net;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.ecgworkbench.engine.dataset.AugmentationConfig;
import org.ecgworkbench.engine.features.RecordFeatures;

/**
 * JSON to {@link Prototype} with validation. Hand-written rather than Jackson data binding so that every refusal
 * names the field and says what is allowed (binding errors name Java types), unknown fields (typos) are refused,
 * and defaults are filled in one visible place.
 */
final class PrototypeReader {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static final Set<String> TOP = Set.of("name", "family", "blocks", "base_filters", "growth", "filters",
            "kernel_size", "stem_stride", "reduction", "pooling", "dropout", "batch_norm", "input", "features",
            "suggestions", "head_units", "classes", "optimizer", "batch_size", "epochs", "early_stopping",
            "class_weights", "augmentation", "average_epochs", "seed", "description");

    private PrototypeReader() {
    }

    static Prototype parse(String json, String defaultName) throws PrototypeException {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new PrototypeException(null, "", "not valid JSON: " + e.getOriginalMessage() + " (line "
                    + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")");
        }
        if (root == null || !root.isObject()) {
            throw new PrototypeException(null, "", "must be a JSON object");
        }
        return fromTree((ObjectNode) root, defaultName);
    }

    static Prototype with(Prototype p, String path, String value) throws PrototypeException {
        ObjectNode tree = p.toJsonTree();
        if (path.equals("base_filters") || path.startsWith("growth")) {
            tree.remove("filters");
            if (!tree.has("base_filters")) {
                tree.put("base_filters", p.filters().get(0));
            }
        } else if (path.equals("filters")) {
            tree.remove("base_filters");
            tree.remove("growth");
        }
        String[] parts = path.split("\\.");
        ObjectNode at = tree;
        for (int i = 0; i < parts.length - 1; i++) {
            JsonNode next = at.get(parts[i]);
            if (next == null || !next.isObject()) {
                next = at.putObject(parts[i]);
            }
            at = (ObjectNode) next;
        }
        JsonNode v;
        try {
            v = MAPPER.readTree(value);
        } catch (JsonProcessingException e) {
            v = new TextNode(value);
        }
        at.set(parts[parts.length - 1], v == null ? new TextNode(value) : v);
        return fromTree(tree, p.name());
    }

    private static Prototype fromTree(ObjectNode root, String defaultName) throws PrototypeException {
        unknown(root, "", TOP);
        String name = text(root, "name", defaultName);
        Prototype.Family family = enumOf(Prototype.Family.class, root, "family", null);
        int blocks = integer(root, "blocks", family == Prototype.Family.RESNET1D ? 8 : 3, 1, 64);
        Prototype.Growth growth = growth(root);
        List<Integer> filters = growth == null ? listedFilters(root, blocks) : grown(growth, blocks);
        List<Integer> kernels = kernels(root, blocks);
        int stemStride = integer(root, "stem_stride", family == Prototype.Family.RESNET1D ? 2 : 1, 1, 16);
        Prototype.Reduction reduction = reduction(root.get("reduction"), family);
        Prototype.Pooling pooling = enumOf(Prototype.Pooling.class, root, "pooling", Prototype.Pooling.AVG);
        double dropout = number(root, "dropout", 0.0, 0.0, 0.95);
        boolean batchNorm = bool(root, "batch_norm", true);
        Prototype.Input input = input(root.get("input"));
        List<String> features = strings(root, "features", List.of());
        for (int i = 0; i < features.size(); i++) {
            if (!RecordFeatures.NAMES.contains(features.get(i))) {
                throw new PrototypeException(null, "features[" + i + "]", "unknown feature \"" + features.get(i)
                        + "\"; known: " + String.join(", ", RecordFeatures.NAMES));
            }
        }
        unique(features, "features");
        Prototype.Suggestions suggestions = null;
        JsonNode s = root.get("suggestions");
        if (s != null && !s.isNull()) {
            if (!s.isObject()) {
                throw new PrototypeException(null, "suggestions", "must be null or an object {\"file\": \"PATH.csv\"}");
            }
            unknown((ObjectNode) s, "suggestions.", Set.of("file"));
            suggestions = new Prototype.Suggestions(text((ObjectNode) s, "file", "suggestions.", null));
        }
        int headUnits = integer(root, "head_units", 0, 0, 4096);
        List<String> classes = strings(root, "classes", List.of());
        unique(classes, "classes");
        if (classes.size() == 1) {
            throw new PrototypeException(null, "classes", "needs at least two classes (or none: take the dataset's)");
        }
        Prototype.Optimizer optimizer = optimizer(root.get("optimizer"));
        int batchSize = integer(root, "batch_size", 32, 1, 4096);
        int epochs = integer(root, "epochs", 30, 1, 100_000);
        Prototype.EarlyStopping early = null;
        JsonNode es = root.get("early_stopping");
        if (es != null && !es.isNull()) {
            if (!es.isObject()) {
                throw new PrototypeException(null, "early_stopping", "must be null or {\"metric\": ..., \"patience\": N}");
            }
            ObjectNode eo = (ObjectNode) es;
            unknown(eo, "early_stopping.", Set.of("metric", "patience"));
            String metric = oneOf(eo, "early_stopping.", "metric", "cinc_score", List.of("cinc_score", "accuracy", "loss"));
            early = new Prototype.EarlyStopping(metric, integer(eo, "early_stopping.", "patience", 5, 1, 10_000));
        }
        Prototype.ClassWeights weights = classWeights(root.get("class_weights"), classes);
        AugmentationConfig augmentation = augmentation(root.get("augmentation"), input);
        int averageEpochs = integer(root, "average_epochs", 0, 0, epochs);
        long seed = root.has("seed") ? longValue(root, "seed") : 42;
        return new Prototype(name, family, blocks, filters, growth, kernels, stemStride, reduction, pooling, dropout,
                batchNorm, input, features, suggestions, headUnits, classes, optimizer, batchSize, epochs, early,
                weights, augmentation, averageEpochs, seed);
    }

    /** Training-window augmentation, or null; each transform off at its neutral value, as pretrain's options. */
    private static AugmentationConfig augmentation(JsonNode n, Prototype.Input input) throws PrototypeException {
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isObject()) {
            throw new PrototypeException(null, "augmentation", "must be null or an object {\"noise_mv\": ..., ...}");
        }
        ObjectNode o = (ObjectNode) n;
        String p = "augmentation.";
        unknown(o, p, Set.of("crop", "scale", "wander_mv", "noise_mv", "powerline_mv", "powerline_hz", "shift_s"));
        double crop = number(o, p, "crop", 1, 0.01, 1);
        double scale = number(o, p, "scale", 0, 0, 0.99);
        double wander = number(o, p, "wander_mv", 0, 0, 100);
        double noise = number(o, p, "noise_mv", 0, 0, 100);
        double powerline = number(o, p, "powerline_mv", 0, 0, 100);
        double powerlineHz = number(o, p, "powerline_hz", 50, 1, 1e6);
        double shift = number(o, p, "shift_s", 0, 0, 3600);
        if (powerline > 0 && !(powerlineHz < input.fs() / 2)) {
            throw new PrototypeException(null, "augmentation.powerline_hz", "must lie below half the input's fs ("
                    + input.fs() / 2 + " Hz), got " + powerlineHz);
        }
        return new AugmentationConfig(crop, scale, wander, noise, powerline, powerlineHz, shift);
    }

    /** The growth rule, or null when the filters are listed. */
    private static Prototype.Growth growth(ObjectNode root) throws PrototypeException {
        JsonNode listed = root.get("filters");
        if (listed != null && !listed.isNull()) {
            if (root.has("base_filters") || root.has("growth")) {
                throw new PrototypeException(null, "filters", "give either filters (one per block) or base_filters"
                        + " with growth, not both");
            }
            return null;
        }
        int base = integer(root, "base_filters", 16, 1, 4096);
        JsonNode g = root.get("growth");
        if (g == null || g.isNull()) {
            return new Prototype.Growth(base, 1, 0, 1);
        }
        if (!g.isObject()) {
            throw new PrototypeException(null, "growth", "must be an object {\"every\": N, \"add\": A} or"
                    + " {\"every\": N, \"factor\": F}");
        }
        ObjectNode go = (ObjectNode) g;
        unknown(go, "growth.", Set.of("every", "add", "factor"));
        return new Prototype.Growth(base, integer(go, "growth.", "every", 1, 1, 64),
                integer(go, "growth.", "add", 0, 0, 4096), number(go, "growth.", "factor", 1.0, 1.0, 16.0));
    }

    private static List<Integer> listedFilters(ObjectNode root, int blocks) throws PrototypeException {
        List<Integer> out = intList(root.get("filters"), "filters", 1, 4096);
        if (out.size() != blocks) {
            throw new PrototypeException(null, "filters", "lists " + out.size() + " values for " + blocks + " blocks");
        }
        return List.copyOf(out);
    }

    private static List<Integer> grown(Prototype.Growth g, int blocks) throws PrototypeException {
        List<Integer> out = new ArrayList<>();
        for (int b = 0; b < blocks; b++) {
            int stage = b / g.every();
            long c = Math.round(g.base() * Math.pow(g.factor(), stage)) + (long) g.add() * stage;
            if (c > 4096) {
                throw new PrototypeException(null, "growth", "block " + (b + 1) + " would have " + c
                        + " filters (at most 4096)");
            }
            out.add((int) c);
        }
        return List.copyOf(out);
    }

    private static List<Integer> kernels(ObjectNode root, int blocks) throws PrototypeException {
        JsonNode k = root.get("kernel_size");
        if (k == null || k.isNull()) {
            return java.util.Collections.nCopies(blocks, 7);
        }
        if (k.isArray()) {
            List<Integer> out = intList(k, "kernel_size", 1, 255);
            if (out.size() != blocks) {
                throw new PrototypeException(null, "kernel_size", "lists " + out.size() + " values for " + blocks
                        + " blocks (or give one number for all)");
            }
            return List.copyOf(out);
        }
        return java.util.Collections.nCopies(blocks, integer(root, "kernel_size", 7, 1, 255));
    }

    private static Prototype.Reduction reduction(JsonNode n, Prototype.Family family) throws PrototypeException {
        int every = family == Prototype.Family.RESNET1D ? 2 : 0;
        if (n == null || n.isNull()) {
            return new Prototype.Reduction(every, 2, Prototype.Shortcut.CONV);
        }
        if (!n.isObject()) {
            throw new PrototypeException(null, "reduction", "must be an object {\"every\": N, \"factor\": F,"
                    + " \"shortcut\": \"conv|max|avg\"}");
        }
        ObjectNode o = (ObjectNode) n;
        unknown(o, "reduction.", Set.of("every", "factor", "shortcut"));
        return new Prototype.Reduction(integer(o, "reduction.", "every", every, 0, 64),
                integer(o, "reduction.", "factor", 2, 1, 16),
                Prototype.Shortcut.valueOf(oneOf(o, "reduction.", "shortcut", "conv", List.of("conv", "max", "avg"))
                        .toUpperCase(Locale.ROOT)));
    }

    private static Prototype.Input input(JsonNode n) throws PrototypeException {
        if (n == null || !n.isObject()) {
            throw new PrototypeException(null, "input", "required: {\"seconds\": S, \"fs\": HZ, \"channels\":"
                    + " [\"raw\", ...]}");
        }
        ObjectNode o = (ObjectNode) n;
        unknown(o, "input.", Set.of("seconds", "fs", "channels"));
        double seconds = number(o, "input.", "seconds", Double.NaN, 0.5, 3600.0);
        double fs = number(o, "input.", "fs", Double.NaN, 50.0, 10_000.0);
        JsonNode chNode = o.get("channels");
        List<String> channels = chNode == null ? List.of("raw") : stringList(chNode, "input.channels");
        if (channels.isEmpty()) {
            throw new PrototypeException(null, "input.channels", "needs at least one channel of "
                    + String.join(", ", Prototype.CHANNELS));
        }
        for (int i = 0; i < channels.size(); i++) {
            if (!Prototype.CHANNELS.contains(channels.get(i))) {
                throw new PrototypeException(null, "input.channels[" + i + "]", "unknown channel \""
                        + channels.get(i) + "\"; known: " + String.join(", ", Prototype.CHANNELS));
            }
        }
        unique(channels, "input.channels");
        return new Prototype.Input(seconds, fs, List.copyOf(channels));
    }

    private static Prototype.Optimizer optimizer(JsonNode n) throws PrototypeException {
        if (n == null || n.isNull()) {
            return new Prototype.Optimizer("adam", 1e-3, 0.9, 0, new Prototype.Schedule("constant", 1, 1));
        }
        if (!n.isObject()) {
            throw new PrototypeException(null, "optimizer", "must be an object {\"name\": \"adam\", \"learning_rate\": 0.001, ...}");
        }
        ObjectNode o = (ObjectNode) n;
        unknown(o, "optimizer.", Set.of("name", "learning_rate", "momentum", "weight_decay", "schedule"));
        String name = oneOf(o, "optimizer.", "name", "adam", List.of("adam", "adamw", "sgd", "nesterovs"));
        double lr = number(o, "optimizer.", "learning_rate", 1e-3, 1e-8, 10.0);
        double momentum = number(o, "optimizer.", "momentum", 0.9, 0.0, 0.999);
        double decay = number(o, "optimizer.", "weight_decay", 0.0, 0.0, 1.0);
        Prototype.Schedule schedule = new Prototype.Schedule("constant", 1, 1);
        JsonNode s = o.get("schedule");
        if (s != null && !s.isNull()) {
            if (!s.isObject()) {
                throw new PrototypeException(null, "optimizer.schedule", "must be an object {\"type\": \"constant|step|exponential|cosine\", ...}");
            }
            ObjectNode so = (ObjectNode) s;
            unknown(so, "optimizer.schedule.", Set.of("type", "decay", "every_epochs"));
            String type = oneOf(so, "optimizer.schedule.", "type", "constant",
                    List.of("constant", "step", "exponential", "cosine"));
            schedule = new Prototype.Schedule(type, number(so, "optimizer.schedule.", "decay", 0.1, 1e-6, 1.0),
                    integer(so, "optimizer.schedule.", "every_epochs", 10, 1, 100_000));
        }
        return new Prototype.Optimizer(name, lr, momentum, decay, schedule);
    }

    private static Prototype.ClassWeights classWeights(JsonNode n, List<String> classes) throws PrototypeException {
        if (n == null || n.isNull()) {
            return new Prototype.ClassWeights("none", List.of());
        }
        if (n.isTextual()) {
            String mode = n.asText();
            if (!mode.equals("none") && !mode.equals("balanced")) {
                throw new PrototypeException(null, "class_weights", "must be \"none\", \"balanced\" or a list of"
                        + " numbers, got \"" + mode + "\"");
            }
            return new Prototype.ClassWeights(mode, List.of());
        }
        if (!n.isArray()) {
            throw new PrototypeException(null, "class_weights", "must be \"none\", \"balanced\" or a list of numbers");
        }
        List<Double> w = new ArrayList<>();
        for (int i = 0; i < n.size(); i++) {
            JsonNode e = n.get(i);
            if (!e.isNumber() || !(e.asDouble() > 0) || Double.isInfinite(e.asDouble())) {
                throw new PrototypeException(null, "class_weights[" + i + "]", "must be a positive number, got " + e);
            }
            w.add(e.asDouble());
        }
        if (classes.isEmpty() || w.size() != classes.size()) {
            throw new PrototypeException(null, "class_weights", "lists " + w.size() + " weights; give one per class"
                    + " and list the classes (field \"classes\")" + (classes.isEmpty() ? "" : ", " + classes.size()));
        }
        return new Prototype.ClassWeights("listed", List.copyOf(w));
    }

    // ---- field helpers: each names the field on refusal ----

    private static void unknown(ObjectNode o, String prefix, Set<String> known) throws PrototypeException {
        Iterator<String> it = o.fieldNames();
        while (it.hasNext()) {
            String f = it.next();
            if (!known.contains(f)) {
                throw new PrototypeException(null, prefix + f, "unknown field; known: " + String.join(", ",
                        new java.util.TreeSet<>(known)));
            }
        }
    }

    private static String text(ObjectNode o, String f, String def) throws PrototypeException {
        return text(o, f, "", def);
    }

    private static String text(ObjectNode o, String f, String prefix, String def) throws PrototypeException {
        JsonNode n = o.get(f);
        if (n == null || n.isNull()) {
            if (def == null) {
                throw new PrototypeException(null, prefix + f, "required");
            }
            return def;
        }
        if (!n.isTextual() || n.asText().isBlank()) {
            throw new PrototypeException(null, prefix + f, "must be a non-empty string, got " + n);
        }
        return n.asText();
    }

    private static String oneOf(ObjectNode o, String prefix, String f, String def, List<String> allowed)
            throws PrototypeException {
        String v = text(o, f, prefix, def);
        if (!allowed.contains(v)) {
            throw new PrototypeException(null, prefix + f, "must be one of " + String.join(", ", allowed)
                    + ", got \"" + v + "\"");
        }
        return v;
    }

    private static <E extends Enum<E>> E enumOf(Class<E> type, ObjectNode o, String f, E def) throws PrototypeException {
        List<String> allowed = new ArrayList<>();
        for (E e : type.getEnumConstants()) {
            allowed.add(e.name().toLowerCase(Locale.ROOT));
        }
        String v = oneOf(o, "", f, def == null ? null : def.name().toLowerCase(Locale.ROOT), allowed);
        return Enum.valueOf(type, v.toUpperCase(Locale.ROOT));
    }

    private static int integer(ObjectNode o, String f, int def, int min, int max) throws PrototypeException {
        return integer(o, "", f, def, min, max);
    }

    private static int integer(ObjectNode o, String prefix, String f, int def, int min, int max)
            throws PrototypeException {
        JsonNode n = o.get(f);
        if (n == null || n.isNull()) {
            return def;
        }
        if (!n.isIntegralNumber() || n.asLong() < min || n.asLong() > max) {
            throw new PrototypeException(null, prefix + f, "must be an integer in [" + min + ", " + max + "], got " + n);
        }
        return n.asInt();
    }

    private static long longValue(ObjectNode o, String f) throws PrototypeException {
        JsonNode n = o.get(f);
        if (!n.isIntegralNumber() || !n.canConvertToLong()) {
            throw new PrototypeException(null, f, "must be an integer, got " + n);
        }
        return n.asLong();
    }

    private static double number(ObjectNode o, String f, double def, double min, double max) throws PrototypeException {
        return number(o, "", f, def, min, max);
    }

    private static double number(ObjectNode o, String prefix, String f, double def, double min, double max)
            throws PrototypeException {
        JsonNode n = o.get(f);
        if (n == null || n.isNull()) {
            if (Double.isNaN(def)) {
                throw new PrototypeException(null, prefix + f, "required: a number in [" + min + ", " + max + "]");
            }
            return def;
        }
        double v = n.asDouble();
        if (!n.isNumber() || !(v >= min && v <= max) || (f.equals("dropout") && v >= max)) {
            throw new PrototypeException(null, prefix + f, "must be a number in [" + min + ", " + max
                    + (f.equals("dropout") ? ")" : "]") + ", got " + n);
        }
        return v;
    }

    private static boolean bool(ObjectNode o, String f, boolean def) throws PrototypeException {
        JsonNode n = o.get(f);
        if (n == null || n.isNull()) {
            return def;
        }
        if (!n.isBoolean()) {
            throw new PrototypeException(null, f, "must be true or false, got " + n);
        }
        return n.asBoolean();
    }

    private static List<String> strings(ObjectNode o, String f, List<String> def) throws PrototypeException {
        JsonNode n = o.get(f);
        return n == null || n.isNull() ? def : stringList(n, f);
    }

    private static List<String> stringList(JsonNode n, String field) throws PrototypeException {
        if (!n.isArray()) {
            throw new PrototypeException(null, field, "must be a list of strings, got " + n);
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n.size(); i++) {
            if (!n.get(i).isTextual() || n.get(i).asText().isBlank()) {
                throw new PrototypeException(null, field + "[" + i + "]", "must be a non-empty string, got " + n.get(i));
            }
            out.add(n.get(i).asText());
        }
        return List.copyOf(out);
    }

    private static List<Integer> intList(JsonNode n, String field, int min, int max) throws PrototypeException {
        if (!n.isArray() || n.isEmpty()) {
            throw new PrototypeException(null, field, "must be a non-empty list of integers, got " + n);
        }
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < n.size(); i++) {
            JsonNode e = n.get(i);
            if (!e.isIntegralNumber() || e.asLong() < min || e.asLong() > max) {
                throw new PrototypeException(null, field + "[" + i + "]", "must be an integer in [" + min + ", "
                        + max + "], got " + e);
            }
            out.add(e.asInt());
        }
        return out;
    }

    private static void unique(List<String> values, String field) throws PrototypeException {
        Set<String> seen = new LinkedHashSet<>();
        for (int i = 0; i < values.size(); i++) {
            if (!seen.add(values.get(i))) {
                throw new PrototypeException(null, field + "[" + i + "]", "\"" + values.get(i) + "\" is listed twice");
            }
        }
    }
}
