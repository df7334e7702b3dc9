package org.ecgworkbench.engine.net;

import java.util.List;
import java.util.Random;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Test networks whose batch norms look trained. */
final class BatchNormStatistics {

    private BatchNormStatistics() {
    }

    /**
     * net with every batch norm's running statistics and affine parameters far from their initial 0, 1, 1, 0, as
     * training leaves them: variances uniform in [0.05, 2.05), the rest normal with standard deviation sd.
     */
    static ComputationGraph randomised(ComputationGraph net, Random r, double sd) {
        for (Layer l : net.getLayers()) {
            if (l.conf().getLayer() instanceof BatchNormalization) {
                for (String key : List.of("gamma", "beta", "mean", "var")) {
                    INDArray a = l.getParam(key);
                    float[] v = new float[(int) a.length()];
                    for (int i = 0; i < v.length; i++) {
                        v[i] = key.equals("var") ? 0.05f + 2 * r.nextFloat() : (float) (sd * r.nextGaussian());
                    }
                    a.assign(Nd4j.create(v, a.shape(), 'c'));
                }
            }
        }
        return net;
    }
}
