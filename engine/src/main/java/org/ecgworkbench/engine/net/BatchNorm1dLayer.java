package org.ecgworkbench.engine.net;

import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.stream.IntStream;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.normalization.BatchNormalization;
import org.deeplearning4j.nn.params.BatchNormalizationParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The layer of {@link BatchNorm1d}: DL4J's batch norm semantics (batch statistics with the biased variance while
 * training; running mean and variance moved by {@code (1 - decay)} towards the batch's through DL4J's "gradient" of
 * those parameters, so that distributed training and checkpoints treat them as DL4J does), its training passes
 * computed on the rows [batch x channels, time] of float NCHW activations in Java: the forward pass reads x twice
 * (sums, then y = scale x + shift) and the backward pass reads e and x twice (sums, then dx), with sums in double.
 * ND4J ops need three to four times the passes for the same (no fused per-channel kernels; its variance reduction
 * and column broadcasts were measured 5-10x slower than its row reductions). Anything else (float64, log-std
 * statistics, locked gamma/beta, NHWC, rank 2), and inference, go to DL4J's layer.
 */
public final class BatchNorm1dLayer extends BatchNormalization {

    /** Row-range tasks per call: the machine's cores, at most 8 (the rows are few and memory-bound beyond that). */
    private static final int THREADS = Math.min(8, Runtime.getRuntime().availableProcessors());

    /** Per-channel statistics of the last training forward pass, for the backward pass (null: not our path). */
    private double[] batchMean;
    private double[] batchVar;

