package org.ecgworkbench.engine.backend;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;

import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.indexer.DoubleIndexer;
import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Native memory for large fresh float64 results (filter outputs), recycled once the array that held it was
 * closed or collected, as a caching allocator does. Why not plain allocation: memory this large comes from the
 * kernel as new pages on every call, and writing them the first time cost more than the filter that fills them
 * (page faults and zeroing, 42 ms for 74 MB in 4 KB pages, 16 ms with huge pages, measured here); a pipeline
 * filtering batch after batch of one size and closing each result gets the same warm memory back instead.
 *
 * <p>At most {@link #MAX_BYTES} are kept; larger requests, or requests while every kept buffer is in use and the
 * cap is reached, get memory of their own that JavaCPP frees when it is collected. A kept buffer is handed out
 * again only when its {@link DataBuffer} is closed or unreachable (every view of it included), so a result the
 * caller still holds is never written.
 */
public final class RecycledMemory {

    /** Most bytes kept for reuse, in use or not. */
    public static final long MAX_BYTES = 256L << 20;

    private static final List<Entry> ENTRIES = new ArrayList<>();

    private RecycledMemory() {
    }

    private static final class Entry {
        final DoublePointer memory;
        final long doubles;
        WeakReference<DataBuffer> holder;

        Entry(DoublePointer memory, long doubles) {
            this.memory = memory;
            this.doubles = doubles;
        }

        boolean free() {
            DataBuffer b = holder == null ? null : holder.get();
            return b == null || b.wasClosed();
        }
    }

    /** A new float64 C-order array of the given shape whose contents are unspecified (left over from earlier use). */
    public static synchronized INDArray float64(long... shape) {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        for (Entry e : ENTRIES) {
            if (e.doubles == n && e.free()) {
                return wrap(e, shape);
            }
        }
        long bytes = n * Double.BYTES;
        DoublePointer memory = new DoublePointer(n);
        // Huge pages must be asked for before the first write: that write is what maps the pages.
        HugePages.advise(memory.address(), bytes);
        Entry entry = new Entry(memory, n);
        if (bytes <= MAX_BYTES && makeRoom(bytes)) {
            ENTRIES.add(entry);
        }
        return wrap(entry, shape);
    }

    /** Bytes kept now, in use or not. */
    public static synchronized long keptBytes() {
        return ENTRIES.stream().mapToLong(e -> e.doubles * Double.BYTES).sum();
    }

    /** Frees kept buffers that are not in use until bytes more fit under the cap; returns whether they do. */
    private static boolean makeRoom(long bytes) {
        long kept = keptBytes();
        for (int i = 0; i < ENTRIES.size() && kept + bytes > MAX_BYTES; ) {
            Entry e = ENTRIES.get(i);
            if (e.free()) {
                ENTRIES.remove(i);
                kept -= e.doubles * Double.BYTES;
                e.memory.close();
            } else {
                i++;
            }
        }
        return kept + bytes <= MAX_BYTES;
    }

    private static INDArray wrap(Entry e, long[] shape) {
        DataBuffer buffer = Nd4j.createBuffer(e.memory, DataType.DOUBLE, e.doubles, DoubleIndexer.create(e.memory));
        e.holder = new WeakReference<>(buffer);
        return Nd4j.create(buffer, shape, Nd4j.getStrides(shape, 'c'), 0, 'c', DataType.DOUBLE);
    }
}
