package org.ecgworkbench.engine.record;

/**
 * One WFDB annotation (annotation(5)).
 *
 * @param sample  position, as a 0-based sample index of the record
 * @param symbol  the WFDB mnemonic of the annotation code, e.g. "N", "V", "+"
 * @param subtype the subtype field (0 unless set)
 * @param channel the signal number it refers to
 * @param num     the num field, free for the annotator's use
 * @param aux     the auxiliary text, e.g. "(AFIB" for a rhythm change, or "" when absent
 */
public record Annotation(long sample, String symbol, int subtype, int channel, int num, String aux) {

    /** Whether this annotation labels a beat (WFDB's isqrs). */
    public boolean isBeat() {
        return AnnotationCode.isBeat(symbol);
    }

    /** Position in seconds from the start of the record, at the given sampling frequency in Hz. */
    public double seconds(double samplingFrequency) {
        return sample / samplingFrequency;
    }
}
