package org.ecgworkbench.engine.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

class ReluTest {

    /** [conv 1 x 5 (3 -> 6 channels)] -> ReLU -> global max pool -> softmax over 4 classes; max pooling keeps the
     * gradient sparse, so a wrong mask shows. */
    private static ComputationGraph net(Layer relu, boolean conv) {
        ComputationGraphConfiguration.GraphBuilder g = new NeuralNetConfiguration.Builder().seed(7)
                .dataType(DataType.FLOAT).updater(new Sgd(0.05)).convolutionMode(ConvolutionMode.Same).graphBuilder()
                .addInputs("in").setInputTypes(InputType.convolutional(1, 200, 3, CNN2DFormat.NCHW));
        String last = "in";
        int channels = 3;
        if (conv) {
            g.addLayer("conv", new ConvolutionLayer.Builder().kernelSize(1, 5).nIn(3).nOut(6)
                    .activation(Activation.IDENTITY).dataFormat(CNN2DFormat.NCHW).build(), "in");
            last = "conv";
            channels = 6;
        }
        g.addLayer("relu", relu, last)
                .addLayer("pool", new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), "relu")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(channels).nOut(4)
                        .activation(Activation.SOFTMAX).build(), "pool")
                .setOutputs("out");
        ComputationGraph net = new ComputationGraph(g.build());
        net.init();
        return net;
    }

    private static DataSet batch(int n, long seed) {
        // Centred near 0, so that about half of the activations are cut.
        return ConvBatches.of(n, seed, 0.3);
    }

    @Test
    void trainsExactlyAsDl4jsActivationLayer() {
        NetworkBuilder.enableHelpers();
        ComputationGraph ours = net(new Relu(), true);
        ComputationGraph theirs = net(new ActivationLayer.Builder().activation(Activation.RELU).build(), true);
        assertInstanceOf(ReluLayer.class, ours.getLayer("relu"));
        theirs.setParams(ours.params().dup());
        for (int step = 0; step < 5; step++) {
            DataSet d = batch(8, step);
            ours.fit(d);
            theirs.fit(d);
        }
        assertEquals(0, ours.params().sub(theirs.params()).amaxNumber().doubleValue(), 0,
                "parameters after 5 SGD steps");
    }

    @Test
    void gradientIsZeroAtAndBelowZeroAndLeavesTheInputAlone() {
        org.deeplearning4j.nn.api.Layer ours = net(new Relu(), false).getLayer("relu");
        org.deeplearning4j.nn.api.Layer theirs = net(new ActivationLayer.Builder().activation(Activation.RELU).build(),
                false).getLayer("relu");
        LayerWorkspaceMgr mgr = LayerWorkspaceMgr.noWorkspaces();
        INDArray x = batch(4, 3).getFeatures();
        // Exact zeros: DL4J's derivative is 0 at x = 0.
        for (int t = 0; t < 200; t += 7) {
            x.putScalar(new long[] {0, 1, 0, t}, 0f);
        }
        INDArray before = x.dup();
        INDArray e = Nd4j.randn(DataType.FLOAT, x.shape());
        ours.setInput(x, mgr);
        theirs.setInput(x, mgr);
        assertEquals(theirs.activate(true, mgr), ours.activate(true, mgr), "max(x, 0)");
        INDArray ourGrad = ours.backpropGradient(e, mgr).getSecond();
        INDArray theirGrad = theirs.backpropGradient(e, mgr).getSecond();
        assertEquals(before, x, "the input is not modified");
        assertEquals(theirGrad, ourGrad, "dx");
        assertEquals(0, ourGrad.getFloat(0, 1, 0, 7), 0, "dx at x = 0");
        assertEquals(e.getFloat(0, 0, 0, 0) * (x.getFloat(0, 0, 0, 0) > 0 ? 1 : 0), ourGrad.getFloat(0, 0, 0, 0), 0);
    }

    @Test
    void aSavedNetworkRestoresWithTheSameLayer() throws IOException {
        ComputationGraph ours = net(new Relu(), true);
        ours.fit(batch(8, 1));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ModelSerializer.writeModel(ours, bytes, true);
        ComputationGraph back = ModelSerializer.restoreComputationGraph(new ByteArrayInputStream(bytes.toByteArray()),
                true);
        assertInstanceOf(ReluLayer.class, back.getLayer("relu"));
        INDArray x = batch(3, 5).getFeatures();
        assertEquals(0, ours.outputSingle(false, x).sub(back.outputSingle(false, x)).amaxNumber().doubleValue(), 0);
    }
}
