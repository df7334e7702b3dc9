package org.ecgworkbench.engine.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.nd4j.linalg.ops.transforms.Transforms;

class InvertedDropoutTest {

    private static FloatBuffer buffer(int n) {
        return ByteBuffer.allocateDirect(4 * n).order(ByteOrder.nativeOrder()).asFloatBuffer();
    }

    @Test
    void keepsAFractionPOfTheActivationsScaledBy1OverP() {
        int n = 1_000_001;
        FloatBuffer m = buffer(n);
        InvertedDropout.fill(m, 42, n, 0.8);
        int kept = 0;
        for (int i = 0; i < n; i++) {
            float v = m.get(i);
            assertTrue(v == 0f || v == 1.25f, "mask value " + v + " at " + i);
            kept += v == 0f ? 0 : 1;
        }
        // Binomial standard deviation of the fraction: sqrt(0.8 * 0.2 / n) = 0.0004.
        assertEquals(0.8, (double) kept / n, 0.003);
        FloatBuffer again = buffer(n);
        InvertedDropout.fill(again, 42, n, 0.8);
        assertEquals(m, again, "the same seed draws the same mask");
        InvertedDropout.fill(again, 43, n, 0.8);
        assertTrue(!m.equals(again), "another seed draws another mask");
    }

    @Test
    void theGradientGoesThroughTheSameMaskAsTheActivations() {
        ComputationGraph net = net();
        Layer drop = net.getLayer("drop");
        LayerWorkspaceMgr mgr = LayerWorkspaceMgr.noWorkspaces();
        INDArray x = Nd4j.rand(DataType.FLOAT, 16, 300).addi(0.5);
        INDArray e = Nd4j.randn(DataType.FLOAT, 16, 300);
        drop.setInput(x, mgr);
        INDArray y = drop.activate(true, mgr);
        INDArray mask = y.div(x);
        INDArray dx = drop.backpropGradient(e, mgr).getSecond();
        assertEquals(0, dx.sub(e.mul(mask)).amaxNumber().doubleValue(), 1e-6);
        long zeros = mask.eq(0).castTo(DataType.INT32).sumNumber().longValue();
        long kept = Transforms.abs(mask.sub(1 / 0.6)).lt(1e-5).castTo(DataType.INT32).sumNumber().longValue();
        assertEquals(16 * 300, zeros + kept, "every activation is dropped or scaled by exactly 1/p, as ND4J reads it");
        assertTrue(zeros > 16 * 300 * 0.3 && zeros < 16 * 300 * 0.5, zeros + " of 4800 dropped at p = 0.6");
        assertEquals(x, drop.activate(x, false, mgr), "the identity at inference");
    }

    @Test
    void aSavedNetworkRestoresWithTheSameDropout() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ModelSerializer.writeModel(net(), bytes, true);
        ComputationGraph back = ModelSerializer.restoreComputationGraph(new ByteArrayInputStream(bytes.toByteArray()),
                true);
        InvertedDropout d = assertInstanceOf(InvertedDropout.class,
                back.getLayer("drop").conf().getLayer().getIDropout());
        assertEquals(0.6, d.getP(), 0);
    }

    private static ComputationGraph net() {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().seed(3).dataType(DataType.FLOAT)
                .updater(new Sgd(0.1)).graphBuilder().addInputs("in").setInputTypes(InputType.feedForward(300))
                .addLayer("drop", new DropoutLayer.Builder().dropOut(new InvertedDropout(0.6)).build(), "in")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(300).nOut(2)
                        .activation(Activation.SOFTMAX).build(), "drop")
                .setOutputs("out").build();
        ComputationGraph g = new ComputationGraph(conf);
        g.init();
        return g;
    }
}
