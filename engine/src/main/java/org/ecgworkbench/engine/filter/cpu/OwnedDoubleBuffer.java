package org.ecgworkbench.engine.filter.cpu;

import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.indexer.DoubleIndexer;
import org.ecgworkbench.engine.backend.HugePages;
import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.cpu.nativecpu.buffer.DoubleBuffer;

/**
 * A float64 ND4J CPU buffer over memory of its own that it frees when it is closed ({@code INDArray.close()}), not
 * only when the garbage collector gets to it. The CPU filter path returns its fresh outputs in these: the memory is
 * a plain JavaCPP allocation, left untouched so that huge pages can be advised before the filter first writes it
 * (ND4J's own allocation writes every page first), and ND4J's buffer over an external pointer would never free it.
 * Freeing at close matters for speed, not only memory: measured here, first-touching a fresh 74 MB output right after
 * the previous one was freed costs 7 ms, and 40-50 ms while that memory is still held.
 *
 * <p>This class is CPU-backend only: the {@code cuda} build profile leaves it out, and callers look it up by name.
 */
public final class OwnedDoubleBuffer extends DoubleBuffer {

    private final DoublePointer memory;

    private OwnedDoubleBuffer(DoublePointer memory, long n) {
        super(memory, DoubleIndexer.create(memory), n);
        this.memory = memory;
    }

    /** A new buffer of n float64 values, not initialised, huge pages advised where it is large enough. */
    public static DataBuffer allocate(long n) {
        DoublePointer memory = new DoublePointer(n);
        HugePages.advise(memory.address(), n * Double.BYTES);
        return new OwnedDoubleBuffer(memory, n);
    }

    @Override
    protected void release() {
        super.release();
        memory.deallocate();
    }
}
