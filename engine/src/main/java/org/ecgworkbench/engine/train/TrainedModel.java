package org.ecgworkbench.engine.train;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.ecgworkbench.engine.features.RecordFeatures;
import org.ecgworkbench.engine.net.BatchNormFolding;
import org.ecgworkbench.engine.net.Forward;
import org.ecgworkbench.engine.net.NetworkBuilder;
import org.ecgworkbench.engine.net.Prototype;
import org.ecgworkbench.engine.record.Record;

/**
 * A trained network with exactly the preprocessing its run used (window, channel scaling, feature scaling,
 * suggestions), loaded once from a run directory and applied to recordings or dataset items.
 */
public final class TrainedModel {

    private final Path runDir;
    private final Prototype prototype;
    private final ComputationGraph net;
    private final NetworkBuilder.Layout layout;
    private final FeatureScaler scaler;
    private final Suggestions suggestions;
    private final int lead;
    private final String checkpoint;

    private TrainedModel(Path runDir, Prototype prototype, ComputationGraph net, NetworkBuilder.Layout layout,
                         FeatureScaler scaler, Suggestions suggestions, int lead, String checkpoint) {
        this.runDir = runDir;
        this.prototype = prototype;
        this.net = net;
        this.layout = layout;
        this.scaler = scaler;
        this.suggestions = suggestions;
        this.lead = lead;
        this.checkpoint = checkpoint;
    }

    /** Which of a run's checkpoints to load. */
    public enum Checkpoint {
        /** The run's model: the weight average when its prototype asks for one, else the best, else the last. */
        MODEL,
        /** The epoch with the best validation metric. */
        BEST,
        /** The latest. */
        LAST,
        /** The mean of the weights over the prototype's last average_epochs epochs. */
        AVERAGE
    }

    /** Loads a run's model (see {@link Checkpoint#MODEL}). */
    public static TrainedModel load(Path runDir) throws IOException {
        return load(runDir, Checkpoint.MODEL);
    }

    /** Loads one checkpoint of a run; a missing one is an error naming the file. */
    public static TrainedModel load(Path runDir, Checkpoint which) throws IOException {
        Prototype p = Prototype.read(runDir.resolve(RunFiles.PROTOTYPE));
        Path file = switch (which) {
            case BEST -> runDir.resolve(RunFiles.BEST);
            case LAST -> runDir.resolve(RunFiles.LAST);
            case AVERAGE -> runDir.resolve(RunFiles.AVERAGE);
            case MODEL -> Stream.of(p.averageEpochs() > 0 ? RunFiles.AVERAGE : RunFiles.BEST,
                            RunFiles.BEST, RunFiles.LAST).map(runDir::resolve).filter(Files::isRegularFile).findFirst()
                    .orElse(runDir.resolve(RunFiles.LAST));
        };
        if (!Files.isRegularFile(file)) {
            String why = which != Checkpoint.AVERAGE ? "has the run started?"
                    : p.averageEpochs() == 0 ? "the run's prototype sets no average_epochs"
                    : "it is written at the end of epoch " + (p.epochs() - p.averageEpochs() + 1) + " on";
            throw new IOException(file + ": no such checkpoint; " + why);
        }
        JsonNode run = RunFiles.readJson(runDir.resolve(RunFiles.RUN));
        JsonNode pre = RunFiles.readJson(runDir.resolve(RunFiles.PREPROCESSING));
        NetworkBuilder.Layout layout = NetworkBuilder.Layout.valueOf(run.path("layout").asText("conv2d").toUpperCase());
        FeatureScaler scaler = null;
        JsonNode f = pre.path("features");
        if (f.isObject()) {
            List<String> names = new ArrayList<>();
            f.path("names").forEach(n -> names.add(n.asText()));
            scaler = new FeatureScaler(List.copyOf(names), doubles(f.path("mean")), doubles(f.path("std")));
        }
        Suggestions sug = p.suggestions() == null ? null : Suggestions.read(Path.of(p.suggestions().file()), p.classes());
        // Restoring does not touch NetworkBuilder, whose class initialiser would turn the oneDNN helpers on: without
        // them inference takes the Java im2col path, ~5x slower (99 against 19 ms for resnet1d-small, README).
        NetworkBuilder.enableHelpers();
        ComputationGraph net;
        try {
            net = ModelSerializer.restoreComputationGraph(file.toFile(), false);
        } catch (IOException | RuntimeException e) {
            throw new IOException(file + ": cannot read the checkpoint: " + e.getMessage(), e);
        }
        return new TrainedModel(runDir, p, net, layout, scaler, sug, run.path("dataset").path("lead").asInt(0),
                runDir.relativize(file).toString());
    }

    private static double[] doubles(JsonNode a) {
        double[] out = new double[a.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = a.get(i).asDouble();
        }
        return out;
    }

