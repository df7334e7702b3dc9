package org.ecgworkbench.app.gui.stats;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.Comparator;
import java.util.stream.Stream;

import org.deeplearning4j.core.storage.StatsStorage;
import org.deeplearning4j.ui.model.storage.FileStatsStorage;

/**
 * A private copy of a run's {@code stats.dl4j}, opened as a DL4J {@link StatsStorage}.
 *
 * <p>Why a copy: {@code FileStatsStorage} is a MapDB file database opened read-write with a file lock. A run that is
 * still training keeps it open in its own JVM, so opening the same file here fails with MapDB's
 * {@code DBException.FileLocked} (seen with DL4J 1.0.0-M2.1); and opening a finished run's file read-write would
 * let MapDB rewrite it (it creates missing maps and commits on open). Copying the file (plus any write-ahead-log
 * siblings) to a temporary folder only reads the original, never locks or writes it; a newer state is shown by
 * taking a new snapshot ({@link #isStale()}).
 */
final class StatsSnapshot implements AutoCloseable {

    /** Copies that fail to open (caught mid-commit of the writing run) are retaken this many times. */
    private static final int ATTEMPTS = 3;

    private final Path source;
    private final Path dir;
    private final long sourceSize;
    private final FileTime sourceModified;
    private final FileStatsStorage storage;

    private StatsSnapshot(Path source, Path dir, long size, FileTime modified, FileStatsStorage storage) {
        this.source = source;
        this.dir = dir;
        this.sourceSize = size;
        this.sourceModified = modified;
        this.storage = storage;
    }

    /** Copies source (a DL4J stats file, read only) to a temporary folder and opens the copy. */
    static StatsSnapshot take(Path source) throws IOException {
        if (!Files.isRegularFile(source)) {
            throw new IOException(source + ": no such stats file");
        }
        RuntimeException last = null;
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            long size = Files.size(source);
            FileTime modified = Files.getLastModifiedTime(source);
            Path dir = Files.createTempDirectory("ecg-stats-");
            try {
                Path copy = dir.resolve(source.getFileName());
                Files.copy(source, copy, StandardCopyOption.COPY_ATTRIBUTES);
                // MapDB's write-ahead log (stats.dl4j.wal.N) may hold commits not yet in the main file.
                try (DirectoryStream<Path> wal = Files.newDirectoryStream(source.toAbsolutePath().getParent(),
                        source.getFileName() + ".wal.*")) {
                    for (Path w : wal) {
                        Files.copy(w, dir.resolve(w.getFileName()));
                    }
                }
                return new StatsSnapshot(source, dir, size, modified, new FileStatsStorage(copy.toFile()));
            } catch (IOException | RuntimeException e) {
                deleteTree(dir);
                if (e instanceof IOException io && !Files.exists(source)) {
                    throw io;
                }
                last = e instanceof RuntimeException r ? r : new UncheckedIOException((IOException) e);
            }
        }
        throw new IOException(source + ": cannot open a copy of the stats file (" + last.getMessage() + ")", last);
    }

    /** The opened copy; detach it from the UI before {@link #close()}. */
    StatsStorage storage() {
        return storage;
    }

    /** The run's stats file this is a copy of. */
    Path source() {
        return source;
    }

    /** True when the source file changed (size or modification time) since the copy was taken. */
    boolean isStale() {
        try {
            return Files.size(source) != sourceSize || !Files.getLastModifiedTime(source).equals(sourceModified);
        } catch (IOException e) {
            return false; // gone or unreadable: keep showing the last good copy
        }
    }

    /** Closes the copy and deletes its temporary folder. */
    @Override
    public void close() {
        try {
            storage.close();
        } finally {
            deleteTree(dir);
        }
    }

    /** Deletes the copy's folder without closing the storage (for JVM exit, when MapDB closes itself). */
    void deleteFiles() {
        deleteTree(dir);
    }

    static void deleteTree(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temporary folder left behind is harmless
        }
    }
}
