package org.ecgworkbench.engine.serve;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.function.Function;
import org.deeplearning4j.nn.graph.ComputationGraph;

/**
 * The copies of one network that inference threads borrow. {@code ComputationGraph.output} is not safe for concurrent
 * use on one instance (each layer keeps its last input and the graph its workspaces), so a call borrows a network for
 * its whole duration: a pool of one is a lock that serialises inference, a pool of N holds N - 1 clones
 * ({@code net.clone()}: parameters copied, N times the memory) that run concurrently. Waiting callers are served in
 * arrival order (a fair queue), which keeps the latency tail short when more requests arrive than there are copies.
 */
public final class NetworkPool {

    private final ArrayBlockingQueue<ComputationGraph> free;
    private final int size;

    /** A pool of copies networks: net itself and copies - 1 clones of it. */
    public NetworkPool(ComputationGraph net, int copies) {
        if (copies < 1) {
            throw new IllegalArgumentException("a network pool needs at least 1 copy, got " + copies);
        }
        free = new ArrayBlockingQueue<>(copies, true);
        free.add(net);
        for (int i = 1; i < copies; i++) {
            free.add(net.clone());
        }
        size = copies;
    }

    /** Number of networks (the most inferences that run at once). */
    public int size() {
        return size;
    }

    /** Runs f with a network no other thread uses meanwhile, waiting for one to be free. */
    public <T> T apply(Function<ComputationGraph, T> f) {
        ComputationGraph net = borrow();
        try {
            return f.apply(net);
        } finally {
            free.add(net);
        }
    }

    private ComputationGraph borrow() {
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
