package org.ecgworkbench.engine.serve;

/** What runs a served model's network. */
public enum InferenceEngine {
    /** ONNX Runtime when the network exports and its outputs agree with DL4J's, DL4J otherwise. */
    AUTO,
    /** ONNX Runtime on the network's ONNX export; loading fails when it cannot be used. */
    ONNX,
    /** DL4J's own forward pass. */
    DL4J;

    /** The engine named name, in any case; an IllegalArgumentException lists the names otherwise. */
    public static InferenceEngine of(String name) {
        for (InferenceEngine e : values()) {
            if (e.name().equalsIgnoreCase(name.strip())) {
                return e;
            }
        }
        throw new IllegalArgumentException("engine must be auto, onnx or dl4j, got " + name);
    }
}
