package org.nd4j.nativeblas;

/**
 * Restores DL4J's oneDNN layer helpers on the CPU backend. DL4J 1.0.0-M2.1 ({@code BaseMKLDNNHelper.mklDnnEnabled})
 * asks {@code org.nd4j.nativeblas.Nd4jCpu$Environment.getInstance().isUseMKLDNN()} whether oneDNN is on, but ND4J
 * 1.0.0-M2.1 moved that class to {@code org.nd4j.linalg.cpu.nativecpu.bindings} and renamed the method
 * {@code isUseONEDNN}; the lookup fails, and every convolution, batch-norm and pooling layer silently falls back to
 * DL4J's Java im2col path: 10-20x slower training steps for our 1-D ResNets (measured, README "Performance"). This
 * class answers that lookup under the old name from the new binding. It only forwards a flag; it is never used by
 * our own code, and a DL4J release that fixes the lookup simply stops calling it.
 */
public final class Nd4jCpu {

    private Nd4jCpu() {
    }

    /** The old-named view of ND4J's native environment. */
    public static final class Environment {

        private static final Environment INSTANCE = new Environment();

        private Environment() {
        }

        /** The singleton DL4J looks up by reflection. */
        public static Environment getInstance() {
            return INSTANCE;
        }

        /** Whether the native library uses oneDNN (false when the CPU backend is not loaded). */
        public boolean isUseMKLDNN() {
            // Reflection, not a direct call: under -Pcuda the CPU binding is not on the compile classpath.
            try {
                Class<?> env = Class.forName("org.nd4j.linalg.cpu.nativecpu.bindings.Nd4jCpu$Environment");
                Object instance = env.getMethod("getInstance").invoke(null);
                return (Boolean) env.getMethod("isUseONEDNN").invoke(instance);
            } catch (ReflectiveOperationException | LinkageError e) {
                return false;
            }
        }
    }
}
