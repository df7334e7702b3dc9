package org.ecgworkbench.app.gui;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

import org.ecgworkbench.engine.record.Record;
import org.ecgworkbench.engine.serve.Classification;
import org.ecgworkbench.engine.serve.InferenceService;
import org.ecgworkbench.engine.serve.InvalidInputException;

/**
 * "Classify this recording": the same in-process {@link InferenceService} that {@code serve} runs, loaded once per
 * model and kept resident, so the second recording is answered in milliseconds.
 */
final class ClassifyAction implements AutoCloseable {

    private InferenceService service;

    /** Classifies record with the model of runDir, loading it first if it is not the resident one (blocking). */
    synchronized Classification classify(Path runDir, Record record) throws IOException, InvalidInputException {
        if (service == null || !service.runDir().toAbsolutePath().equals(runDir.toAbsolutePath())) {
            close();
            service = InferenceService.load(runDir, InferenceService.DEFAULT_COPIES);
        }
        return service.classify(record);
    }

    /** A one-paragraph text of a classification, probabilities per class in percent. */
    static String describe(Record record, Classification c) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%s: %s%n%n", record.name(), c.label()));
        for (int k = 0; k < c.classes().size(); k++) {
            sb.append(String.format(Locale.ROOT, "  %-3s %5.1f %%%n", c.classes().get(k), 100 * c.probabilities()[k]));
        }
        sb.append(String.format(Locale.ROOT, "%n%d R peaks, heart rate %.0f bpm%nmodel %s, %.1f ms in the service",
                c.rPeaks().length, c.heartRateBpm(), c.model(), c.latencyMs()));
        return sb.toString();
    }

    @Override
    public synchronized void close() {
        if (service != null) {
            service.close();
            service = null;
        }
    }
}
