package org.ecgworkbench.app.serve;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** This process's resident set size, from Linux's /proc/self/status (VmRSS). */
public final class ResidentMemory {

    private static final Path STATUS = Path.of("/proc/self/status");

    private ResidentMemory() {
    }

    /** The Java heap the JVM has committed, in MiB (RSS includes it once touched). */
    public static double heapCommittedMebibytes() {
        return Runtime.getRuntime().totalMemory() / 1048576.0;
    }

    /** Off-heap memory ND4J holds through JavaCPP (arrays, workspaces), in MiB. */
    public static double nativeMebibytes() {
        return org.bytedeco.javacpp.Pointer.totalBytes() / 1048576.0;
    }

    /** VmRSS in MiB, or NaN where /proc is absent (not Linux). */
    public static double mebibytes() {
        try {
            for (String line : Files.readAllLines(STATUS)) {
                if (line.startsWith("VmRSS:")) {
                    String kb = line.substring("VmRSS:".length()).replace("kB", "").strip();
                    return Long.parseLong(kb) / 1024.0;
                }
            }
        } catch (IOException | NumberFormatException e) {
            // no /proc: report NaN rather than fail a benchmark
        }
        return Double.NaN;
    }
}
