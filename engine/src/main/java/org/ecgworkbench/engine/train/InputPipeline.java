package org.ecgworkbench.engine.train;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.dataset.api.MultiDataSetPreProcessor;
import org.nd4j.linalg.dataset.api.iterator.MultiDataSetIterator;

/**
 * The trainer's input: a DL4J {@link MultiDataSetIterator} whose batches are assembled by N worker threads ahead
 * of the consumer, at most {@code capacity} batches in flight (the bounded queue), and handed out in order.
 *
 * <p>Deterministic for a seed whatever the worker count: batch b of an epoch is assembled from a fixed slice of
 * that epoch's example order with its own generator, seeded from (seed, epoch, b), so neither the thread that
 * builds it nor the timing can change it. A worker's exception is rethrown by {@link #next()} as a
 * {@link PipelineException} carrying the cause; {@link #close()} stops the workers and waits for them.
 */
public final class InputPipeline implements MultiDataSetIterator, AutoCloseable {

    private static final AtomicInteger POOLS = new AtomicInteger();

    private final BatchAssembler assembler;
    private final List<Example> examples;
    private final int batchSize;
    private final long seed;
    private final int epoch;
    private final int capacity;
    private final ExecutorService workers;
    private final ArrayDeque<Future<MultiDataSet>> inFlight = new ArrayDeque<>();
    private final AtomicLong waitNanos = new AtomicLong();
    private final String threadPrefix;
    private MultiDataSetPreProcessor preProcessor;
    private int nextToSubmit;
    private int nextToTake;
    private int start;

    /**
     * A pipeline over examples (in the order given; shuffle them with {@link #shuffled}) in batches of batchSize
     * (the last may be smaller), with the given number of worker threads and batches in flight.
     */
    public InputPipeline(BatchAssembler assembler, List<Example> examples, int batchSize, long seed, int epoch,
                         int workers, int capacity) {
        if (batchSize < 1 || workers < 1 || capacity < 1) {
            throw new IllegalArgumentException("batch size, workers and capacity must be at least 1");
        }
        this.assembler = assembler;
        this.examples = List.copyOf(examples);
        this.batchSize = batchSize;
        this.seed = seed;
        this.epoch = epoch;
        this.capacity = capacity;
        this.threadPrefix = "ecg-pipeline-" + POOLS.incrementAndGet() + "-";
        AtomicInteger n = new AtomicInteger();
        ThreadFactory tf = r -> {
            Thread t = new Thread(r, threadPrefix + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        this.workers = Executors.newFixedThreadPool(workers, tf);
    }

    /** The examples of items in a seeded random order (epoch-specific), each with a random crop. */
    public static List<Example> shuffled(int[] items, long seed, int epoch) {
        List<Example> out = new ArrayList<>(items.length);
        for (int i : items) {
            out.add(new Example(i, Example.RANDOM));
        }
        Collections.shuffle(out, new Random(mix(seed, epoch, -1)));
        return out;
    }

    /** Number of batches in one pass. */
    public int batches() {
        return (examples.size() + batchSize - 1) / batchSize;
    }

    /** Starts the pass at batch b (resuming an interrupted epoch); batches before it are skipped, not assembled. */
    public void startAt(int b) {
        cancelInFlight();
        start = b;
        nextToSubmit = b;
        nextToTake = b;
    }

    /** Index of the batch the next call to {@link #next()} returns. */
    public int position() {
        return nextToTake;
    }

    /** Total time the consumer has waited for batches, in nanoseconds. */
    public long waitNanos() {
        return waitNanos.get();
    }

    @Override
    public boolean hasNext() {
        return nextToTake < batches();
    }

    @Override
    public MultiDataSet next() {
        if (!hasNext()) {
            throw new NoSuchElementException("no batch left in this pass");
        }
        fill();
        Future<MultiDataSet> f = inFlight.removeFirst();
        long t0 = System.nanoTime();
        MultiDataSet ds;
        try {
            ds = f.get();
        } catch (ExecutionException e) {
            close();
            throw new PipelineException("assembling batch " + nextToTake + " of epoch " + epoch + " failed: "
                    + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            throw new PipelineException("interrupted while waiting for batch " + nextToTake, e);
        } finally {
            waitNanos.addAndGet(System.nanoTime() - t0);
        }
        nextToTake++;
        fill();
        if (preProcessor != null) {
            preProcessor.preProcess(ds);
        }
        return ds;
    }

    @Override
    public MultiDataSet next(int num) {
        throw new UnsupportedOperationException("batch size is fixed by the pipeline");
    }

    private void fill() {
        while (inFlight.size() < capacity && nextToSubmit < batches()) {
            int b = nextToSubmit++;
            List<Example> slice = examples.subList(b * batchSize, Math.min(examples.size(), (b + 1) * batchSize));
            long s = mix(seed, epoch, b);
            inFlight.addLast(workers.submit(() -> assembler.assemble(slice, new Random(s))));
        }
    }

    private void cancelInFlight() {
        for (Future<MultiDataSet> f : inFlight) {
            f.cancel(true);
        }
        inFlight.clear();
    }

    @Override
    public void setPreProcessor(MultiDataSetPreProcessor preProcessor) {
        this.preProcessor = preProcessor;
    }

    @Override
    public MultiDataSetPreProcessor getPreProcessor() {
        return preProcessor;
    }

    @Override
    public boolean resetSupported() {
        return true;
    }

    @Override
    public boolean asyncSupported() {
        // Already asynchronous: DL4J must not wrap it in another prefetching thread.
        return false;
    }

    @Override
    public void reset() {
        startAt(start);
    }

    /** Stops the workers and waits until they have ended. */
    @Override
    public void close() {
        cancelInFlight();
        workers.shutdownNow();
        try {
            if (!workers.awaitTermination(30, TimeUnit.SECONDS)) {
                throw new PipelineException("pipeline workers did not stop within 30 s", null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Name prefix of this pipeline's worker threads. */
    public String threadPrefix() {
        return threadPrefix;
    }

    /** Whether every worker thread has ended. */
    public boolean terminated() {
        return workers.isTerminated();
    }

    /** A 64-bit seed from (seed, epoch, batch) by SplitMix64 finalisation, so neighbouring batches get unrelated streams. */
    static long mix(long seed, int epoch, int batch) {
        long z = seed * 0x9E3779B97F4A7C15L + epoch * 0xBF58476D1CE4E5B9L + batch * 0x94D049BB133111EBL + 0x632BE59BD9B4E019L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
