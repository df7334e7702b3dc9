package org.ecgworkbench.engine.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

class BatchNorm1dTest {

    /**
     * conv 1 x 5 (3 -> 6 channels) -> batch norm -> global average pool -> softmax over 4 classes. Plain SGD: its
     * updates are the gradients scaled, whereas Adam's first steps are about lr * sign(gradient), which turns rounding
     * differences in near-zero gradients into whole steps (a 5e-4 spread after 5 steps, depending on which tests ran
     * before in the JVM).
     */
    private static ComputationGraph net(Layer batchNorm) {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().seed(7).dataType(DataType.FLOAT)
                .updater(new Sgd(0.05)).convolutionMode(ConvolutionMode.Same).graphBuilder()
                .addInputs("in").setInputTypes(InputType.convolutional(1, 200, 3, CNN2DFormat.NCHW))
                .addLayer("conv", new ConvolutionLayer.Builder().kernelSize(1, 5).nIn(3).nOut(6).hasBias(false)
                        .activation(Activation.IDENTITY).dataFormat(CNN2DFormat.NCHW).build(), "in")
                .addLayer("bn", batchNorm, "conv")
                .addLayer("pool", new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), "bn")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(6).nOut(4)
                        .activation(Activation.SOFTMAX).build(), "pool")
                .setOutputs("out").build();
        ComputationGraph g = new ComputationGraph(conf);
        g.init();
        return g;
    }

    private static DataSet batch(int n, long seed) {
        // An offset and a scale far from 0 and 1, so that normalising is not close to the identity.
        return ConvBatches.of(n, seed, 1.7);
    }

    @Test
    void trainsExactlyAsDl4jsOwnBatchNormalization() {
        NetworkBuilder.enableHelpers();
        ComputationGraph ours = net(BatchNorm1d.of(6));
        ComputationGraph theirs = net(new BatchNormalization.Builder().dataFormat(CNN2DFormat.NCHW).useLogStd(false)
                .nOut(6).build());
        theirs.setParams(ours.params().dup());
        for (int step = 0; step < 5; step++) {
            DataSet d = batch(8, step);
            ours.fit(d);
            theirs.fit(d);
        }
        // Everything the two layers learn: conv weights, gamma, beta, running mean and variance, the classifier.
        INDArray a = ours.params();
        INDArray b = theirs.params();
        double scale = b.amaxNumber().doubleValue();
        assertEquals(0, a.sub(b).amaxNumber().doubleValue() / scale, 1e-4, "parameters after 5 SGD steps");
        INDArray mean = ours.getLayer("bn").getParam("mean");
        assertTrue(mean.amaxNumber().doubleValue() > 0.1, "the running mean moved: " + mean);
        DataSet test = batch(5, 99);
        assertEquals(0, ours.outputSingle(false, test.getFeatures()).sub(theirs.outputSingle(false,
                test.getFeatures())).amaxNumber().doubleValue(), 1e-5, "inference with the running statistics");
        assertEquals(0, ours.outputSingle(true, test.getFeatures()).sub(theirs.outputSingle(true,
                test.getFeatures())).amaxNumber().doubleValue(), 1e-5, "training-mode output (batch statistics)");
    }

    @Test
    void aSavedNetworkRestoresWithTheSameLayer() throws IOException {
        ComputationGraph ours = net(BatchNorm1d.of(6));
        ours.fit(batch(8, 1));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ModelSerializer.writeModel(ours, bytes, true);
        ComputationGraph back = ModelSerializer.restoreComputationGraph(new ByteArrayInputStream(bytes.toByteArray()),
                true);
        assertInstanceOf(BatchNorm1d.class, back.getLayer("bn").conf().getLayer());
        assertInstanceOf(BatchNorm1dLayer.class, back.getLayer("bn"));
        INDArray x = batch(3, 5).getFeatures();
        assertEquals(0, ours.outputSingle(false, x).sub(back.outputSingle(false, x)).amaxNumber().doubleValue(), 0);
    }
}
