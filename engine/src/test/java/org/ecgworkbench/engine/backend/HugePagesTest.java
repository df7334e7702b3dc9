package org.ecgworkbench.engine.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Locale;

import org.bytedeco.javacpp.DoublePointer;
import org.junit.jupiter.api.Test;

/** madvise is bound where the JVM has the final FFM API on Linux, and advising never disturbs the memory. */
class HugePagesTest {

    @Test
    void bindsOnLinuxWithJava22OrNewer() {
        boolean linux = System.getProperty("os.name").toLowerCase(Locale.ROOT).contains("linux");
        assumeTrue(linux, "madvise is a Linux call; test skipped on " + System.getProperty("os.name"));
        assertEquals(Runtime.version().feature() >= 22, HugePages.available(),
                "Java " + Runtime.version() + ": FFM is final from 22 on");
    }

    @Test
    void advisingKeepsTheDataAndSkipsSmallBuffers() {
        DoublePointer small = new DoublePointer(1000);
        assertFalse(HugePages.advise(small.address(), 8000), "below 2 MB nothing is asked for");
        long n = 1 << 20;
        DoublePointer big = new DoublePointer(n);
        for (long i = 0; i < n; i += 4096) {
            big.put(i, i);
        }
        HugePages.advise(big.address(), n * Double.BYTES);
        for (long i = 0; i < n; i += 4096) {
            assertEquals(i, big.get(i));
        }
        small.deallocate();
        big.deallocate();
    }
}
