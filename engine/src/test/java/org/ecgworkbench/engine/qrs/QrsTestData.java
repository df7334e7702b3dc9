package org.ecgworkbench.engine.qrs;

import java.nio.file.Path;

import org.ecgworkbench.engine.record.TestData;

/** The non-paced MIT-BIH records, and the shared data folder (skipping tests when it is absent). */
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
        return TestData.dir(dataset);
    }
}
