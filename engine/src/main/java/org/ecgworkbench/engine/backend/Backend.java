package org.ecgworkbench.engine.backend;

import java.util.Locale;
import java.util.Map;

import org.bytedeco.javacpp.Loader;
import org.nd4j.linalg.factory.Nd4j;

/** The active ND4J backend as a user needs to see it: CPU or GPU, and which native binary was loaded. */
public record Backend(String kind, String binary, String blasVendor, int threads) {

    /** Reads the backend ND4J initialised (initialising it if needed). */
    public static Backend active() {
        String name = Nd4j.getBackend().getClass().getSimpleName().toLowerCase(Locale.ROOT);
        String kind = name.contains("cuda") || name.contains("cublas") ? "GPU (CUDA)" : "CPU";
        Map<String, String> libs = Loader.getLoadedLibraries();
        String binary = libs.entrySet().stream()
                .filter(e -> e.getKey().contains("nd4j") && e.getValue() != null)
                .map(e -> classifier(e.getValue()))
                .findFirst().orElse("unknown");
        Object vendor = Nd4j.getExecutioner().getEnvironmentInformation().get("blas.vendor");
        return new Backend(kind, binary, vendor == null ? "unknown" : vendor.toString(),
                Nd4j.getEnvironment().maxMasterThreads());
    }

    /** The classifier (e.g. linux-x86_64-avx512) from the path JavaCPP extracted a native library to. */
    static String classifier(String libraryPath) {
        String p = libraryPath.replace('\\', '/');
        int i = p.indexOf("/bindings/");
        if (i < 0) {
            return p;
        }
        String rest = p.substring(i + "/bindings/".length());
        int slash = rest.indexOf('/');
        return slash < 0 ? rest : rest.substring(0, slash);
    }

    @Override
    public String toString() {
        return kind + ", " + binary + ", BLAS " + blasVendor + ", " + threads + " threads";
    }
}
