package org.ecgworkbench.engine.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.ecgworkbench.engine.net.Prototype;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The mean of a run's weights at the ends of the last {@link Prototype#averageEpochs()} epochs of its schedule (tail
 * averaging: stochastic weight averaging, Izmailov et al. 2018, on the decaying end of the run's own schedule instead
 * of a learning-rate cycle). Batch-norm running statistics are network parameters here and are averaged with the
 * weights, as PyTorch's {@code AveragedModel} with {@code use_buffers=True} does, instead of a further pass over the
 * training data. Kept in {@link RunFiles#AVERAGE}, with the last epoch it includes, so a resumed run adds each epoch
 * exactly once.
 */
final class WeightAverage {

    private static final String THROUGH = "average_through_epoch";

    private final int first;
    private ComputationGraph average;
    private int through;

    private WeightAverage(int first, ComputationGraph average, int through) {
        this.first = first;
        this.average = average;
        this.through = through;
    }

    /** The run's average so far (read from its file when one was written), or null when the prototype asks none. */
    static WeightAverage of(Prototype p, Path runDir) throws IOException {
        if (p.averageEpochs() == 0) {
            return null;
        }
        int first = p.epochs() - p.averageEpochs() + 1;
        Path file = runDir.resolve(RunFiles.AVERAGE);
        if (!Files.isRegularFile(file)) {
            return new WeightAverage(first, null, 0);
        }
        Integer through = ModelSerializer.getObjectFromFile(file.toFile(), THROUGH);
        return new WeightAverage(first, ModelSerializer.restoreComputationGraph(file.toFile(), false), through);
    }

    /**
     * Adds the weights net has at the end of epoch (1-based) when that epoch is in the window and not yet included (a
     * resumed run trains an epoch again when a kill came between this and the checkpoint, to identical weights), and
     * writes the average atomically.
     */
    void epochEnded(ComputationGraph net, int epoch, Path runDir) throws IOException {
        if (epoch < first || epoch <= through) {
            return;
        }
        if (average == null) {
            average = net.clone();
        } else {
            // running mean over the epochs first..epoch: avg += (w - avg) / n
            INDArray avg = average.params();
            avg.addi(net.params().sub(avg).divi(epoch - first + 1));
        }
        through = epoch;
        RunFiles.replaceAtomically(runDir.resolve(RunFiles.AVERAGE), tmp -> {
            ModelSerializer.writeModel(average, tmp.toFile(), false);
            ModelSerializer.addObjectToFile(tmp.toFile(), THROUGH, through);
        });
    }

    /** The averaged network, or null before the window's first epoch has ended. */
    ComputationGraph network() {
        return average;
    }

    /** First epoch (1-based) of the window. */
    int first() {
        return first;
    }

    /** Last epoch (1-based) included so far; 0 for none. */
    int through() {
        return through;
    }
}