    /** The layer of configuration conf, its arrays of the given type. */
    public BatchNorm1dLayer(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    private boolean handles(INDArray x) {
        org.deeplearning4j.nn.conf.layers.BatchNormalization c = layerConf();
        return x.rank() == 4 && x.dataType() == DataType.FLOAT && x.length() <= Integer.MAX_VALUE
                && c.getCnn2DFormat() == CNN2DFormat.NCHW && !c.isUseLogStd() && !c.isLockGammaBeta()
                && c.isMinibatch();
    }

    @Override
    public INDArray preOutput(INDArray x, TrainingMode training, LayerWorkspaceMgr workspaceMgr) {
        batchMean = null;
        batchVar = null;
        if (training != TrainingMode.TRAIN || !handles(x)) {
            // Inference: DL4J's layer (its oneDNN helper) is the faster one at a batch of one recording
            // (resnet1d-small: 25-27 ms per inference with ours, 14-25 with it); served networks fold batch norm away.
            if (training != TrainingMode.TRAIN && x.rank() == 3) {
                // DL4J's inference path misreads [batch, channels, time] (CONV1D) as NCHW; the same values as
                // [batch, channels, 1, time] are what it expects
                INDArray y = super.preOutput(x.reshape('c', x.size(0), x.size(1), 1, x.size(2)), training,
                        workspaceMgr);
                return y.reshape('c', x.shape());
            }
            return super.preOutput(x, training, workspaceMgr);
        }
        int n = (int) x.size(0);
        int c = (int) x.size(1);
        int len = (int) (x.length() / ((long) n * c));
        FloatBuffer xs = floats(contiguous(x));
        INDArray y = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, DataType.FLOAT, x.shape(), 'c');
        FloatBuffer ys = floats(y);
        double eps = layerConf().getEps();
        double[] gamma = getParam(BatchNormalizationParamInitializer.GAMMA).toDoubleVector();
        double[] beta = getParam(BatchNormalizationParamInitializer.BETA).toDoubleVector();
        double[][] sums = rowSums(xs, null, null, n * c, len);
        double[] mean = new double[c];
        double[] var = new double[c];
        double count = (double) n * len;
        for (int r = 0; r < n * c; r++) {
            mean[r % c] += sums[0][r] + len * sums[2][r];
        }
        for (int ch = 0; ch < c; ch++) {
            mean[ch] /= count;
        }
        // Each row's sums are about its own first value k: sum (x - m)^2 = s2 - 2 (m - k) s1 + len (m - k)^2.
        for (int r = 0; r < n * c; r++) {
            double d = mean[r % c] - sums[2][r];
            var[r % c] += sums[1][r] - 2 * d * sums[0][r] + len * d * d;
        }
        for (int ch = 0; ch < c; ch++) {
            var[ch] /= count;
        }
        batchMean = mean;
        batchVar = var;
        float[] scale = new float[c];
        float[] shift = new float[c];
        for (int ch = 0; ch < c; ch++) {
            double sc = gamma[ch] / Math.sqrt(var[ch] + eps);
            scale[ch] = (float) sc;
            shift[ch] = (float) (beta[ch] - mean[ch] * sc);
        }
        forRows(n * c, (from, to) -> {
            float[] row = new float[len];
            for (int r = from; r < to; r++) {
                xs.get(r * len, row, 0, len);
                float sc = scale[r % c];
                float sh = shift[r % c];
                for (int t = 0; t < len; t++) {
                    row[t] = row[t] * sc + sh;
                }
                ys.put(r * len, row, 0, len);
            }
        });
        return y;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        if (batchMean == null) {
            return super.backpropGradient(epsilon, workspaceMgr);
        }
        assertInputSet(true);
        int n = (int) input.size(0);
        int c = (int) input.size(1);
        int len = (int) (input.length() / ((long) n * c));
        FloatBuffer xs = floats(contiguous(input));
        FloatBuffer es = floats(contiguous(epsilon.castTo(DataType.FLOAT)));
        float[] rowMean = new float[n * c];
        for (int r = 0; r < n * c; r++) {
            rowMean[r] = (float) batchMean[r % c];
        }
        double[][] sums = rowSums(es, xs, rowMean, n * c, len);
        double count = (double) n * len;
        double[] gamma = getParam(BatchNormalizationParamInitializer.GAMMA).toDoubleVector();
        double eps = layerConf().getEps();
        double[] dBeta = new double[c];
        double[] dGamma = new double[c];
        for (int r = 0; r < n * c; r++) {
            dBeta[r % c] += sums[0][r];
            dGamma[r % c] += sums[1][r];
        }
        // dx = gamma/std * (e - mean(e) - xhat * mean(e * xhat)), xhat = (x - mean)/std, written per channel as
        // a * e + b * (x - mean) + k, so that xhat is never stored.
        float[] a = new float[c];
        float[] b = new float[c];
        float[] k = new float[c];
        for (int ch = 0; ch < c; ch++) {
            double invStd = 1 / Math.sqrt(batchVar[ch] + eps);
            dGamma[ch] *= invStd;
            double ach = gamma[ch] * invStd;
            a[ch] = (float) ach;
            b[ch] = (float) (-ach * invStd * dGamma[ch] / count);
            k[ch] = (float) (-ach * dBeta[ch] / count);
        }
        INDArray dx = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, DataType.FLOAT, input.shape(), 'c');
        FloatBuffer dxs = floats(dx);
        forRows(n * c, (from, to) -> {
            float[] er = new float[len];
            float[] xr = new float[len];
            for (int r = from; r < to; r++) {
                es.get(r * len, er, 0, len);
                xs.get(r * len, xr, 0, len);
                float ar = a[r % c];
                float br = b[r % c];
                float kr = k[r % c];
                float m = rowMean[r];
                for (int t = 0; t < len; t++) {
                    er[t] = ar * er[t] + br * (xr[t] - m) + kr;
                }
                dxs.put(r * len, er, 0, len);
            }
        });

