package org.ecgworkbench.engine.serve;

import java.io.IOException;
import java.lang.ref.Cleaner;
import java.nio.file.Path;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.ecgworkbench.engine.features.RecordFeatures;
import org.ecgworkbench.engine.net.OnnxNetwork;
import org.ecgworkbench.engine.qrs.PanTompkins;
import org.ecgworkbench.engine.qrs.QrsDetection;
import org.ecgworkbench.engine.train.TrainedModel;

/**
 * A trained run's network with exactly the preprocessing its run used ({@link TrainedModel}), its networks in a
 * {@link NetworkPool}. Features are computed as packing computes them (lead agreement from the other lead of a
 * two-lead recording), so a recording gets the probabilities {@code predict} gives it.
 *
 * <p>The network (batch norms folded) runs on ONNX Runtime when it exports and agrees with DL4J within
 * {@link OnnxNetwork#TOLERANCE}: at batch 1 DL4J's forward pass is mostly per-call overhead (oneDNN primitive
 * descriptors built and weights reordered on every call, measured with ONEDNN_VERBOSE and perf), and ONNX Runtime runs
 * the same network about 5x faster (README, Serving).
 */
public final class ModelClassifier implements Classifier {

    // An ONNX Runtime session holds native memory that only close() frees; a reload drops the old classifier while
    // requests may still use it, so the session is closed once the classifier is unreachable.
    private static final Cleaner CLEANER = Cleaner.create();

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

    /**
     * Loads a run's model (see {@link TrainedModel#load}) into a pool of copies networks run by engine; an
     * {@link IOException} names the run and the reason when {@link InferenceEngine#ONNX} is asked for and cannot be
     * used.
     */
    public static ModelClassifier load(Path runDir, int copies, InferenceEngine engine) throws IOException {
        TrainedModel m = TrainedModel.load(runDir);
        ComputationGraph net = m.inferenceNetwork();
        String why = "asked for";
        if (engine != InferenceEngine.DL4J) {
            int threads = Runtime.getRuntime().availableProcessors();
            try {
                OnnxNetwork onnx = OnnxNetwork.checked(net, m.builder(), threads);
                String engineText = "onnxruntime " + OnnxNetwork.version() + ", " + threads + " thread"
                        + (threads == 1 ? "" : "s");
                ModelClassifier c = new ModelClassifier(m, new NetworkPool(onnx, copies), ModelCard.of(m, engineText));
                CLEANER.register(c, onnx::close);
                return c;
            } catch (UnsupportedOperationException | IllegalStateException e) {
                if (engine == InferenceEngine.ONNX) {
                    throw new IOException(runDir + ": " + e.getMessage(), e);
                }
                why = e.getMessage();
            }
        }
        return new ModelClassifier(m, new NetworkPool(net, copies), ModelCard.of(m, "dl4j (" + why + ")"));
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
