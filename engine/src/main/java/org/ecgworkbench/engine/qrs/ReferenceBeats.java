package org.ecgworkbench.engine.qrs;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.ecgworkbench.engine.record.Annotation;

/**
 * What a reference annotation file says for QRS scoring: the beat positions, and the episodes of ventricular
 * flutter or fibrillation (between "[" and "]" annotations), which bxb, following ANSI/AAMI EC38, leaves out
 * of QRS detection statistics because their waves are not beats.
 *
 * @param beats    sample indices of the beat annotations (N L R B A a J S V r F e j n E / f Q ?), ascending
 * @param vfStarts first sample of each flutter/fibrillation episode
 * @param vfEnds   last sample of each episode (the record's end when it has no "]")
 */
public record ReferenceBeats(long[] beats, long[] vfStarts, long[] vfEnds) {

    /** Beats without flutter episodes, e.g. for generated signals. */
    public static ReferenceBeats of(long[] beats) {
        long[] b = beats.clone();
        Arrays.sort(b);
        return new ReferenceBeats(b, new long[0], new long[0]);
    }

    /** The beats and flutter/fibrillation episodes of an annotation list. */
    public static ReferenceBeats of(List<Annotation> annotations) {
        List<Annotation> sorted = new ArrayList<>(annotations);
        sorted.sort((a, b) -> Long.compare(a.sample(), b.sample()));
        long[] beats = sorted.stream().filter(Annotation::isBeat).mapToLong(Annotation::sample).toArray();
        List<long[]> episodes = new ArrayList<>();
        long open = -1;
        for (Annotation a : sorted) {
            if ("[".equals(a.symbol()) && open < 0) {
                open = a.sample();
            } else if ("]".equals(a.symbol()) && open >= 0) {
                episodes.add(new long[] {open, a.sample()});
                open = -1;
            }
        }
        if (open >= 0) {
            episodes.add(new long[] {open, Long.MAX_VALUE});
        }
        return new ReferenceBeats(beats, episodes.stream().mapToLong(e -> e[0]).toArray(),
                episodes.stream().mapToLong(e -> e[1]).toArray());
    }

    /** Whether a sample lies within a flutter/fibrillation episode. */
    public boolean inFlutter(long sample) {
        for (int i = 0; i < vfStarts.length; i++) {
            if (sample >= vfStarts[i] && sample <= vfEnds[i]) {
                return true;
            }
        }
        return false;
    }
}
