package org.ecgworkbench.engine.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.Test;

class OpenMpTest {

    @Test
    void setenvReachesWhatNativeCodeReads() {
        assumeTrue(Runtime.version().feature() >= 22, "the FFM API is final from Java 22; on 21 nothing is set");
        String name = "ECG_WORKBENCH_OPENMP_TEST_" + ProcessHandle.current().pid();
        assertNull(OpenMp.getenv(name));
        assertTrue(OpenMp.setenv(name, "PASSIVE"));
        assertEquals("PASSIVE", OpenMp.getenv(name));
        // what the JVM captured at its start is not what native libraries read: the reason for setenv
        assertNull(System.getenv(name));
    }

    @Test
    void theWaitPolicyIsPassiveUnlessTheUserChoseOne() {
        assumeTrue(Runtime.version().feature() >= 22, "the FFM API is final from Java 22; on 21 nothing is set");
        String user = System.getenv(OpenMp.WAIT_POLICY);
        boolean passive = OpenMp.passiveWaitUnlessSet();
        if (user == null) {
            assertTrue(passive);
            assertEquals("PASSIVE", OpenMp.waitPolicy());
        } else {
            assertEquals(user.equalsIgnoreCase("PASSIVE"), passive);
            assertEquals(user, OpenMp.waitPolicy(), "the user's own setting is left alone");
        }
    }
}
