package org.ecgworkbench.engine.train;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.ecgworkbench.engine.net.NetworkBuilder;
import org.ecgworkbench.engine.net.Prototype;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Evidence that every input of a network is used: for each entry level (signal channels, fixed features,
 * suggestions), what it is, the standard deviation of its first batch (it carried data) and the norm of the loss
 * gradient on the weights that read it (the loss depends on it). Recorded once, at the start of a run.
 */
final class InputUse {

    private InputUse() {
    }

    /** Writes the "inputs" section of run.json from the first batch; leaves the network's parameters unchanged. */
    static void record(ObjectNode run, Prototype p, ComputationGraph net, MultiDataSet first, String suggestionsSha) {
        ObjectNode inputs = run.putObject("inputs");
        net.setInputs(first.getFeatures());
        net.setLabels(first.getLabels());
        net.computeGradientAndScore();
        Map<String, INDArray> g = net.gradient().gradientForVariable();
        String[] names = new NetworkBuilder(p, NetworkBuilder.DEFAULT_LAYOUT, null).inputNames();
        for (int k = 0; k < names.length; k++) {
            ObjectNode in = inputs.putObject(names[k]);
            INDArray x = first.getFeatures(k);
            ArrayNode shape = in.putArray("shape");
            for (long d : x.shape()) {
                shape.add(d);
            }
            in.put("first_batch_std", x.stdNumber().doubleValue());
            switch (names[k]) {
                case NetworkBuilder.SIGNAL -> {
                    ArrayNode ch = in.putArray("channels");
                    p.input().channels().forEach(ch::add);
                    in.put("gradient_norm", norm(g.get((p.family() == Prototype.Family.RESNET1D ? "stem" : "block1")
                            + "_W")));
                }
                case NetworkBuilder.FEATURES -> {
                    ArrayNode list = in.putArray("names");
                    p.features().forEach(list::add);
                    INDArray w = g.get((p.headUnits() > 0 ? "head" : p.suggestions() == null ? "output" : "logits_signal")
                            + "_W");
                    long rows = w.size(0);
                    INDArray featureRows = w.get(NDArrayIndex.interval(rows - p.features().size(), rows),
                            NDArrayIndex.all());
                    in.put("gradient_norm", norm(featureRows));
                }
                default -> {
                    in.put("file", p.suggestions().file());
                    in.put("sha256", suggestionsSha);
                    in.put("gradient_norm", norm(g.get("logits_suggestions_W")));
                }
            }
        }
        net.clear();
    }

    private static double norm(INDArray a) {
        return a == null ? 0 : a.norm2Number().doubleValue();
    }
}
