package org.ecgworkbench.views.common;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Node;
import javafx.scene.SnapshotParameters;
import javafx.scene.image.WritableImage;
import javax.imageio.ImageIO;

/** Exports any node (dashboard, plot) as a PNG file. */
public final class Snapshots {

    private Snapshots() {
    }

    /** Renders node as it is on screen and writes it to file as PNG; call on the JavaFX thread. */
    public static void savePng(Node node, Path file) throws IOException {
        WritableImage image = node.snapshot(new SnapshotParameters(), null);
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        if (!ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", tmp.toFile())) {
            throw new IOException(file + ": no PNG writer available");
        }
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }
}
