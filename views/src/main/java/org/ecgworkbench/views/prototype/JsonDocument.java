package org.ecgworkbench.views.prototype;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

/**
 * The prototype being edited as a JSON tree (field order kept), with dotted-path access and the conversions between
 * a form field's text and its JSON value. The tree, not a {@code Prototype}, is the editor's model: it keeps what the
 * user wrote (fields left at their defaults stay absent, the description survives) and may be invalid while typing.
 */
final class JsonDocument {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final int LINE = 100;

    private JsonDocument() {
    }

    /** The JSON object in text, or empty when the text is not a JSON object. */
    static Optional<ObjectNode> parseObject(String text) {
        try {
            JsonNode n = MAPPER.readTree(text);
            return n != null && n.isObject() ? Optional.of((ObjectNode) n) : Optional.empty();
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }

    /** The value at a dotted path ("optimizer.schedule.type"), or null when absent. */
    static JsonNode get(ObjectNode root, String path) {
        JsonNode at = root;
        for (String part : path.split("\\.")) {
            if (at == null || !at.isObject()) {
                return null;
            }
            at = at.get(part);
        }
        return at;
    }

    /** Sets the value at a dotted path, creating the objects on the way; a null value removes the field. */
    static void set(ObjectNode root, String path, JsonNode value) {
        String[] parts = path.split("\\.");
        ObjectNode at = root;
        for (int i = 0; i < parts.length - 1; i++) {
            JsonNode next = at.get(parts[i]);
            if (next == null || !next.isObject()) {
                if (value == null) {
                    return;
                }
                next = at.putObject(parts[i]);
            }
            at = (ObjectNode) next;
        }
        if (value == null) {
            at.remove(parts[parts.length - 1]);
        } else {
            at.set(parts[parts.length - 1], value);
        }
    }

    /** How a field's text becomes JSON. */
    enum Conversion {
        /** Free text: a string; empty removes the field. */
        TEXT,
        /** One JSON value (number, boolean), else the text as a string for the engine to refuse by name. */
        SCALAR,
        /** Comma-separated numbers: a list. */
        NUMBERS,
        /** One value, or comma-separated values as a list (kernel_size). */
        SCALAR_OR_LIST,
        /** Comma-separated names: a list of strings (empty text: an empty list). */
        STRINGS
    }

    /** The JSON value a field's text stands for (null: leave the field out, so the engine's default applies). */
    static JsonNode fromText(String text, Conversion conversion) {
        String t = text == null ? "" : text.strip();
        switch (conversion) {
            case TEXT:
                return t.isEmpty() ? null : new TextNode(text);
            case STRINGS: {
                ArrayNode a = NODES.arrayNode();
                if (!t.isEmpty()) {
                    for (String s : t.split(",", -1)) {
                        a.add(s.strip());
                    }
                }
                return a;
            }
            case SCALAR_OR_LIST:
                return fromText(text, t.contains(",") ? Conversion.NUMBERS : Conversion.SCALAR);
            case NUMBERS:
                if (t.isEmpty()) {
                    return null;
                }
                return readOr("[" + t + "]", t);
            case SCALAR:
            default:
                if (t.isEmpty()) {
                    return null;
                }
                JsonNode v = readOr(t, t);
                // A bare word ("abc") is not JSON; it goes on as text so that the engine names the field and the rule.
                return v.isContainerNode() ? new TextNode(t) : v;
        }
    }

    private static JsonNode readOr(String json, String fallback) {
        try {
            JsonNode v = MAPPER.readTree(json);
            return v == null ? new TextNode(fallback) : v;
        } catch (JsonProcessingException e) {
            return new TextNode(fallback);
        }
    }

    /** A field's text for a JSON value: scalars as written, lists comma-separated, absent or null as "". */
    static String toText(JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return "";
        }
        if (value.isArray()) {
            StringBuilder sb = new StringBuilder();
            for (JsonNode e : value) {
                if (!sb.isEmpty()) {
                    sb.append(", ");
                }
                sb.append(e.isTextual() ? e.asText() : e.toString());
            }
            return sb.toString();
        }
        return value.isTextual() ? value.asText() : value.toString();
    }

    /**
     * The tree as the templates are written: one top-level field per line, small objects and lists on that line,
     * long lists wrapped. Own printer because Jackson's pretty printer puts every nested field on its own line,
     * which makes a prototype three times as long and hard to compare with the templates.
     */
    static String print(ObjectNode root) {
        StringBuilder sb = new StringBuilder("{\n");
        Iterator<Map.Entry<String, JsonNode>> it = root.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            String key = "  " + quote(e.getKey()) + ": ";
            sb.append(key).append(compact(e.getValue(), key.length()));
            sb.append(it.hasNext() ? ",\n" : "\n");
        }
        return sb.append("}\n").toString();
    }

    private static String compact(JsonNode n, int indent) {
        if (n.isObject()) {
            StringBuilder sb = new StringBuilder("{");
            Iterator<Map.Entry<String, JsonNode>> it = n.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                sb.append(quote(e.getKey())).append(": ").append(compact(e.getValue(), indent));
                if (it.hasNext()) {
                    sb.append(", ");
                }
            }
            return sb.append('}').toString();
        }
        if (n.isArray()) {
            StringBuilder sb = new StringBuilder("[");
            int column = indent + 1;
            for (int i = 0; i < n.size(); i++) {
                String item = compact(n.get(i), indent + 1);
                if (i > 0) {
                    if (column + 2 + item.length() + 2 > LINE) {
                        sb.append(",\n").append(" ".repeat(indent + 1));
                        column = indent + 1;
                    } else {
                        sb.append(", ");
                        column += 2;
                    }
                }
                sb.append(item);
                column += item.length();
            }
            return sb.append(']').toString();
        }
        return n.toString();
    }

    private static String quote(String s) {
        return new TextNode(s).toString();
    }
}
