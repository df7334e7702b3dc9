package org.ecgworkbench.engine.net;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import onnx.Onnx;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.Convolution1DLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.Subsampling1DLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.params.BatchNormalizationParamInitializer;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.shade.protobuf.ByteString;

/**
 * A network that {@link NetworkBuilder} builds, written as an ONNX model (opset {@value #OPSET}, float32) that any
 * ONNX runtime runs: the graph's vertices in topological order, each as the ONNX operators that compute it, its
 * parameters as initializers. Inputs keep the network's names and layout ([batch, channels, 1, time], the CONV2D
 * layout; [batch, n] for features and suggestions); the output is the class probabilities [batch, classes]. The
 * protobuf classes are ONNX's own, as nd4j-api ships them.
 */
public final class OnnxExport {

    /** ONNX operator set version of the written models. */
    public static final int OPSET = 13;

    private static final long IR_VERSION = 7;
    private static final int FLOAT = 1;

    private final ComputationGraph net;
    private final Onnx.GraphProto.Builder graph = Onnx.GraphProto.newBuilder();

    private OnnxExport(ComputationGraph net) {
        this.net = net;
    }

    /**
     * The ONNX model of net, built by b (whose input types it takes); an {@link UnsupportedOperationException} names
     * the first vertex ONNX export does not cover.
     */
    public static byte[] of(ComputationGraph net, NetworkBuilder b) {
        OnnxExport e = new OnnxExport(net);
        e.graph.setName("ecg-workbench");
        ComputationGraphConfiguration conf = net.getConfiguration();
        String[] names = b.inputNames();
        InputType[] types = b.inputTypes();
        for (int i = 0; i < names.length; i++) {
            e.graph.addInput(valueInfo(names[i], types[i].getShape(true)));
        }
        List<String> inputs = conf.getNetworkInputs();
        for (String name : conf.getTopologicalOrderStr()) {
            if (!inputs.contains(name)) {
                e.vertex(name, conf.getVertices().get(name), conf.getVertexInputs().get(name));
            }
        }
        for (String out : conf.getNetworkOutputs()) {
            long classes = net.getLayer(out).conf().getLayer() instanceof FeedForwardLayer l ? l.getNOut() : -1;
            e.graph.addOutput(valueInfo(out, new long[] {-1, classes}));
        }
        return Onnx.ModelProto.newBuilder()
                .setIrVersion(IR_VERSION)
                .setProducerName("ecg-workbench")
                .addOpsetImport(Onnx.OperatorSetIdProto.newBuilder().setVersion(OPSET))
                .setGraph(e.graph)
                .build()
                .toByteArray();
    }

    private void vertex(String name, GraphVertex v, List<String> in) {
        switch (v) {
            // (DL4J adds preprocessors only to the CONV1D layout's graphs, which the export refuses)
            case LayerVertex lv when lv.getPreProcessor() == null ->
                    layer(name, lv.getLayerConf().getLayer(), in.get(0));
            case ElementWiseVertex ew when ew.getOp() == ElementWiseVertex.Op.Add ->
                    node(in.size() == 2 ? "Add" : "Sum", name, in.toArray(String[]::new));
            case MergeVertex m -> node("Concat", name, in.toArray(String[]::new)).addAttribute(integer("axis", 1));
            default -> throw unsupported(name, v.getClass().getSimpleName()
                    + (v instanceof LayerVertex ? " with an input preprocessor" : ""));
        }
    }

