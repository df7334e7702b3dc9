package org.ecgworkbench.engine.qrs;

/**
 * The bxb scores of one record.
 *
 * @param record        record name, e.g. "100"
 * @param paced         whether it is one of the paced MIT-BIH records (reported apart)
 * @param whole         counts over the whole record
 * @param afterLearning counts with the 5-minute learning period skipped
 */
public record RecordScore(String record, boolean paced, BeatScore whole, BeatScore afterLearning) {

    /** Scores detections (sample indices) of a record against its reference beats at fs Hz with a tolerance in s. */
    public static RecordScore of(String record, ReferenceBeats reference, long[] detections, double fs,
                                 double toleranceSeconds) {
        long tol = Bxb.toleranceSamples(toleranceSeconds, fs);
        long start = Math.round(Bxb.LEARNING_PERIOD_S * fs);
        return new RecordScore(record, Bxb.PACED_MITDB.contains(record), Bxb.compare(reference, detections, tol, 0),
                Bxb.compare(reference, detections, tol, start));
    }

    /** The whole-record counts, or those after the learning period. */
    public BeatScore score(boolean skipLearning) {
        return skipLearning ? afterLearning : whole;
    }
}
