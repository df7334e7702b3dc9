package org.ecgworkbench.engine.serve;

import org.ecgworkbench.engine.qrs.QrsDetection;
import org.ecgworkbench.engine.record.Record;

/**
 * One recording as the service hands it to a classifier: checked (model rate, finite, long enough for QRS detection),
 * the lead the model was trained on picked, and its R peaks detected once (the answer's rpeaks, and the features).
 *
 * @param record    the whole recording (other leads feed the lead-agreement feature)
 * @param lead      the lead classified (0-based)
 * @param mV        that lead's samples in mV
 * @param detection Pan-Tompkins on that lead
 */
public record LeadSignal(Record record, int lead, double[] mV, QrsDetection detection) {
}