    private void layer(String name, org.deeplearning4j.nn.conf.layers.Layer conf, String in) {
        Layer layer = net.getLayer(name);
        switch (conf) {
            // DL4J's 1-D layers place Same padding their own way (outputs differ from the 1 x k layers for even
            // kernels, measured), which ONNX's auto_pad does not express
            case Convolution1DLayer c -> throw unsupported(name, "the CONV1D layout (ONNX export covers CONV2D)");
            case Subsampling1DLayer s -> throw unsupported(name, "the CONV1D layout (ONNX export covers CONV2D)");
            case ConvolutionLayer c -> activation(name, c.getActivationFn(), conv(name, c, layer, in));
            case SubsamplingLayer s -> pool(name, s, in);
            // (DL4J's batch norm layers never apply their configured activation)
            case BatchNormalization bn when !bn.isUseLogStd() -> node("BatchNormalization", name, in,
                    param(name, layer, BatchNormalizationParamInitializer.GAMMA, null),
                    param(name, layer, BatchNormalizationParamInitializer.BETA, null),
                    param(name, layer, BatchNormalizationParamInitializer.GLOBAL_MEAN, null),
                    param(name, layer, BatchNormalizationParamInitializer.GLOBAL_VAR, null))
                    .addAttribute(Onnx.AttributeProto.newBuilder().setName("epsilon")
                            .setType(Onnx.AttributeProto.AttributeType.FLOAT).setF((float) bn.getEps()));
            case ActivationLayer a -> activation(name, a.getActivationFn(), in);
            case DropoutLayer d -> node("Identity", name, in);
            case GlobalPoolingLayer g when g.isCollapseDimensions()
                    && (g.getPoolingType() == PoolingType.AVG || g.getPoolingType() == PoolingType.MAX) -> {
                node(g.getPoolingType() == PoolingType.AVG ? "GlobalAveragePool" : "GlobalMaxPool", name + "/pool", in);
                node("Flatten", name, name + "/pool").addAttribute(integer("axis", 1));
            }
            case OutputLayer o -> activation(name, o.getActivationFn(), gemm(name, layer, in));
            case DenseLayer d -> activation(name, d.getActivationFn(), gemm(name, layer, in));
            case LossLayer l -> activation(name, l.getActivationFn(), in);
            default -> throw unsupported(name, conf.getClass().getSimpleName());
        }
    }

    /** The convolution's output name (before its activation). */
    private String conv(String name, ConvolutionLayer c, Layer layer, String in) {
        INDArray w = layer.getParam("W");
        String out = name + "/conv";
        String[] args = c.hasBias()
                ? new String[] {in, param(name, layer, "W", null), param(name, layer, "b", new long[] {w.size(0)})}
                : new String[] {in, param(name, layer, "W", null)};
        Onnx.NodeProto.Builder n = node("Conv", out, args)
                .addAttribute(ints("kernel_shape", c.getKernelSize()))
                .addAttribute(ints("strides", c.getStride()))
                .addAttribute(ints("dilations", c.getDilation()));
        padding(name, n, c.getConvolutionMode(), c.getPadding());
        return out;
    }

    private void pool(String name, SubsamplingLayer s, String in) {
        boolean max = s.getPoolingType() == PoolingType.MAX;
        if (!max && s.getPoolingType() != PoolingType.AVG) {
            throw unsupported(name, s.getPoolingType() + " pooling");
        }
        Onnx.NodeProto.Builder n = node(max ? "MaxPool" : "AveragePool", name, in)
                .addAttribute(ints("kernel_shape", s.getKernelSize()))
                .addAttribute(ints("strides", s.getStride()));
        if (!max) {
            n.addAttribute(integer("count_include_pad", s.isAvgPoolIncludePadInDivisor() ? 1 : 0));
        }
        padding(name, n, s.getConvolutionMode(), s.getPadding());
    }

    private static void padding(String name, Onnx.NodeProto.Builder n, ConvolutionMode mode, int[] pad) {
        if (mode == ConvolutionMode.Same) {
            // DL4J's Same pads (k - 1) / 2 before and the rest after, as ONNX's SAME_UPPER
            n.addAttribute(Onnx.AttributeProto.newBuilder().setName("auto_pad")
                    .setType(Onnx.AttributeProto.AttributeType.STRING).setS(ByteString.copyFromUtf8("SAME_UPPER")));
        } else if (mode == ConvolutionMode.Truncate || mode == ConvolutionMode.Strict) {
            int[] both = new int[2 * pad.length];
            for (int i = 0; i < pad.length; i++) {
                both[i] = pad[i];
                both[i + pad.length] = pad[i];
            }
            n.addAttribute(ints("pads", both));
        } else {
            throw unsupported(name, mode + " convolution mode");
        }
    }

