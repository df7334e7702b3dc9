package org.ecgworkbench.engine.record;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** File access for the readers: every failure becomes a RecordFormatException naming the file. */
final class Io {

    /** Largest array Java can allocate safely. */
    static final int MAX_ARRAY = Integer.MAX_VALUE - 16;

    private Io() {
    }

    /** The size of a file in bytes. */
    static long size(Path file) throws RecordFormatException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            return ch.size();
        } catch (NoSuchFileException e) {
            throw RecordFormatException.of(file, "file not found", e);
        } catch (IOException | UnsupportedOperationException e) {
            throw RecordFormatException.of(file, "cannot read file: " + e.getMessage(), e);
        }
    }

    /** The whole file, refused when it is larger than maxBytes. */
    static byte[] readAll(Path file, long maxBytes) throws RecordFormatException {
        long size = size(file);
        if (size > maxBytes) {
            throw RecordFormatException.of(file, "file is " + size + " bytes, more than the " + maxBytes + " allowed");
        }
        return readRange(file, 0, size);
    }

    /** length bytes from byte offset; fails if the file is shorter. */
    static byte[] readRange(Path file, long offset, long length) throws RecordFormatException {
        if (length > MAX_ARRAY || length < 0 || offset < 0) {
            throw RecordFormatException.atByte(file, offset, "cannot read " + length + " bytes in one piece");
        }
        checkMemory(file, length);
        ByteBuffer buf = ByteBuffer.allocate((int) length);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long pos = offset;
            while (buf.hasRemaining()) {
                int n = ch.read(buf, pos);
                if (n < 0) {
                    throw RecordFormatException.atByte(file, pos, "unexpected end of file");
                }
                pos += n;
            }
        } catch (NoSuchFileException e) {
            throw RecordFormatException.of(file, "file not found", e);
        } catch (IOException e) {
            if (e instanceof RecordFormatException rfe) {
                throw rfe;
            }
            throw RecordFormatException.of(file, "cannot read file: " + e.getMessage(), e);
        }
        return buf.array();
    }

    /** Refuses an allocation of the given bytes that would not fit in the free heap, instead of an OutOfMemoryError. */
    static void checkMemory(Path file, long bytes) throws RecordFormatException {
        Runtime rt = Runtime.getRuntime();
        long free = rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
        if (bytes > free / 2) {
            throw RecordFormatException.of(file, "needs " + bytes + " bytes of memory, more than is available");
        }
    }

    /** A file named in a header, resolved beside that header. */
    static Path sibling(Path header, String name, long line) throws RecordFormatException {
        try {
            return header.resolveSibling(name);
        } catch (InvalidPathException e) {
            throw RecordFormatException.atLine(header, line, "invalid file name '" + name + "'");
        }
    }

    /** The file name without its last extension. */
    static String baseName(Path file) {
        String n = String.valueOf(file.getFileName());
        int dot = n.lastIndexOf('.');
        return dot > 0 ? n.substring(0, dot) : n;
    }

    /** The last extension of a file name, lower case, without the dot; empty when none. */
    static String extension(Path file) {
        String n = String.valueOf(file.getFileName());
        int dot = n.lastIndexOf('.');
        return dot > 0 ? n.substring(dot + 1).toLowerCase(java.util.Locale.ROOT) : "";
    }
}
