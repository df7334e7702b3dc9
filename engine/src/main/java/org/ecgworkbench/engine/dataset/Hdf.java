package org.ecgworkbench.engine.dataset;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Node;

/**
 * Shared HDF5 helpers of the dataset files: typed reads that fail with a {@link DatasetFormatException} naming the
 * file, and the atomic write (temporary file beside the output, checked, then moved over it).
 */
final class Hdf {

    private Hdf() {
    }

    /** Writes the content of an HDF5 file. */
    interface Content {
        void write(WritableHdfFile h) throws IOException;
    }

    /** Checks the written temporary file and returns what the writer reports. */
    interface Check<T> {
        T check(Path temp) throws IOException;
    }

    /** Work on the checked temporary file before the move; a hook for tests. */
    interface IoStep {
        void run(Path temp) throws IOException;
    }

    /**
     * Writes content to a temporary file beside out, checks it, runs beforeMove, then moves it over out with
     * ATOMIC_MOVE + REPLACE_EXISTING. On any failure the temporary file is deleted and out is left untouched.
     */
    static <T> T writeAtomically(Path out, Content content, Check<T> check, IoStep beforeMove) throws IOException {
        Path target = out.toAbsolutePath();
        Path parent = target.getParent();
        Files.createDirectories(parent);
        Path temp = Files.createTempFile(parent, "." + target.getFileName() + ".", ".tmp");
        try {
            Files.delete(temp);
            try (WritableHdfFile h = HdfFile.write(temp)) {
                content.write(h);
            }
            T result = check.check(temp);
            beforeMove.run(temp);
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return result;
        } catch (IOException | Error e) {
            deleteQuietly(temp, e);
            throw e;
        } catch (RuntimeException e) {
            deleteQuietly(temp, e);
            throw new DatasetFormatException(out, "writing failed: " + e, e);
        }
    }

    private static void deleteQuietly(Path temp, Throwable failure) {
        try {
            Files.deleteIfExists(temp);
        } catch (IOException suppressed) {
            failure.addSuppressed(suppressed);
        }
    }

    /** The data of dataset /name, of the given Java type. */
    static <T> T data(Path file, HdfFile h, String name, Class<T> type) throws DatasetFormatException {
        Node node = h.getChild(name);
        if (node == null) {
            throw new DatasetFormatException(file, "dataset /" + name + " is missing");
        }
        if (!(node instanceof io.jhdf.api.Dataset ds)) {
            throw new DatasetFormatException(file, "/" + name + " is not a dataset");
        }
        Object data = ds.getData();
        if (!type.isInstance(data)) {
            throw new DatasetFormatException(file, "dataset /" + name + " holds " + data.getClass().getSimpleName()
                    + ", expected " + type.getSimpleName());
        }
        return type.cast(data);
    }

    static Object attribute(Path file, Node node, String name, String where) throws DatasetFormatException {
        Attribute a = node.getAttribute(name);
        if (a == null) {
            throw new DatasetFormatException(file, "attribute " + name + " of " + where + " is missing");
        }
        return a.getData();
    }

    static long longAttribute(Path file, Node node, String name) throws DatasetFormatException {
        Object v = attribute(file, node, name, "/");
        if (v instanceof Number num && (v instanceof Long || v instanceof Integer || v instanceof Short
                || v instanceof Byte)) {
            return num.longValue();
        }
        throw new DatasetFormatException(file, "attribute " + name + " of / is not an integer");
    }

    static double doubleAttribute(Path file, Node node, String name) throws DatasetFormatException {
        Object v = attribute(file, node, name, "/");
        if (v instanceof Number num) {
            return num.doubleValue();
        }
        throw new DatasetFormatException(file, "attribute " + name + " of / is not a number");
    }

    static String stringAttribute(Path file, Node node, String name) throws DatasetFormatException {
        Object v = attribute(file, node, name, "/");
        if (v instanceof String s) {
            return s;
        }
        throw new DatasetFormatException(file, "attribute " + name + " of / is not a string");
    }

    static String[] stringsAttribute(Path file, Node node, String name, String where) throws DatasetFormatException {
        Object v = attribute(file, node, name, where);
        if (v instanceof String[] s) {
            return s;
        }
        throw new DatasetFormatException(file, "attribute " + name + " of " + where + " is not an array of strings");
    }
}
