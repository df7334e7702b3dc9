package org.ecgworkbench.engine.dataset;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.ecgworkbench.engine.record.Annotation;

/**
 * A stretch of one rhythm in a record, from the reference rhythm annotations: a rhythm annotation (symbol "+", aux
 * text "(" followed by the rhythm's name, as in MIT-BIH: "(N", "(AFIB", "(AFL", "(B", "(VT", ...) starts a rhythm
 * that holds until the next rhythm annotation or the end of the record.
 *
 * @param rhythm the rhythm's name, the aux text without its "(" (e.g. "AFIB")
 * @param start  first sample of the episode (0-based sample index)
 * @param end    sample after the last one (exclusive), at most the record's length in samples
 */
public record RhythmEpisode(String rhythm, int start, int end) {

    /** The compact constructor keeps start and end ordered. */
    public RhythmEpisode {
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("episode [" + start + ", " + end + ") is not a sample range");
        }
    }

    /** Length of the episode in samples. */
    public int samples() {
        return end - start;
    }

    /**
     * The rhythm named by an annotation: "+" with aux text "(NAME" gives NAME (aux trimmed of white space and NUL
     * bytes, which some files pad it with); any other annotation, or "(" alone, gives nothing.
     */
    public static Optional<String> rhythmOf(Annotation a) {
        if (!"+".equals(a.symbol()) || a.aux() == null) {
            return Optional.empty();
        }
        String aux = a.aux().replace("\0", "").strip();
        if (!aux.startsWith("(") || aux.length() < 2) {
            return Optional.empty();
        }
        return Optional.of(aux.substring(1).strip());
    }

    /**
     * The rhythm episodes of a record of the given length in samples, in time order. Samples before the first
     * rhythm annotation have no rhythm and belong to no episode. Consecutive annotations of the same rhythm extend
     * one episode (the rhythm did not change); annotations at or beyond the record's end are ignored, and of
     * several at one sample the last one holds.
     */
    public static List<RhythmEpisode> of(List<Annotation> annotations, int samples) {
        List<Annotation> sorted = new ArrayList<>(annotations);
        // stable: annotations at one sample keep their file order, so the last one written holds
        sorted.sort((x, y) -> Long.compare(x.sample(), y.sample()));
        List<RhythmEpisode> out = new ArrayList<>();
        String rhythm = null;
        int start = 0;
        for (Annotation a : sorted) {
            Optional<String> r = rhythmOf(a);
            if (r.isEmpty() || a.sample() < 0 || a.sample() >= samples) {
                continue;
            }
            int at = (int) a.sample();
            if (r.get().equals(rhythm)) {
                continue;
            }
            if (rhythm != null && at > start) {
                out.add(new RhythmEpisode(rhythm, start, at));
            }
            rhythm = r.get();
            start = at;
        }
        if (rhythm != null && samples > start) {
            out.add(new RhythmEpisode(rhythm, start, samples));
        }
        return merged(out);
    }

    /** Joins neighbours of the same rhythm (left when a zero-length episode between them was dropped). */
    private static List<RhythmEpisode> merged(List<RhythmEpisode> episodes) {
        List<RhythmEpisode> out = new ArrayList<>();
        for (RhythmEpisode e : episodes) {
            RhythmEpisode last = out.isEmpty() ? null : out.get(out.size() - 1);
            if (last != null && last.rhythm().equals(e.rhythm()) && last.end() == e.start()) {
                out.set(out.size() - 1, new RhythmEpisode(e.rhythm(), last.start(), e.end()));
            } else {
                out.add(e);
            }
        }
        return List.copyOf(out);
    }
}
