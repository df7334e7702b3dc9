package org.ecgworkbench.engine.backend;

import java.lang.invoke.MethodHandle;

/**
 * How ND4J's OpenMP threads (libgomp) wait between native ops, set in the process environment before ND4J loads
 * libgomp, which reads it once when it is loaded.
 *
 * <p>Why: by default an idle OpenMP thread spins before it sleeps. Between ND4J's ops a training step runs Java code
 * on Java threads (the batch norm layer's passes, the input pipeline), and on this 2-core machine the spinning thread
 * took a core from them: {@code perf} put 22 % of a {@code resnet1d-small} training step in libgomp's spin loop, and
 * with {@code OMP_WAIT_POLICY=PASSIVE} the step took 859-937 ms against 941-995 ms (bench train-step, alternated).
 */
public final class OpenMp {

    /** The variable libgomp reads. */
    public static final String WAIT_POLICY = "OMP_WAIT_POLICY";

    private static final MethodHandle SETENV = NativeCall.find("setenv", "JAVA_INT", "ADDRESS", "ADDRESS", "JAVA_INT");
    private static final MethodHandle GETENV = NativeCall.find("getenv", "ADDRESS", "ADDRESS");

    private OpenMp() {
    }

    /**
     * Sets OMP_WAIT_POLICY=PASSIVE in the process environment unless the user has set it; true when it is PASSIVE
     * afterwards. Takes effect only when called before ND4J is first used (main's first statement).
     */
    public static boolean passiveWaitUnlessSet() {
        String user = System.getenv(WAIT_POLICY);
        if (user != null) {
            return user.equalsIgnoreCase("PASSIVE");
        }
        return setenv(WAIT_POLICY, "PASSIVE") && "PASSIVE".equals(getenv(WAIT_POLICY));
    }

    /** OMP_WAIT_POLICY as native libraries see it ("default" when unset or unreadable). */
    public static String waitPolicy() {
        String v = getenv(WAIT_POLICY);
        return v == null ? "default" : v;
    }

    /** Sets a variable of the C library's environment (what native libraries read); false when it cannot. */
    static boolean setenv(String name, String value) {
        if (SETENV == null) {
            return false;
        }
        try {
            return (int) SETENV.invokeWithArguments(NativeCall.cString(name), NativeCall.cString(value), 1) == 0;
        } catch (Throwable e) {
            return false;
        }
    }

    /** A variable of the C library's environment as native code sees it now (null: unset, or cannot be read). */
    static String getenv(String name) {
        if (GETENV == null) {
            return null;
        }
        try {
            Object p = GETENV.invokeWithArguments(NativeCall.cString(name));
            Class<?> segment = Class.forName("java.lang.foreign.MemorySegment");
            if ((long) segment.getMethod("address").invoke(p) == 0) {
                return null;
            }
            Object whole = segment.getMethod("reinterpret", long.class).invoke(p, Long.MAX_VALUE);
            return (String) segment.getMethod("getString", long.class).invoke(whole, 0L);
        } catch (Throwable e) {
            return null;
        }
    }
}
