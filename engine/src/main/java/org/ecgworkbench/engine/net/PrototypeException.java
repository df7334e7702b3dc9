package org.ecgworkbench.engine.net;

import java.io.IOException;
import java.nio.file.Path;

/** A prototype that is not valid JSON or breaks the schema; names the file (when there is one), the field and the reason. */
public final class PrototypeException extends IOException {

    private final transient Path file;
    private final String field;
    private final String reason;

    /** The file (null for a prototype not read from a file), the JSON field path (e.g. "optimizer.learning_rate") and why. */
    public PrototypeException(Path file, String field, String reason) {
        super((file == null ? "prototype" : file.toString()) + ": " + (field == null || field.isEmpty() ? "" : "field \""
                + field + "\": ") + reason);
        this.file = file;
        this.field = field;
        this.reason = reason;
    }

    /** The file concerned, or null. */
    public Path file() {
        return file;
    }

    /** The JSON path of the offending field, or "" for the whole document. */
    public String field() {
        return field;
    }

    /** Why the value is refused, without file or field. */
    public String reason() {
        return reason;
    }

    /** The same error, attributed to a file. */
    public PrototypeException in(Path file) {
        return new PrototypeException(file, field, reason);
    }
}