    /** The dense product x W + b, as the output name. */
    private String gemm(String name, Layer layer, String in) {
        String out = name + "/gemm";
        node("Gemm", out, in, param(name, layer, "W", null), param(name, layer, "b", new long[] {layer.getParam("b")
                .length()}));
        return out;
    }

    private void activation(String name, IActivation a, String in) {
        switch (a) {
            case ActivationIdentity i -> node("Identity", name, in);
            case ActivationReLU r when r.getMax() == null && zeroOrUnset(r.getThreshold())
                    && zeroOrUnset(r.getNegativeSlope()) -> node("Relu", name, in);
            case ActivationSoftmax s -> node("Softmax", name, in).addAttribute(integer("axis", 1));
            default -> throw unsupported(name, a + " activation");
        }
    }

    private static boolean zeroOrUnset(Double v) {
        return v == null || v == 0;
    }

    /** Adds layer's parameter key as a float initializer (reshaped to shape unless null); returns its name. */
    private String param(String layerName, Layer layer, String key, long[] shape) {
        INDArray p = layer.getParam(key);
        if (p == null) {
            throw unsupported(layerName, "a layer without parameter " + key);
        }
        float[] values = p.castTo(DataType.FLOAT).dup('c').data().asFloat();
        long[] dims = shape == null ? p.shape() : shape;
        if (Arrays.stream(dims).reduce(1, (x, y) -> x * y) != values.length) {
            throw unsupported(layerName, "parameter " + key + " of shape " + Arrays.toString(p.shape()));
        }
        ByteBuffer raw = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        raw.asFloatBuffer().put(values);
        String name = layerName + "/" + key;
        Onnx.TensorProto.Builder t = Onnx.TensorProto.newBuilder().setName(name).setDataType(FLOAT)
                .setRawData(ByteString.copyFrom(raw.array()));
        for (long d : dims) {
            t.addDims(d);
        }
        graph.addInitializer(t);
        return name;
    }

    private Onnx.NodeProto.Builder node(String op, String out, String... in) {
        Onnx.NodeProto.Builder n = graph.addNodeBuilder().setOpType(op).setName(out).addOutput(out);
        for (String i : in) {
            n.addInput(i);
        }
        return n;
    }

    private static Onnx.AttributeProto integer(String name, int value) {
        return Onnx.AttributeProto.newBuilder().setName(name).setType(Onnx.AttributeProto.AttributeType.INT)
                .setI(value).build();
    }

    private static Onnx.AttributeProto ints(String name, int... values) {
        Onnx.AttributeProto.Builder a = Onnx.AttributeProto.newBuilder().setName(name)
                .setType(Onnx.AttributeProto.AttributeType.INTS);
        for (int v : values) {
            a.addInts(v);
        }
        return a.build();
    }

    private static Onnx.ValueInfoProto valueInfo(String name, long[] shape) {
        Onnx.TensorShapeProto.Builder s = Onnx.TensorShapeProto.newBuilder();
        for (int i = 0; i < shape.length; i++) {
            s.addDim(i == 0 || shape[i] < 0 ? Onnx.TensorShapeProto.Dimension.newBuilder().setDimParam(i == 0 ? "batch"
                    : "d" + i) : Onnx.TensorShapeProto.Dimension.newBuilder().setDimValue(shape[i]));
        }
        return Onnx.ValueInfoProto.newBuilder().setName(name)
                .setType(Onnx.TypeProto.newBuilder().setTensorType(Onnx.TypeProto.Tensor.newBuilder()
                        .setElemType(FLOAT).setShape(s)))
                .build();
    }

    private static UnsupportedOperationException unsupported(String vertex, String what) {
        return new UnsupportedOperationException("ONNX export: vertex " + vertex + ": " + what + " is not supported");
    }
}
