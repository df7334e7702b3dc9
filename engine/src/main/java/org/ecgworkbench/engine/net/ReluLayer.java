package org.ecgworkbench.engine.net;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.ActivationLayer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.scalar.RectifiedLinear;
import org.nd4j.linalg.api.ops.impl.scalar.Step;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The layer of {@link Relu}: while training, the forward pass writes max(x, 0) straight into a new array (DL4J's
 * layer copies x first, then applies the ReLU in place), and the backward pass is two SIMD passes, the step
 * function of x into a new array and its product with the incoming gradient: dx = e · [x &gt; 0], DL4J's
 * derivative (0 at x = 0). Inference, dropout on this layer, or a ReLU with parameters (cap, threshold, slope) go to
 * DL4J's layer.
 */
public final class ReluLayer extends ActivationLayer {

    /** The layer of configuration conf, its arrays of the given type. */
    public ReluLayer(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    private boolean handles(boolean training) {
        return training && layerConf().getIDropout() == null
                && layerConf().getActivationFn() instanceof ActivationReLU r && r.equals(new ActivationReLU());
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        if (!handles(training)) {
            return super.activate(training, workspaceMgr);
        }
        assertInputSet(false);
        INDArray y = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, input.dataType(), input.shape(), 'c');
        Nd4j.exec(new RectifiedLinear(input, y, 0.0));
        return y;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        if (!handles(true)) {
            return super.backpropGradient(epsilon, workspaceMgr);
        }
        assertInputSet(true);
        INDArray dx = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, input.dataType(), input.shape(),
                'c');
        Nd4j.exec(new Step(input, dx, 0.0));
        dx.muli(epsilon);
        return new Pair<>(new DefaultGradient(), dx);
    }
}
