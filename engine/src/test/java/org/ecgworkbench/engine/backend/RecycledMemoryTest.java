package org.ecgworkbench.engine.backend;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Memory is handed out again only once the array that held it is closed, and stays usable after that close. */
class RecycledMemoryTest {

    /** 3 MB: above the 2 MB from which filters take their outputs here. */
    private static final long N = 3L << 17;

    private static long address(INDArray a) {
        return a.data().addressPointer().address();
    }

    @Test
    void closedArraysMemoryIsReusedAndStillWritable() {
        INDArray first = RecycledMemory.float64(N);
        assertEquals(DataType.DOUBLE, first.dataType());
        assertEquals(N, first.length());
        long at = address(first);
        first.assign(1.0);
        first.close();
        INDArray second = RecycledMemory.float64(N);
        assertEquals(at, address(second), "a closed array's memory is handed out again");
        second.assign(2.5);
        assertEquals(2.5 * N, second.sumNumber().doubleValue(), 0.0);
        second.close();
    }

    @Test
    void memoryOfAnArrayStillHeldIsNeverHandedOut() {
        INDArray held = RecycledMemory.float64(N);
        held.assign(7.0);
        INDArray view = held.reshape(N / 2, 2);
        INDArray other = RecycledMemory.float64(N);
        assertNotEquals(address(held), address(other));
        other.assign(-1.0);
        assertEquals(7.0 * N, view.sumNumber().doubleValue(), 0.0, "the held result is untouched");
        held.close();
        other.close();
    }

    @Test
    void requestsAboveTheCapAreNotKept() {
        long before = RecycledMemory.keptBytes();
        INDArray big = RecycledMemory.float64(RecycledMemory.MAX_BYTES / Double.BYTES + 1);
        assertEquals(before, RecycledMemory.keptBytes());
        big.putScalar(big.length() - 1, 3.0);
        assertEquals(3.0, big.getDouble(big.length() - 1), 0.0);
        big.close();
        assertTrue(big.wasClosed());
        assertTrue(RecycledMemory.keptBytes() <= RecycledMemory.MAX_BYTES);
    }

    @Test
    void arraysComeInTheAskedShapeAndCanBeClosed() {
        INDArray a = RecycledMemory.float64(3, N / 3);
        assertArrayEquals(new long[] {3, N / 3}, a.shape());
        assertEquals('c', a.ordering());
        assertFalse(a.isView(), "a view could not be closed, and its memory would never come back");
        assertTrue(a.closeable());
        a.close();
        assertTrue(a.wasClosed());
    }
}
