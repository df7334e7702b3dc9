package org.ecgworkbench.engine.serve;

import java.io.IOException;
import java.nio.file.Path;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.ecgworkbench.engine.features.RecordFeatures;
import org.ecgworkbench.engine.net.BatchNormFolding;
import org.ecgworkbench.engine.qrs.PanTompkins;
import org.ecgworkbench.engine.qrs.QrsDetection;
import org.ecgworkbench.engine.train.TrainedModel;

/**
 * A trained run's network with exactly the preprocessing its run used ({@link TrainedModel}), its networks in a
 * {@link NetworkPool}. Features are computed as packing computes them (lead agreement from the other lead of a
 * two-lead recording), so a recording gets the probabilities {@code predict} gives it.
 */
public final class ModelClassifier implements Classifier {

    private final TrainedModel model;
    private final NetworkPool pool;
    private final ModelCard card;
    private final PanTompkins detector;

    private ModelClassifier(TrainedModel model, NetworkPool pool, ModelCard card) {
        this.model = model;
        this.pool = pool;
        this.card = card;
        this.detector = new PanTompkins(model.fs());
    }

    /** Loads a run's best checkpoint (see {@link TrainedModel#load}) into a pool of copies networks. */
    public static ModelClassifier load(Path runDir, int copies) throws IOException {
        TrainedModel m = TrainedModel.load(runDir);
        // Batch norms folded into their convolutions: the same outputs (checked), a third less inference time.
        ComputationGraph net = BatchNormFolding.fold(m.network(), m.prototype(), m.layout()).orElse(m.network());
        return new ModelClassifier(m, new NetworkPool(net, copies), ModelCard.of(m));
    }

    @Override
    public ModelCard card() {
        return card;
    }

    /** Number of network copies (inferences that run at once). */
    public int copies() {
        return pool.size();
    }

    @Override
    public double[] probabilities(LeadSignal s) {
        double[] mV = s.mV();
        float[] signal = new float[mV.length];
        for (int t = 0; t < mV.length; t++) {
            signal[t] = (float) mV[t];
        }
        double[] features = null;
        if (model.takesFeatures()) {
            QrsDetection second = s.record().leadCount() > 1
                    ? detector.detect(s.record().physical(s.lead() == 0 ? 1 : 0)) : null;
            features = RecordFeatures.of(mV, model.fs(), s.detection(), second);
        }
        double[] f = features;
        // Only the network is borrowed: feature extraction above runs on every request thread at once.
        return pool.apply(net -> model.probabilities(net, signal, f, s.record().name()));
    }
}
