package org.ecgworkbench.engine.train;

import java.util.ArrayList;
import java.util.List;
import org.ecgworkbench.engine.net.Forward;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;

/**
 * Class probabilities of whole recordings: a recording longer than the input window is cut into evenly spaced
 * windows covering it (at most {@link #MAX_CROPS}), and the windows' probabilities are averaged; a shorter one is
 * zero-padded, as in training.
 */
public final class Inference {

    /** Most windows per recording. */
    public static final int MAX_CROPS = 8;

    private Inference() {
    }

    /** The windows covering a recording of length samples with windows of window samples. */
    public static List<Example> crops(int item, int length, int window) {
        if (length <= window) {
            return List.of(new Example(item, 0));
        }
        int n = Math.min(MAX_CROPS, (length + window - 1) / window);
        List<Example> out = new ArrayList<>(n);
        for (int j = 0; j < n; j++) {
            int off = n == 1 ? 0 : (int) Math.round((double) j * (length - window) / (n - 1));
            out.add(new Example(item, off));
        }
        return out;
    }

    /** Probabilities [item][class] for the given items (in the order given). */
    public static double[][] probabilities(Forward net, BatchAssembler assembler, Items items, int[] which,
                                           int batchSize, int workers) {
        if (which.length == 0) {
            return new double[0][];
        }
        List<Example> examples = new ArrayList<>();
        for (int i : which) {
            examples.addAll(crops(i, items.signal(i).length, assembler.samples()));
        }
        int[] slot = new int[items.size()];
        for (int k = 0; k < which.length; k++) {
            slot[which[k]] = k;
        }
        double[][] sum = null;
        int[] count = new int[which.length];
        try (InputPipeline pipe = new InputPipeline(assembler, examples, batchSize, 0, 0, workers, 2 * workers)) {
            int at = 0;
            while (pipe.hasNext()) {
                MultiDataSet mds = pipe.next();
                float[][] out = net.output(mds.getFeatures());
                int rows = out.length;
                if (sum == null) {
                    sum = new double[which.length][out[0].length];
                }
                for (int r = 0; r < rows; r++) {
                    int k = slot[examples.get(at + r).item()];
                    for (int c = 0; c < sum[k].length; c++) {
                        sum[k][c] += out[r][c];
                    }
                    count[k]++;
                }
                at += rows;
            }
        }
        for (int k = 0; k < which.length; k++) {
            for (int c = 0; c < sum[k].length; c++) {
                sum[k][c] /= count[k];
            }
        }
        return sum;
    }

    /**
     * Probabilities [class] of one item of length samples: all its windows in one batch, assembled and run on the
     * calling thread. The batch's arrays are released as soon as the output is read, rather than when the garbage
     * collector finds them, so a resident service's off-heap memory stays flat however many requests it answers.
     */
    public static double[] probabilities(Forward net, BatchAssembler assembler, int item, int length) {
        List<Example> windows = crops(item, length, assembler.samples());
        MultiDataSet batch = assembler.assemble(windows, null);
        float[][] out = net.output(batch.getFeatures());
        double[] p = new double[out[0].length];
        for (float[] row : out) {
            for (int c = 0; c < p.length; c++) {
                p[c] += row[c];
            }
        }
        for (int c = 0; c < p.length; c++) {
            p[c] /= out.length;
        }
        for (INDArray a : batch.getFeatures()) {
            release(a);
        }
        for (INDArray a : batch.getLabels()) {
            release(a);
        }
        return p;
    }

    private static void release(INDArray a) {
        if (a != null && a.closeable()) {
            a.close();
        }
    }

    /** Index of the largest probability. */
    public static int argmax(double[] p) {
        int best = 0;
        for (int c = 1; c < p.length; c++) {
            if (p[c] > p[best]) {
                best = c;
            }
        }
        return best;
    }
}