    /** The run directory. */
    public Path runDir() {
        return runDir;
    }

    /** The prototype the network was built from. */
    public Prototype prototype() {
        return prototype;
    }

    /** The network. */
    public ComputationGraph network() {
        return net;
    }

    /**
     * The network to infer with: a copy with every batch norm folded into its convolution (the same outputs, faster;
     * {@link BatchNormFolding}), or {@link #network()} itself when it cannot be folded.
     */
    public ComputationGraph inferenceNetwork() {
        return BatchNormFolding.fold(net, prototype, layout).orElse(net);
    }

    /** A builder of this model's networks (for their input names and types). */
    public NetworkBuilder builder() {
        return new NetworkBuilder(prototype, layout, null);
    }

    /** How the network expresses its convolutions (what a rebuilt copy of it must use). */
    public NetworkBuilder.Layout layout() {
        return layout;
    }

    /** The checkpoint loaded, relative to the run directory. */
    public String checkpoint() {
        return checkpoint;
    }

    /** Lead (0-based) of the recordings the model was trained on. */
    public int lead() {
        return lead;
    }

    /** Sampling frequency in Hz of the recordings the network takes (its training data's; never resampled). */
    public double fs() {
        return prototype.input().fs();
    }

    /** The output classes, in network order. */
    public List<String> classes() {
        return prototype.classes();
    }

    /** Whether the network takes the fixed features ({@link RecordFeatures}) as an input. */
    public boolean takesFeatures() {
        return !prototype.features().isEmpty();
    }

    /**
     * Class probabilities of one recording: its lead signal in mV at {@link #fs()}, its features in
     * {@link RecordFeatures#NAMES} order (null when the network {@link #takesFeatures() takes none}) and its name (the
     * key of its suggestion), run through network (this model's {@link #network()}, a clone of it, or its ONNX export)
     * on the calling thread. The windows, scaling and averaging are those of {@link #probabilities(List, int)}; no
     * pipeline threads are started, which is what a resident service classifying one recording at a time wants.
     */
    public double[] probabilities(Forward network, float[] signal, double[] features, String name) {
        Items one = items(List.of(name), List.of(signal), features == null ? null : List.of(features));
        BatchAssembler a = new BatchAssembler(one, null, prototype, layout, scaler, suggestions);
        return Inference.probabilities(network, a, 0, signal.length);
    }

    /** Class probabilities [item][class] of the given items, e.g. a dataset's test split. */
    public double[][] probabilities(Items items, int[] which, int workers) {
        BatchAssembler a = new BatchAssembler(items, null, prototype, layout, scaler, suggestions);
        return Inference.probabilities(Forward.of(net), a, items, which, prototype.batchSize(), workers);
    }

    /**
     * Class probabilities of recordings: the trained lead (lead 0 for a single-lead recording), features computed as
     * packing computes them, then as {@link #probabilities(Items, int[], int)}. A recording at another sampling
     * frequency than the training data is refused (never resampled).
     */
    public double[][] probabilities(List<Record> records, int workers) {
        double fs = prototype.input().fs();
        int[] leads = new int[records.size()];
        List<float[]> signals = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            Record r = records.get(i);
            if (Math.abs(r.samplingFrequency() - fs) > 1e-9) {
                throw new IllegalArgumentException(r.name() + ": sampled at " + r.samplingFrequency() + " Hz; the model"
                        + " takes " + fs + " Hz (recordings are never resampled)");
            }
            leads[i] = lead < r.leadCount() ? lead : 0;
            double[] x = r.physical(leads[i]);
            float[] f = new float[x.length];
            for (int t = 0; t < x.length; t++) {
                f[t] = (float) x[t];
            }
            signals.add(f);
        }
        List<double[]> features = RecordFeatures.of(records, leads);
        Items items = items(records.stream().map(Record::name).toList(), signals, features);
        int[] all = new int[records.size()];
        for (int i = 0; i < all.length; i++) {
            all[i] = i;
        }
        return probabilities(items, all, workers);
    }

    /** Items of recordings given as names, lead signals (mV at the model's rate) and features (null: none). */
    private Items items(List<String> names, List<float[]> signals, List<double[]> features) {
        double fs = fs();
        return new Items() {
            @Override
            public double fs() {
                return fs;
            }

            @Override
            public float[] signal(int i) {
                return signals.get(i);
            }

            @Override
            public double[] features(int i) {
                return features == null ? new double[0] : features.get(i);
            }

            @Override
            public List<String> featureNames() {
                return features == null ? List.of() : RecordFeatures.NAMES;
            }

            @Override
            public String name(int i) {
                return names.get(i);
            }

            @Override
            public String source(int i) {
                return names.get(i);
            }

            @Override
            public int size() {
                return names.size();
            }
        };
    }
}
