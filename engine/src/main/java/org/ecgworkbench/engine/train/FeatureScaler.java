package org.ecgworkbench.engine.train;

import java.util.ArrayList;
import java.util.List;

/**
 * Z-scores the fixed features a prototype selects, with means and standard deviations of the training items. A
 * feature that is NaN (e.g. no RR interval in a flat recording) enters the network as 0, the training mean; scaled
 * values are clipped to +-{@link #CLIP} so that one heavy-tailed feature (an LF/HF ratio of a noisy recording) cannot
 * swamp the rest.
 *
 * @param names the selected feature names, in input order
 * @param mean  training mean of each, NaN values ignored
 * @param std   training standard deviation of each (1 where it is 0 or undefined)
 */
public record FeatureScaler(List<String> names, double[] mean, double[] std) {

    /** Largest absolute scaled value. */
    public static final double CLIP = 5;

    /** Fits the scaler on the given items of a dataset. */
    public static FeatureScaler fit(Items ds, List<String> names, int[] items) {
        int[] cols = columns(ds.featureNames(), names);
        double[] mean = new double[cols.length];
        double[] std = new double[cols.length];
        for (int j = 0; j < cols.length; j++) {
            double s = 0;
            double ss = 0;
            int n = 0;
            for (int i : items) {
                double v = ds.features(i)[cols[j]];
                if (Double.isFinite(v)) {
                    s += v;
                    ss += v * v;
                    n++;
                }
            }
            mean[j] = n == 0 ? 0 : s / n;
            double var = n < 2 ? 0 : (ss - n * mean[j] * mean[j]) / (n - 1);
            std[j] = var > 1e-24 ? Math.sqrt(var) : 1;
        }
        return new FeatureScaler(List.copyOf(names), mean, std);
    }

    /** The scaled feature vector of one item. */
    public float[] apply(double[] allFeatures, int[] cols) {
        float[] out = new float[cols.length];
        for (int j = 0; j < cols.length; j++) {
            double v = allFeatures[cols[j]];
            out[j] = Double.isFinite(v) ? (float) Math.max(-CLIP, Math.min(CLIP, (v - mean[j]) / std[j])) : 0f;
        }
        return out;
    }

    /** Column of each named feature in the dataset's feature rows. */
    public static int[] columns(List<String> have, List<String> names) {
        int[] cols = new int[names.size()];
        List<String> missing = new ArrayList<>();
        for (int j = 0; j < cols.length; j++) {
            cols[j] = have.indexOf(names.get(j));
            if (cols[j] < 0) {
                missing.add(names.get(j));
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("the items have no feature " + String.join(", ", missing));
        }
        return cols;
    }
}
