package org.ecgworkbench.engine.net;

import java.util.LinkedHashMap;
import java.util.Map;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.Convolution1DLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.Subsampling1DLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.linalg.schedule.MapSchedule;
import org.nd4j.linalg.schedule.ScheduleType;

/**
 * Builds the DL4J {@link ComputationGraph} of a {@link Prototype}. Inputs, in this order: {@code signal} (always),
 * {@code features} (when the prototype lists fixed features; merged with the pooled signal before the classifier),
 * {@code suggestions} (when it has a suggestion entry; mapped to logits and added at the output). Output:
 * {@code output}, class probabilities.
 */
public final class NetworkBuilder {

    /** Name of the signal input. */
    public static final String SIGNAL = "signal";
    /** Name of the fixed-feature input. */
    public static final String FEATURES = "features";
    /** Name of the suggestion input. */
    public static final String SUGGESTIONS = "suggestions";
    /** Name of the output. */
    public static final String OUTPUT = "output";

    /**
     * How the 1-D convolutions are expressed in DL4J: the same parameters either way, and their speed depends on the
     * ND4J binary (CONV2D was measured faster with the oneDNN classifier here; README, "Performance": bench
     * train-step --layout). Not quite the same function: DL4J's 1-D layers place Same padding differently (with the
     * same parameters, outputs differ for even kernels and by ~1e-4 for odd ones, measured), so a run is read back in
     * the layout it was trained in (run.json).
     */
    public enum Layout {
        /** Convolution1DLayer over [batch, channels, time]. */
        CONV1D,
        /** ConvolutionLayer with 1 x k kernels over [batch, channels, 1, time]. */
        CONV2D
    }

    /** DL4J's switch for its native layer helpers ("true" disables them). */
    public static final String HELPERS_PROPERTY = "org.eclipse.deeplearning4j.helpers.disable";

    /** The layout used unless asked otherwise (chosen by measurement). */
    public static final Layout DEFAULT_LAYOUT = Layout.CONV2D;

    static {
        enableHelpers();
    }

    /**
     * Turns DL4J's oneDNN/cuDNN layer helpers on unless the property is set already; must run before a network is
     * built or restored from a checkpoint (the layers read it when they are created).
     */
    public static void enableHelpers() {
        // DL4J 1.0.0-M2.1 turns its oneDNN/cuDNN layer helpers off unless this property says otherwise; without them
        // every convolution runs DL4J's Java im2col path (measured 7x slower training steps, README "Performance").
        if (System.getProperty(HELPERS_PROPERTY) == null) {
            System.setProperty(HELPERS_PROPERTY, "false");
        }
    }

    private final Prototype p;
    private final Layout layout;
    private final int featureCount;
    private final int suggestionCount;
    private final double[] classWeights;
    private int index;

    /**
     * A builder for p's network in the given layout, with classWeights the loss weight of every class (null: all 1).
     */
    public NetworkBuilder(Prototype p, Layout layout, double[] classWeights) {
        if (p.classes().size() < 2) {
            throw new IllegalArgumentException("the prototype names no classes; set them from the dataset first");
        }
        this.p = p;
        this.layout = layout;
        this.featureCount = p.features().size();
        this.suggestionCount = p.suggestions() == null ? 0 : p.classes().size();
        this.classWeights = classWeights;
    }

