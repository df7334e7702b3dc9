package org.ecgworkbench.engine.queue;

import java.util.ArrayList;
import java.util.List;

/**
 * A hyper-parameter grid: {@code key=v1,v2,...} axes whose cartesian product expands one prototype into several runs.
 * Commas inside brackets, braces or quotes belong to the value, so list values work: {@code filters=[8,16],[16,32]}.
 */
public final class Grid {

    private final List<String> keys = new ArrayList<>();
    private final List<List<String>> values = new ArrayList<>();

    private Grid() {
    }

    /** Parses the axes (each "key=v1,v2,..."); an empty list gives the one-point grid. */
    public static Grid parse(List<String> axes) throws QueueException {
        Grid g = new Grid();
        for (String axis : axes) {
            int eq = axis.indexOf('=');
            if (eq <= 0) {
                throw new QueueException(null, "--grid wants KEY=V1,V2,..., got \"" + axis + "\"");
            }
            String key = axis.substring(0, eq).trim();
            if (g.keys.contains(key)) {
                throw new QueueException(null, "--grid names " + key + " twice");
            }
            List<String> vs = splitTopLevel(axis.substring(eq + 1), axis);
            g.keys.add(key);
            g.values.add(vs);
        }
        return g;
    }

    /** Number of grid points (product of the axis lengths). */
    public int size() {
        int n = 1;
        for (List<String> v : values) {
            n *= v.size();
        }
        return n;
    }

    /** Every grid point, the first axis varying slowest; each point lists one setting per axis, in axis order. */
    public List<List<Setting>> points() {
        List<List<Setting>> out = new ArrayList<>();
        out.add(List.of());
        for (int a = 0; a < keys.size(); a++) {
            List<List<Setting>> next = new ArrayList<>();
            for (List<Setting> prefix : out) {
                for (String v : values.get(a)) {
                    List<Setting> p = new ArrayList<>(prefix);
                    p.add(new Setting(keys.get(a), v));
                    next.add(List.copyOf(p));
                }
            }
            out = next;
        }
        return out;
    }

    // Splits on commas that are not nested in [], {} or "": list and object values stay whole.
    private static List<String> splitTopLevel(String s, String axis) throws QueueException {
        List<String> out = new ArrayList<>();
        int depth = 0;
        boolean quoted = false;
        int start = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' && (i == 0 || s.charAt(i - 1) != '\\')) {
                quoted = !quoted;
            } else if (!quoted && (c == '[' || c == '{')) {
                depth++;
            } else if (!quoted && (c == ']' || c == '}')) {
                depth--;
                if (depth < 0) {
                    throw new QueueException(null, "--grid " + axis + ": unbalanced '" + c + "' at character " + i);
                }
            } else if (!quoted && depth == 0 && c == ',') {
                out.add(s.substring(start, i).trim());
                start = i + 1;
            }
        }
        if (quoted || depth != 0) {
            throw new QueueException(null, "--grid " + axis + ": unclosed " + (quoted ? "quote" : "bracket"));
        }
        out.add(s.substring(start).trim());
        for (String v : out) {
            if (v.isEmpty()) {
                throw new QueueException(null, "--grid " + axis + ": empty value (two commas, or one at an end)");
            }
        }
        return out;
    }
}
