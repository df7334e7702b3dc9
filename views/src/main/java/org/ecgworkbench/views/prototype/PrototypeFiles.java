package org.ecgworkbench.views.prototype;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Prototype files: atomic saving and the template folder. */
final class PrototypeFiles {

    /** A template of the folder: its file, name and description (empty when it has none). */
    record Template(Path file, String name, String description) {
    }

    private PrototypeFiles() {
    }

    /**
     * Writes text to file so that the file is either the old or the new content, never a half-written one (a crash
     * or a full disk mid-save must not destroy the user's prototype): a synced temporary file beside it, then an
     * atomic rename.
     */
    static void writeAtomically(Path file, String text) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp");
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                ch.write(java.nio.ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
                ch.force(true);
            }
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** The *.json templates of a folder, by file name, with the name and description they declare. */
    static List<Template> templates(Path dir) throws IOException {
        List<Template> out = new ArrayList<>();
        if (dir == null || !Files.isDirectory(dir)) {
            return out;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList()) {
                String base = baseName(f);
                ObjectNode o = JsonDocument.parseObject(Files.readString(f)).orElse(null);
                out.add(new Template(f, text(o, "name", base), text(o, "description", "")));
            }
        }
        return out;
    }

    /** A file's name without ".json": the prototype's default name. */
    static String baseName(Path file) {
        return file.getFileName().toString().replaceFirst("\\.json$", "");
    }

    private static String text(ObjectNode o, String field, String absent) {
        JsonNode n = o == null ? null : o.get(field);
        return n != null && n.isTextual() ? n.asText() : absent;
    }
}
