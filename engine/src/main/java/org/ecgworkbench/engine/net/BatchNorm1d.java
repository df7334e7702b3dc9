package org.ecgworkbench.engine.net;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Collection;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * DL4J's {@link BatchNormalization} configuration (same parameters, same JSON fields, same results) whose layer
 * computes per-channel batch norm over the [batch, channels, 1, time] activations of the 1 x k convolution layout
 * itself ({@link BatchNorm1dLayer}), as PyTorch's {@code BatchNorm1d} does over [batch, channels, time].
 *
 * <p>Why not DL4J's own layer: on this layout its oneDNN helper took about half of every training step of
 * {@code resnet1d-small} (700 of 1,320 ms) and its Java fallback was slower still (README, "Performance").
 */
public final class BatchNorm1d extends BatchNormalization {

    /** For Jackson (networks restored from JSON). */
    public BatchNorm1d() {
        super();
    }

    /** The batch norm of {@code nOut} channels of NCHW activations, running variance kept as a variance. */
    public static BatchNorm1d of(int nOut) {
        BatchNormalization defaults = new BatchNormalization.Builder().dataFormat(CNN2DFormat.NCHW).useLogStd(false)
                .nOut(nOut).build();
        BatchNorm1d b = new BatchNorm1d();
        // The Builder is the only place DL4J keeps this layer's defaults (decay, eps, gamma, ...) and its constructor
        // from a Builder is private: copy every field of the built configuration.
        for (Class<?> c = BatchNormalization.class; c != Object.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                if (Modifier.isStatic(f.getModifiers())) {
                    continue;
                }
                f.setAccessible(true);
                try {
                    f.set(b, f.get(defaults));
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException("cannot copy " + f, e);
                }
            }
        }
        return b;
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners, int layerIndex,
                             INDArray layerParamsView, boolean initializeParams, DataType networkDataType) {
        return LayerWiring.wire(new BatchNorm1dLayer(conf, networkDataType), conf, listeners, layerIndex,
                layerParamsView, initializeParams, initializer());
    }

    @Override
    public BatchNorm1d clone() {
        return (BatchNorm1d) super.clone();
    }
}
