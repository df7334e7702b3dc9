package org.ecgworkbench.views.runs;

import java.nio.file.Path;
import java.util.List;

/**
 * What the "add runs" dialog asks for: one run per prototype file, each with the same overrides.
 *
 * @param prototypes prototype JSON files
 * @param dataset    the packed dataset (.h5)
 * @param overrides  "key=value" prototype overrides (dotted paths, e.g. optimizer.learning_rate=0.01)
 */
public record AddRunsRequest(List<Path> prototypes, Path dataset, List<String> overrides) {

    /** Copies the lists. */
    public AddRunsRequest {
        prototypes = List.copyOf(prototypes);
        overrides = List.copyOf(overrides);
    }
}