    /** The graph configuration. */
    public ComputationGraphConfiguration configuration() {
        index = 0;
        NeuralNetConfiguration.Builder nb = new NeuralNetConfiguration.Builder()
                .seed(p.seed())
                .dataType(DataType.FLOAT)
                .weightInit(WeightInit.RELU)
                .updater(updater())
                .convolutionMode(ConvolutionMode.Same)
                .trainingWorkspaceMode(WorkspaceMode.ENABLED)
                .inferenceWorkspaceMode(WorkspaceMode.ENABLED);
        double wd = p.optimizer().weightDecay();
        if (wd > 0) {
            if (p.optimizer().name().equals("adamw")) {
                nb.weightDecay(wd);
            } else {
                nb.l2(wd);
            }
        }
        ComputationGraphConfiguration.GraphBuilder g = nb.graphBuilder();
        int samples = p.input().samples();
        int channels = p.inputChannels();
        g.addInputs(inputNames());
        g.setInputTypes(inputTypes());
        String x = SIGNAL;
        int cin = channels;
        if (p.family() == Prototype.Family.RESNET1D) {
            x = convBnRelu(g, x, cin, p.filters().get(0), p.kernelSizes().get(0), p.stemStride(), "stem");
            cin = p.filters().get(0);
            for (int b = 0; b < p.blocks(); b++) {
                x = residual(g, x, cin, p.filters().get(b), p.kernelSizes().get(b), b);
                cin = p.filters().get(b);
            }
        } else {
            for (int b = 0; b < p.blocks(); b++) {
                String name = "block" + (b + 1);
                x = convBnRelu(g, x, cin, p.filters().get(b), p.kernelSizes().get(b), 1, name);
                cin = p.filters().get(b);
                if (p.dropout() > 0) {
                    x = add(g, name + "_drop", dropout(), x);
                }
                if (p.reduction().at(b) && p.reduction().factor() > 1) {
                    x = add(g, name + "_pool", pool(poolingOf(p.reduction().shortcut()), p.reduction().factor()), x);
                }
            }
        }
        x = add(g, "global_pool", new GlobalPoolingLayer.Builder(p.pooling() == Prototype.Pooling.MAX
                ? PoolingType.MAX : PoolingType.AVG).build(), x);
        int width = cin;
        if (featureCount > 0) {
            g.addVertex("merge_features", new MergeVertex(), x, FEATURES);
            x = "merge_features";
            width += featureCount;
        }
        if (p.headUnits() > 0) {
            x = add(g, "head", new DenseLayer.Builder().nIn(width).nOut(p.headUnits()).activation(Activation.RELU)
                    .build(), x);
            width = p.headUnits();
            if (p.dropout() > 0) {
                x = add(g, "head_drop", dropout(), x);
            }
        }
        int k = p.classes().size();
        LossMCXENT loss = classWeights == null ? new LossMCXENT() : new LossMCXENT(Nd4j.createFromArray(classWeights)
                .castTo(DataType.FLOAT).reshape(1, k));
        if (suggestionCount == 0) {
            g.addLayer(OUTPUT, new OutputLayer.Builder().lossFunction(loss).nIn(width).nOut(k)
                    .activation(Activation.SOFTMAX).weightInit(WeightInit.XAVIER).build(), x);
        } else {
            g.addLayer("logits_signal", new DenseLayer.Builder().nIn(width).nOut(k).activation(Activation.IDENTITY)
                    .weightInit(WeightInit.XAVIER).build(), x);
            g.addLayer("logits_suggestions", new DenseLayer.Builder().nIn(suggestionCount).nOut(k)
                    .activation(Activation.IDENTITY).weightInit(WeightInit.XAVIER).build(), SUGGESTIONS);
            g.addVertex("logits", new ElementWiseVertex(ElementWiseVertex.Op.Add), "logits_signal", "logits_suggestions");
            g.addLayer(OUTPUT, new LossLayer.Builder().lossFunction(loss).activation(Activation.SOFTMAX).build(), "logits");
        }
        g.setOutputs(OUTPUT);
        return g.build();
    }

    /** A new, initialised network. */
    public ComputationGraph build() {
        ComputationGraph net = new ComputationGraph(configuration());
        net.init();
        return net;
    }

    /** Input names in the order the network takes them. */
    public String[] inputNames() {
        if (featureCount > 0 && suggestionCount > 0) {
            return new String[] {SIGNAL, FEATURES, SUGGESTIONS};
        }
        if (featureCount > 0) {
            return new String[] {SIGNAL, FEATURES};
        }
        if (suggestionCount > 0) {
            return new String[] {SIGNAL, SUGGESTIONS};
        }
        return new String[] {SIGNAL};
    }

    /** The layout. */
    public Layout layout() {
        return layout;
    }

    /** The types of the inputs, in {@link #inputNames()} order. */
    public InputType[] inputTypes() {
        int samples = p.input().samples();
        int channels = p.inputChannels();
        InputType signal = layout == Layout.CONV1D ? InputType.recurrent(channels, samples, RNNFormat.NCW)
                : InputType.convolutional(1, samples, channels, CNN2DFormat.NCHW);
        String[] names = inputNames();
        InputType[] types = new InputType[names.length];
        for (int i = 0; i < names.length; i++) {
            types[i] = switch (names[i]) {
                case SIGNAL -> signal;
                case FEATURES -> InputType.feedForward(featureCount);
                default -> InputType.feedForward(suggestionCount);
            };
        }
        return types;
    }

    /** Inputs of rows rows for this builder's networks, standard normal values from random. */
    public INDArray[] randomInputs(int rows, java.util.Random random) {
        InputType[] types = inputTypes();
        INDArray[] in = new INDArray[types.length];
        for (int i = 0; i < in.length; i++) {
            long[] shape = types[i].getShape(true);
            shape[0] = rows;
            float[] x = new float[(int) java.util.Arrays.stream(shape).reduce(1, (u, v) -> u * v)];
            for (int j = 0; j < x.length; j++) {
                x[j] = (float) random.nextGaussian();
            }
            in[i] = Nd4j.create(x, shape, 'c');
        }
        return in;
    }

