package org.ecgworkbench.engine.io;

import java.io.IOException;
import java.nio.file.Path;

/** A .npy file that cannot be read as NumPy's format defines; names the file, the byte offset and the reason. */
public final class NpyFormatException extends IOException {

    private final transient Path file;
    private final long offset;

    /** A problem at a 0-based byte offset of the file (-1: the file as a whole). */
    public NpyFormatException(Path file, long offset, String reason) {
        super(file + (offset >= 0 ? " byte " + offset : "") + ": " + reason);
        this.file = file;
        this.offset = offset;
    }

    /** The file that could not be read. */
    public Path file() {
        return file;
    }

    /** 0-based byte offset of the problem, -1 when it concerns the whole file. */
    public long offset() {
        return offset;
    }
}
