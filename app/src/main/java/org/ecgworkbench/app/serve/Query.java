package org.ecgworkbench.app.serve;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/** The query parameters of a request URI, and typed access that answers 400 with the reason. */
final class Query {

    private final Map<String, String> values;

    private Query(Map<String, String> values) {
        this.values = values;
    }

    /** Parses a raw (still percent-encoded) query string; null or empty gives no parameters. */
    static Query parse(String raw) throws HttpError {
        Map<String, String> v = new HashMap<>();
        if (raw != null && !raw.isEmpty()) {
            for (String pair : raw.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                try {
                    String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                    String val = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                    v.put(k, val);
                } catch (IllegalArgumentException e) {
                    throw HttpError.badRequest("malformed query parameter '" + pair + "': " + e.getMessage());
                }
            }
        }
        return new Query(v);
    }

    /** The value of name, or null. */
    String get(String name) {
        return values.get(name);
    }

    /** A positive finite number (e.g. fs in Hz), def when absent. */
    double positive(String name, double def) throws HttpError {
        String s = values.get(name);
        if (s == null) {
            return def;
        }
        double v;
        try {
            v = Double.parseDouble(s.strip());
        } catch (NumberFormatException e) {
            throw HttpError.badRequest(name + "=" + s + ": not a number");
        }
        if (!(v > 0) || Double.isInfinite(v)) {
            throw HttpError.badRequest(name + "=" + s + ": must be a positive finite number");
        }
        return v;
    }

    /** Whether name is given as true (or with no value). */
    boolean flag(String name) {
        String s = values.get(name);
        return s != null && (s.isEmpty() || s.equalsIgnoreCase("true") || s.equals("1"));
    }
}
