package org.ecgworkbench.engine.train;

import java.util.List;
import org.ecgworkbench.engine.dataset.Dataset;

/** What a batch is assembled from: recordings (one lead, mV), their fixed features and names, at one rate. */
public interface Items {

    /** Sampling frequency of every item, in Hz. */
    double fs();

    /** The signal of item i in mV. */
    float[] signal(int i);

    /** The feature vector of item i, in {@link #featureNames()} order. */
    double[] features(int i);

    /** Names of the features. */
    List<String> featureNames();

    /** Name of item i (the key of its suggestion). */
    String name(int i);

    /** Name of the recording item i comes from (itself, or the source record of a window). */
    String source(int i);

    /** Number of items. */
    int size();

    /** Items of a packed dataset. */
    static Items of(Dataset ds) {
        if (Double.isNaN(ds.fs())) {
            throw new IllegalArgumentException(ds.file() + ": recordings at several sampling frequencies; a network"
                    + " takes one (records are never resampled)");
        }
        return new Items() {
            @Override
            public double fs() {
                return ds.fs();
            }

            @Override
            public float[] signal(int i) {
                return ds.signal(i);
            }

            @Override
            public double[] features(int i) {
                return ds.features(i);
            }

            @Override
            public List<String> featureNames() {
                return ds.featureNames();
            }

            @Override
            public String name(int i) {
                return ds.recordName(i);
            }

            @Override
            public String source(int i) {
                return ds.source(i);
            }

            @Override
            public int size() {
                return ds.size();
            }
        };
    }
}
