package org.ecgworkbench.engine.train;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.ecgworkbench.engine.dataset.Dataset;
import org.ecgworkbench.engine.dataset.Split;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * An external classifier for the suggestion entry: a small multilayer perceptron (DL4J) on the dataset's
 * hand-crafted features (RR/HRV, spectra, quality). Suggestions must never come from a model that saw the record's
 * label, or the network learns to trust them more than they deserve: training items get out-of-fold probabilities
 * (k-fold cross-fitting over the training split, folds stratified and seeded), test items the probabilities of a
 * model fitted on the whole training split.
 */
public final class FeatureClassifier {

    /** Full-batch Adam epochs per fit. */
    static final int EPOCHS = 400;

    private FeatureClassifier() {
    }

    /** Probabilities [item][class, in dataset class order] for every item of the dataset. */
    public static double[][] suggestions(Dataset ds, List<String> featureNames, int folds, long seed) {
        if (folds < 2) {
            throw new IllegalArgumentException("folds must be at least 2, got " + folds);
        }
        int n = ds.size();
        int k = ds.classNames().size();
        List<Integer> train = new ArrayList<>();
        List<Integer> test = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            (ds.split(i) == Split.TRAIN ? train : test).add(i);
        }
        int[] trainItems = train.stream().mapToInt(Integer::intValue).toArray();
        int[] fold = stratifiedFolds(ds, trainItems, folds, seed);
        double[][] out = new double[n][];
        Items items = Items.of(ds);
        for (int f = 0; f < folds; f++) {
            int ff = f;
            int[] fit = java.util.stream.IntStream.range(0, trainItems.length).filter(j -> fold[j] != ff)
                    .map(j -> trainItems[j]).toArray();
            int[] held = java.util.stream.IntStream.range(0, trainItems.length).filter(j -> fold[j] == ff)
                    .map(j -> trainItems[j]).toArray();
            predictInto(out, items, ds, featureNames, fit, held, k, seed + f);
        }
        predictInto(out, items, ds, featureNames, trainItems, test.stream().mapToInt(Integer::intValue).toArray(), k,
                seed + folds);
        return out;
    }

    private static void predictInto(double[][] out, Items items, Dataset ds, List<String> names, int[] fit,
                                    int[] predict, int k, long seed) {
        FeatureScaler scaler = FeatureScaler.fit(items, names, fit);
        int[] cols = FeatureScaler.columns(items.featureNames(), names);
        MultiLayerNetwork net = network(names.size(), k, seed);
        INDArray x = matrix(items, scaler, cols, fit);
        INDArray y = Nd4j.zeros(DataType.FLOAT, fit.length, k);
        for (int r = 0; r < fit.length; r++) {
            y.putScalar(r, ds.label(fit[r]), 1);
        }
        for (int e = 0; e < EPOCHS; e++) {
            net.fit(x, y);
        }
        if (predict.length == 0) {
            return;
        }
        INDArray p = net.output(matrix(items, scaler, cols, predict), false);
        for (int r = 0; r < predict.length; r++) {
            out[predict[r]] = p.getRow(r).toDoubleVector();
        }
    }

    private static MultiLayerNetwork network(int in, int k, long seed) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(seed).dataType(DataType.FLOAT)
                .updater(new Adam(3e-3)).weightInit(WeightInit.XAVIER).l2(1e-4).list()
                .layer(new DenseLayer.Builder().nIn(in).nOut(32).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(32).nOut(k)
                        .activation(Activation.SOFTMAX).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    private static INDArray matrix(Items items, FeatureScaler scaler, int[] cols, int[] which) {
        float[] m = new float[which.length * cols.length];
        for (int r = 0; r < which.length; r++) {
            System.arraycopy(scaler.apply(items.features(which[r]), cols), 0, m, r * cols.length, cols.length);
        }
        return Nd4j.create(m, new long[] {which.length, cols.length}, 'c');
    }

    /** Fold of every training item: within each class, a seeded shuffle dealt round-robin. */
    static int[] stratifiedFolds(Dataset ds, int[] items, int folds, long seed) {
        int[] fold = new int[items.length];
        Random r = new Random(seed);
        for (int c = 0; c < ds.classNames().size(); c++) {
            List<Integer> idx = new ArrayList<>();
            for (int j = 0; j < items.length; j++) {
                if (ds.label(items[j]) == c) {
                    idx.add(j);
                }
            }
            java.util.Collections.shuffle(idx, r);
            for (int t = 0; t < idx.size(); t++) {
                fold[idx.get(t)] = t % folds;
            }
        }
        return fold;
    }

    /** Writes suggestions as CSV "record,CLASS1,...": the format the suggestion entry reads. */
    public static void write(Dataset ds, double[][] probs, Path out) throws IOException {
        StringBuilder sb = new StringBuilder("record," + String.join(",", ds.classNames()) + "\n");
        for (int i = 0; i < ds.size(); i++) {
            sb.append(ds.recordName(i));
            for (double v : probs[i]) {
                sb.append(String.format(Locale.ROOT, ",%.6f", Math.min(1, Math.max(0, v))));
            }
            sb.append('\n');
        }
        RunFiles.writeAtomically(out, sb.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** Feature names used by default: all of the dataset's but the sampling frequency (constant within a dataset). */
    public static List<String> defaultFeatures(Dataset ds) {
        List<String> names = new ArrayList<>(ds.featureNames());
        names.remove("fs_hz");
        return names;
    }
}