        double decay = layerConf().getDecay();
        double[] globalMean = getParam(BatchNormalizationParamInitializer.GLOBAL_MEAN).toDoubleVector();
        double[] globalVar = getParam(BatchNormalizationParamInitializer.GLOBAL_VAR).toDoubleVector();
        double[] dMean = new double[c];
        double[] dVar = new double[c];
        for (int ch = 0; ch < c; ch++) {
            // The updater subtracts these "gradients" as they are (no learning rate, no division by the batch):
            // running = decay * running + (1 - decay) * batch, as in DL4J's own layer.
            dMean[ch] = (globalMean[ch] - batchMean[ch]) * (1 - decay);
            dVar[ch] = (globalVar[ch] - batchVar[ch]) * (1 - decay);
        }
        Gradient g = new DefaultGradient();
        // In DL4J's order: gamma, beta, mean, var.
        String[] names = {BatchNormalizationParamInitializer.GAMMA, BatchNormalizationParamInitializer.BETA,
            BatchNormalizationParamInitializer.GLOBAL_MEAN, BatchNormalizationParamInitializer.GLOBAL_VAR};
        double[][] values = {dGamma, dBeta, dMean, dVar};
        for (int i = 0; i < names.length; i++) {
            g.setGradientFor(names[i], assign(names[i], values[i]));
        }
        batchMean = null;
        batchVar = null;
        return new Pair<>(g, dx);
    }

    /**
     * Per-row sums in double. Without b: [0] sum (x - k), [1] sum (x - k)^2, [2] k, with k the row's first value (so
     * that no cancellation arises however large the mean). With b and bMean: [0] sum a, [1] sum a * (b - bMean).
     */
    private static double[][] rowSums(FloatBuffer as, FloatBuffer bs, float[] bMean, int rows, int len) {
        double[][] out = new double[3][rows];
        forRows(rows, (from, to) -> {
            float[] ar = new float[len];
            float[] br = bs == null ? null : new float[len];
            for (int r = from; r < to; r++) {
                as.get(r * len, ar, 0, len);
                // Four independent accumulators each: one chain of dependent double adds is latency-bound (measured
                // 3x slower here).
                double s00 = 0;
                double s01 = 0;
                double s02 = 0;
                double s03 = 0;
                double s10 = 0;
                double s11 = 0;
                double s12 = 0;
                double s13 = 0;
                int t = 0;
                if (bs == null) {
                    float k = ar[0];
                    for (; t + 3 < len; t += 4) {
                        double d0 = ar[t] - k;
                        double d1 = ar[t + 1] - k;
                        double d2 = ar[t + 2] - k;
                        double d3 = ar[t + 3] - k;
                        s00 += d0;
                        s01 += d1;
                        s02 += d2;
                        s03 += d3;
                        s10 += d0 * d0;
                        s11 += d1 * d1;
                        s12 += d2 * d2;
                        s13 += d3 * d3;
                    }
                    for (; t < len; t++) {
                        double d = ar[t] - k;
                        s00 += d;
                        s10 += d * d;
                    }
                    out[2][r] = k;
                } else {
                    bs.get(r * len, br, 0, len);
                    float m = bMean[r];
                    for (; t + 3 < len; t += 4) {
                        s00 += ar[t];
                        s01 += ar[t + 1];
                        s02 += ar[t + 2];
                        s03 += ar[t + 3];
                        s10 += (double) ar[t] * (br[t] - m);
                        s11 += (double) ar[t + 1] * (br[t + 1] - m);
                        s12 += (double) ar[t + 2] * (br[t + 2] - m);
                        s13 += (double) ar[t + 3] * (br[t + 3] - m);
                    }
                    for (; t < len; t++) {
                        s00 += ar[t];
                        s10 += (double) ar[t] * (br[t] - m);
                    }
                }
                double s0 = (s00 + s01) + (s02 + s03);
                double s1 = (s10 + s11) + (s12 + s13);
                out[0][r] = s0;
                out[1][r] = s1;
            }
        });
        return out;
    }

    /** A body over the rows [from, to). */
    private interface RowRange {
        void run(int from, int to);
    }

    /** Runs body over all rows, split into one contiguous range per core. */
    private static void forRows(int rows, RowRange body) {
        int parts = Math.max(1, Math.min(THREADS, rows));
        IntStream.range(0, parts).parallel().forEach(p -> body.run((int) ((long) rows * p / parts),
                (int) ((long) rows * (p + 1) / parts)));
    }

    /** a itself where it is a c-ordered float array of its own buffer, else a copy that is. */
    private static INDArray contiguous(INDArray a) {
        boolean own = !a.isView() && a.ordering() == 'c' && a.offset() == 0 && a.dataType() == DataType.FLOAT
                && a.data().length() == a.length();
        return own ? a : a.castTo(DataType.FLOAT).dup('c');
    }

    /** The float values of a (c-ordered, its own buffer) in place, as a buffer indexed by element. */
    private static FloatBuffer floats(INDArray a) {
        return a.data().asNio().order(ByteOrder.nativeOrder()).asFloatBuffer();
    }

    private INDArray assign(String param, double[] values) {
        INDArray view = gradientViews.get(param);
        view.assign(Nd4j.createFromArray(values).castTo(view.dataType()).reshape(view.shape()));
        return view;
    }
}