    private IUpdater updater() {
        Prototype.Optimizer o = p.optimizer();
        Prototype.Schedule s = o.schedule();
        ISchedule lr = null;
        if (!s.type().equals("constant")) {
            Map<Integer, Double> values = new LinkedHashMap<>();
            for (int e = 0; e < p.epochs(); e++) {
                values.put(e, o.learningRate() * s.factor(e, p.epochs()));
            }
            lr = new MapSchedule(ScheduleType.EPOCH, values);
        }
        return switch (o.name()) {
            case "sgd" -> lr == null ? new Sgd(o.learningRate()) : new Sgd(lr);
            case "nesterovs" -> lr == null ? new Nesterovs(o.learningRate(), o.momentum()) : new Nesterovs(lr, o.momentum());
            default -> lr == null ? new Adam(o.learningRate()) : new Adam(lr);
        };
    }

    /** Residual block b: conv(k, stride) BN ReLU dropout conv(k) BN, plus shortcut, ReLU. */
    private String residual(ComputationGraphConfiguration.GraphBuilder g, String in, int cin, int cout, int k, int b) {
        String name = "block" + (b + 1);
        int stride = p.reduction().at(b) ? p.reduction().factor() : 1;
        String y = convBnRelu(g, in, cin, cout, k, stride, name + "_a");
        if (p.dropout() > 0) {
            y = add(g, name + "_drop", dropout(), y);
        }
        y = conv(g, y, cout, cout, k, 1, name + "_b");
        if (p.batchNorm()) {
            y = add(g, name + "_b_bn", BatchNorm1d.of(cout), y);
        }
        String sc = in;
        if (stride != 1 || cin != cout) {
            if (p.reduction().shortcut() == Prototype.Shortcut.CONV || stride == 1) {
                sc = conv(g, in, cin, cout, 1, stride, name + "_shortcut");
            } else {
                sc = add(g, name + "_shortcut_pool", pool(poolingOf(p.reduction().shortcut()), stride), in);
                if (cin != cout) {
                    sc = conv(g, sc, cin, cout, 1, 1, name + "_shortcut");
                }
            }
            if (p.batchNorm() && !sc.equals(in)) {
                sc = add(g, name + "_shortcut_bn", BatchNorm1d.of(cout), sc);
            }
        }
        g.addVertex(name + "_add", new ElementWiseVertex(ElementWiseVertex.Op.Add), y, sc);
        return add(g, name + "_relu", new Relu(), name + "_add");
    }

    /** A dropout layer dropping the prototype's fraction of activations while training. */
    private DropoutLayer dropout() {
        return new DropoutLayer.Builder().dropOut(new InvertedDropout(1 - p.dropout())).build();
    }

    private String convBnRelu(ComputationGraphConfiguration.GraphBuilder g, String in, int cin, int cout, int k,
                              int stride, String name) {
        String y = conv(g, in, cin, cout, k, stride, name);
        if (p.batchNorm()) {
            y = add(g, name + "_bn", BatchNorm1d.of(cout), y);
        }
        return add(g, name + "_relu", new Relu(), y);
    }

    private String conv(ComputationGraphConfiguration.GraphBuilder g, String in, int cin, int cout, int k, int stride,
                        String name) {
        // Convolutions feeding batch norm carry no bias (the norm's beta replaces it), as in the PyTorch anchor.
        boolean bias = !p.batchNorm();
        Layer layer = layout == Layout.CONV1D
                ? new Convolution1DLayer.Builder().kernelSize(k).stride(stride).nIn(cin).nOut(cout).hasBias(bias)
                        .activation(Activation.IDENTITY).rnnDataFormat(RNNFormat.NCW).build()
                : new ConvolutionLayer.Builder().kernelSize(1, k).stride(1, stride).nIn(cin).nOut(cout).hasBias(bias)
                        .activation(Activation.IDENTITY).dataFormat(CNN2DFormat.NCHW).build();
        return add(g, name, layer, in);
    }

    private Layer pool(PoolingType type, int factor) {
        return layout == Layout.CONV1D
                ? new Subsampling1DLayer.Builder(type).kernelSize(factor).stride(factor).build()
                : new SubsamplingLayer.Builder(type).dataFormat(CNN2DFormat.NCHW).kernelSize(1, factor).stride(1, factor).build();
    }

    private static PoolingType poolingOf(Prototype.Shortcut s) {
        return s == Prototype.Shortcut.AVG ? PoolingType.AVG : PoolingType.MAX;
    }

    private String add(ComputationGraphConfiguration.GraphBuilder g, String name, Layer layer, String... in) {
        index++;
        g.addLayer(name, layer, in);
        return name;
    }
}
