package org.ecgworkbench.engine.net;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.util.HashMap;
import java.util.Map;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A network exported by {@link OnnxExport} and run by ONNX Runtime (CPU). One session answers concurrent calls (ONNX
 * Runtime's sessions are thread-safe), each call on its caller's thread plus the session's intra-op threads.
 */
public final class OnnxNetwork implements Forward, AutoCloseable {

    /** Largest difference of any probability from DL4J's for {@link #checked} to accept the export. */
    public static final double TOLERANCE = 1e-4;

    private final OrtEnvironment env;
    private final OrtSession session;
    private final String[] inputs;
    private final byte[] model;

    private OnnxNetwork(OrtEnvironment env, OrtSession session, String[] inputs, byte[] model) {
        this.env = env;
        this.session = session;
        this.inputs = inputs;
        this.model = model;
    }

    /**
     * net (built by b) exported to ONNX and opened with threads intra-op threads (1: the caller's thread alone). Fails
     * with {@link UnsupportedOperationException} when the export does not cover the network, with
     * {@link IllegalStateException} when ONNX Runtime cannot load or run here.
     */
    public static OnnxNetwork of(ComputationGraph net, NetworkBuilder b, int threads) {
        byte[] model = OnnxExport.of(net, b);
        try {
            OrtEnvironment env = OrtEnvironment.getEnvironment();
            OrtSession.SessionOptions o = new OrtSession.SessionOptions();
            o.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            o.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
            o.setIntraOpNumThreads(threads);
            // Spinning pool threads take the cores that request parsing and feature extraction need: single-client
            // p99 29-39 ms with spinning against 18-23 ms without (bench serve, 2 cores, no warm-up).
            o.addConfigEntry("session.intra_op.allow_spinning", "0");
            return new OnnxNetwork(env, env.createSession(model, o), b.inputNames(), model);
        } catch (OrtException | LinkageError e) {
            // LinkageError: the native library missing or unloadable here (UnsatisfiedLinkError, or the
            // ExceptionInInitializerError / NoClassDefFoundError of OrtEnvironment's static loader)
            throw new IllegalStateException("ONNX Runtime cannot open the exported network: " + e.getMessage(), e);
        }
    }

    /**
     * As {@link #of}, and checked: an {@link IllegalStateException} says by how much when any probability differs from
     * DL4J's own forward pass of net by more than {@link #TOLERANCE} on random inputs.
     */
    public static OnnxNetwork checked(ComputationGraph net, NetworkBuilder b, int threads) {
        OnnxNetwork onnx = of(net, b, threads);
        double d = Forward.maxDifference(onnx, Forward.of(net), b);
        if (!(d <= TOLERANCE)) {
            onnx.close();
            throw new IllegalStateException("ONNX Runtime's probabilities differ from DL4J's by " + d + " (more than "
                    + TOLERANCE + ")");
        }
        return onnx;
    }

    /** The ONNX model this network runs (protobuf bytes, as a .onnx file holds them). */
    public byte[] model() {
        return model.clone();
    }

    /** ONNX Runtime's version, as its library reports it. */
    public static String version() {
        return OrtEnvironment.getEnvironment().getVersion();
    }

    @Override
    public float[][] output(INDArray[] batch) {
        Map<String, OnnxTensor> feed = new HashMap<>();
        try {
            for (int i = 0; i < inputs.length; i++) {
                INDArray x = batch[i].castTo(DataType.FLOAT);
                feed.put(inputs[i], OnnxTensor.createTensor(env, FloatBuffer.wrap(x.dup('c').data().asFloat()),
                        x.shape()));
            }
            try (OrtSession.Result r = session.run(feed)) {
                return (float[][]) r.get(0).getValue();
            }
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime: " + e.getMessage(), e);
        } finally {
            feed.values().forEach(OnnxTensor::close);
        }
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime: " + e.getMessage(), e);
        }
    }
}
