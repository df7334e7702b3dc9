package org.ecgworkbench.engine.qrs;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates the real data folder given by the ecg.shared.data system property; skips tests when absent. */
final class QrsTestData {

    /** The non-paced MIT-BIH records of the shared folder. */
    static final String[] MITDB_NON_PACED = {
        "101", "106", "108", "109", "112", "114", "115", "116", "118", "119", "122",
        "124", "201", "203", "205", "207", "208", "209", "215", "220", "223", "230",
    };

    private QrsTestData() {
    }

    /** The folder of a data set (e.g. "mitdb"), skipping the calling test when it is absent. */
    static Path dir(String dataset) {
        String root = System.getProperty("ecg.shared.data", "/work/shared/data");
        Path dir = Path.of(root, dataset);
        assumeTrue(Files.isDirectory(dir), "real data folder " + dir + " is absent; test skipped");
        return dir;
    }
}
