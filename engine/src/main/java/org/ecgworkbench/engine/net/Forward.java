package org.ecgworkbench.engine.net;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;

/** A network's forward pass at inference: the class probabilities [row][class] of one batch. */
@FunctionalInterface
public interface Forward {

    /** Probabilities [row][class] of the batch inputs, given in {@link NetworkBuilder#inputNames()} order. */
    float[][] output(INDArray[] inputs);

    /**
     * Largest difference of any output of a and b on the same random inputs (two rows, fixed seed) for networks that b
     * builds; infinite when their output shapes differ.
     */
    static double maxDifference(Forward a, Forward b, NetworkBuilder built) {
        // a generator of its own: ND4J's global one drives dropout and initialisation elsewhere in the process
        INDArray[] in = built.randomInputs(2, new java.util.Random(1));
        float[][] x = a.output(in);
        float[][] y = b.output(in);
        double max = x.length == y.length ? 0 : Double.POSITIVE_INFINITY;
        for (int r = 0; r < Math.min(x.length, y.length); r++) {
            if (x[r].length != y[r].length) {
                return Double.POSITIVE_INFINITY;
            }
            for (int c = 0; c < x[r].length; c++) {
                max = Math.max(max, Math.abs(x[r][c] - y[r][c]));
            }
        }
        return max;
    }

    /**
     * DL4J's forward pass of net on the calling thread. Not for concurrent use: a graph keeps its last inputs and its
     * workspaces.
     */
    static Forward of(ComputationGraph net) {
        return inputs -> {
            INDArray out = net.output(false, inputs)[0];
            float[][] p = out.toFloatMatrix();
            // released now rather than when the collector finds it: off-heap memory stays flat under load
            if (out.closeable()) {
                out.close();
            }
            return p;
        };
    }
}
