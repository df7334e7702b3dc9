package org.ecgworkbench.engine.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.Arrays;
import java.util.Random;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class BatchNormFoldingTest {

    /** A small resnet1d with features and a head, batch norm everywhere (stem, both convolutions, conv shortcuts). */
    static Prototype small() throws IOException {
        return Prototype.parse("{\"family\": \"resnet1d\", \"blocks\": 4, \"filters\": [8, 8, 12, 12],"
                + " \"kernel_size\": 5, \"dropout\": 0.2, \"input\": {\"seconds\": 4, \"fs\": 250},"
                + " \"features\": [\"cv_rr\", \"rmssd_s\", \"beats\"], \"head_units\": 16,"
                + " \"classes\": [\"A\", \"N\", \"O\", \"~\"]}", "small");
    }

    @Test
    void theFoldedCopyHasNoBatchNormAndGivesTheSameProbabilities() throws IOException {
        Prototype p = small();
        Random r = new Random(3);
        ComputationGraph trained = BatchNormStatistics.randomised(
                new NetworkBuilder(p, NetworkBuilder.DEFAULT_LAYOUT, null).build(), r, 1);
        ComputationGraph folded = BatchNormFolding.fold(trained, p, NetworkBuilder.DEFAULT_LAYOUT).orElseThrow();
        assertTrue(Arrays.stream(folded.getLayers()).noneMatch(l -> l.conf().getLayer() instanceof BatchNormalization));
        INDArray signal = Nd4j.create(gaussian(r, 3 * 1000), new long[] {3, 1, 1, 1000}, 'c');
        INDArray features = Nd4j.create(gaussian(r, 3 * p.features().size()), new long[] {3, p.features().size()}, 'c');
        INDArray a = trained.output(false, signal, features)[0];
        INDArray b = folded.output(false, signal, features)[0];
        assertEquals(0, a.sub(b).amaxNumber().doubleValue(), 1e-5);
        assertTrue(a.amaxNumber().doubleValue() < 0.999, "a non-trivial output: " + a);
    }

    @Test
    void aNetworkWithoutBatchNormIsLeftAsItIs() throws IOException {
        Prototype p = small().with("batch_norm", "false");
        ComputationGraph net = new NetworkBuilder(p, NetworkBuilder.DEFAULT_LAYOUT, null).build();
        assertFalse(BatchNormFolding.fold(net, p, NetworkBuilder.DEFAULT_LAYOUT).isPresent());
    }

    private static float[] gaussian(Random r, int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) r.nextGaussian();
        }
        return x;
    }
}
