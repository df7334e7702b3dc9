package org.ecgworkbench.engine.serve;

import java.io.IOException;
import java.nio.file.Path;

/** Loads the classifier of a run directory (what a reload calls, off the request threads). */
@FunctionalInterface
public interface ClassifierLoader {

    /** The classifier of runDir, or an IOException naming what is missing or unreadable. */
    Classifier load(Path runDir) throws IOException;
}
