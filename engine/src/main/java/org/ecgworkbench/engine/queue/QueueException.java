package org.ecgworkbench.engine.queue;

import java.io.IOException;
import java.nio.file.Path;

/** Bad queue input or a queue file that cannot be used: names the file (or argument) and the reason. */
public final class QueueException extends IOException {

    /** file: the file or folder concerned (null when the error is about an argument); reason: why. */
    public QueueException(Path file, String reason) {
        super(file == null ? reason : file + ": " + reason);
    }

    /** The same, with the underlying cause. */
    public QueueException(Path file, String reason, Throwable cause) {
        super(file == null ? reason : file + ": " + reason, cause);
    }
}
