package org.ecgworkbench.engine.serve;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.function.Function;
import java.util.function.IntFunction;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.ecgworkbench.engine.net.Forward;

/**
 * The copies of one network that inference threads borrow, a call borrowing one for its whole duration: a pool of one
 * is a lock that serialises inference, a pool of N runs N calls at once. {@code ComputationGraph.output} is not safe
 * for concurrent use on one instance (each layer keeps its last input and the graph its workspaces), so a DL4J pool of
 * N holds N - 1 clones ({@code net.clone()}: parameters copied, N times the memory); a thread-safe network (an ONNX
 * Runtime session) is shared by its N slots. Waiting callers are served in arrival order (a fair queue), which keeps
 * the latency tail short when more requests arrive than there are copies.
 */
public final class NetworkPool {

    private final ArrayBlockingQueue<Forward> free;
    private final int size;

    /** A pool of copies DL4J networks: net itself and copies - 1 clones of it. */
    public NetworkPool(ComputationGraph net, int copies) {
        this(copies, i -> Forward.of(i == 0 ? net : net.clone()));
    }

    /** A pool of copies slots sharing one thread-safe network. */
    public NetworkPool(Forward threadSafe, int copies) {
        this(copies, i -> threadSafe);
    }

    private NetworkPool(int copies, IntFunction<Forward> copy) {
        if (copies < 1) {
            throw new IllegalArgumentException("a network pool needs at least 1 copy, got " + copies);
        }
        free = new ArrayBlockingQueue<>(copies, true);
        for (int i = 0; i < copies; i++) {
            free.add(copy.apply(i));
        }
        size = copies;
    }

    /** Number of networks (the most inferences that run at once). */
    public int size() {
        return size;
    }

    /** Runs f with a network no other thread uses meanwhile, waiting for one to be free. */
    public <T> T apply(Function<Forward, T> f) {
        Forward net = borrow();
        try {
            return f.apply(net);
        } finally {
            free.add(net);
        }
    }

    private Forward borrow() {
        // An interrupt must not lose the request being answered: wait on, and keep the interrupt for the caller.
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return free.take();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
