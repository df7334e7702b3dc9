package org.ecgworkbench.engine.dataset;

import java.io.IOException;
import java.nio.file.Path;

/** A packed dataset file (or a dataset being packed) that is not what the layout requires; names the file and the reason. */
public final class DatasetFormatException extends IOException {

    private final transient Path file;
    private final String reason;

    /** The file and why it is refused. */
    public DatasetFormatException(Path file, String reason) {
        this(file, reason, null);
    }

    /** The file, why it is refused, and the underlying error. */
    public DatasetFormatException(Path file, String reason, Throwable cause) {
        super(file + ": " + reason, cause);
        this.file = file;
        this.reason = reason;
    }

    /** The file concerned. */
    public Path file() {
        return file;
    }

    /** Why it is refused, without the file name. */
    public String reason() {
        return reason;
    }
}
