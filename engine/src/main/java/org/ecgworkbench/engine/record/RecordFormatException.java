package org.ecgworkbench.engine.record;

import java.io.IOException;
import java.nio.file.Path;

/** A recording file that cannot be read as its format defines; names the file, the position and the reason. */
public final class RecordFormatException extends IOException {

    /** What {@link #position()} counts. */
    public enum PositionKind {
        /** 1-based line number of a text file. */
        LINE,
        /** 0-based byte offset of a binary file. */
        BYTE_OFFSET,
        /** The problem concerns the file as a whole. */
        NONE
    }

    private final transient Path file;
    private final PositionKind positionKind;
    private final long position;
    private final String reason;

    private RecordFormatException(Path file, PositionKind kind, long position, String reason, Throwable cause) {
        super(describe(file, kind, position, reason), cause);
        this.file = file;
        this.positionKind = kind;
        this.position = position;
        this.reason = reason;
    }

    /** A problem at a 1-based line of a text file. */
    public static RecordFormatException atLine(Path file, long line, String reason) {
        return new RecordFormatException(file, PositionKind.LINE, line, reason, null);
    }

    /** A problem at a 0-based byte offset of a binary file. */
    public static RecordFormatException atByte(Path file, long offset, String reason) {
        return new RecordFormatException(file, PositionKind.BYTE_OFFSET, offset, reason, null);
    }

    /** A problem with the file as a whole. */
    public static RecordFormatException of(Path file, String reason) {
        return new RecordFormatException(file, PositionKind.NONE, -1, reason, null);
    }

    /** A problem with the file as a whole, caused by a lower-level failure such as an unreadable file. */
    public static RecordFormatException of(Path file, String reason, Throwable cause) {
        return new RecordFormatException(file, PositionKind.NONE, -1, reason, cause);
    }

    private static String describe(Path file, PositionKind kind, long position, String reason) {
        String where = switch (kind) {
            case LINE -> " line " + position;
            case BYTE_OFFSET -> " byte " + position;
            case NONE -> "";
        };
        return file + where + ": " + reason;
    }

    /** The file that could not be read. */
    public Path file() {
        return file;
    }

    /** Whether {@link #position()} is a line number, a byte offset or absent. */
    public PositionKind positionKind() {
        return positionKind;
    }

    /** The 1-based line number or 0-based byte offset of the problem, -1 when it concerns the whole file. */
    public long position() {
        return position;
    }

    /** The reason alone, without file and position. */
    public String reason() {
        return reason;
    }
}
