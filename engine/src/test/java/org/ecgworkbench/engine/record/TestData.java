package org.ecgworkbench.engine.record;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates the real data folder given by the ecg.shared.data system property; skips tests when absent. */
public final class TestData {

    public static final String[] MITDB = {
        "101", "102", "104", "106", "107", "108", "109", "112", "114", "115", "116", "118", "119",
        "122", "124", "201", "203", "205", "207", "208", "209", "215", "217", "220", "223", "230",
    };

    private TestData() {
    }

    /** The folder of a data set (e.g. "mitdb"), skipping the calling test when it is absent. */
    public static Path dir(String dataset) {
        String root = System.getProperty("ecg.shared.data", "/work/shared/data");
        Path dir = Path.of(root, dataset);
        assumeTrue(Files.isDirectory(dir), "real data folder " + dir + " is absent; test skipped");
        return dir;
    }
}
