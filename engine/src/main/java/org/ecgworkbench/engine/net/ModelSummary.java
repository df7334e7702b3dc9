package org.ecgworkbench.engine.net;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.GraphVertex;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What a prototype builds: every layer and vertex in topological order with its output shape (per example) and
 * parameter count, and the totals. DL4J counts batch-norm running means and variances as parameters; PyTorch keeps
 * them as buffers, so the "trainable" total (DL4J's minus those) is the number PyTorch reports.
 *
 * @param rows       one per layer or vertex
 * @param total      all parameters as DL4J counts them
 * @param runningStats batch-norm running means and variances among them
 */
public record ModelSummary(List<Row> rows, long total, long runningStats) {

    /** One layer or vertex: name, DL4J type, output shape per example (channels x length, or width), parameters. */
    public record Row(String name, String type, String output, long params) {
    }

    /** Trainable parameters (PyTorch's count). */
    public long trainable() {
        return total - runningStats;
    }

    /** The summary of p's network in the given layout. */
    public static ModelSummary of(Prototype p, NetworkBuilder.Layout layout) {
        NetworkBuilder b = new NetworkBuilder(p, layout, null);
        ComputationGraphConfiguration conf = b.configuration();
        ComputationGraph net = new ComputationGraph(conf);
        net.init();
        return of(net, b.inputTypes());
    }

    /** The summary of a built network whose inputs have the given types. */
    public static ModelSummary of(ComputationGraph net, InputType... inputTypes) {
        ComputationGraphConfiguration conf = net.getConfiguration();
        Map<String, InputType> types = conf.getLayerActivationTypes(inputTypes);
        List<Row> rows = new ArrayList<>();
        long stats = 0;
        for (int idx : net.topologicalSortOrder()) {
            GraphVertex v = net.getVertices()[idx];
            String name = v.getVertexName();
            long params = 0;
            String type;
            if (v.isInputVertex()) {
                type = "Input";
            } else if (v.hasLayer()) {
                Layer l = v.getLayer();
                params = l.numParams();
                type = l.conf().getLayer().getClass().getSimpleName();
                Map<String, INDArray> table = l.paramTable();
                for (String key : List.of("mean", "var")) {
                    if (table.containsKey(key) && l.conf().getLayer() instanceof BatchNormalization) {
                        stats += table.get(key).length();
                    }
                }
            } else {
                type = conf.getVertices().get(name).getClass().getSimpleName();
            }
            rows.add(new Row(name, type, shape(types.get(name)), params));
        }
        return new ModelSummary(List.copyOf(rows), net.numParams(), stats);
    }

    private static String shape(InputType t) {
        if (t == null) {
            return "?";
        }
        return switch (t) {
            case InputType.InputTypeConvolutional c -> c.getChannels() + " x " + c.getWidth();
            case InputType.InputTypeRecurrent r -> r.getSize() + " x " + r.getTimeSeriesLength();
            case InputType.InputTypeFeedForward f -> Long.toString(f.getSize());
            default -> t.toString();
        };
    }

    /** A printable table and totals. */
    public String text() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%-26s %-22s %-14s %10s%n", "layer", "type", "output", "params"));
        for (Row r : rows) {
            sb.append(String.format(Locale.ROOT, "%-26s %-22s %-14s %10d%n", r.name(), r.type(), r.output(), r.params()));
        }
        sb.append(String.format(Locale.ROOT, "parameters: %,d (DL4J count), of which batch-norm running statistics"
                + " %,d; trainable %,d (PyTorch count)%n", total, runningStats, trainable()));
        return sb.toString();
    }
}
