package org.ecgworkbench.app.gui;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;

/** Where the workbench finds its samples, prototype templates and run folder on this machine. */
final class ProjectPaths {

    /** Template file names shipped in the jar under /prototypes. */
    private static final List<String> TEMPLATES = List.of("resnet1d-small.json", "resnet1d-features.json",
            "resnet1d-cinc.json", "fcn1d.json");

    private ProjectPaths() {
    }

    /** The project's samples/ folder: beside the working folder, or two levels above the jar (app/target). */
    static Optional<Path> samples() {
        return projectFolder("samples", "make-samples.sh");
    }

    /**
     * The prototype templates folder: the project's resources/prototypes, else the jar's copies extracted to
     * ~/.ecg-workbench/prototypes (so a fresh machine without the source tree still has them).
     */
    static Path templates() throws IOException {
        Optional<Path> inTree = projectFolder("resources/prototypes", "resnet1d-small.json");
        if (inTree.isPresent()) {
            return inTree.get();
        }
        Path dir = Path.of(System.getProperty("user.home"), ".ecg-workbench", "prototypes");
        Files.createDirectories(dir);
        for (String name : TEMPLATES) {
            Path target = dir.resolve(name);
            if (!Files.exists(target)) {
                try (InputStream in = ProjectPaths.class.getResourceAsStream("/prototypes/" + name)) {
                    if (in != null) {
                        Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
        }
        return dir;
    }

    /** The folder runs are written to: runs/ under the working folder, as the CLI's --runs default. */
    static Path runs() {
        return Path.of("runs").toAbsolutePath();
    }

    private static Optional<Path> projectFolder(String relative, String marker) {
        Path cwd = Path.of("").toAbsolutePath();
        if (Files.isRegularFile(cwd.resolve(relative).resolve(marker))) {
            return Optional.of(cwd.resolve(relative));
        }
        try {
            Path jar = Path.of(ProjectPaths.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            for (Path p = jar.getParent(); p != null; p = p.getParent()) {
                if (Files.isRegularFile(p.resolve(relative).resolve(marker))) {
                    return Optional.of(p.resolve(relative));
                }
            }
        } catch (URISyntaxException | SecurityException | NullPointerException e) {
            // No code source (unusual class loader): only the working folder is searched.
        }
        return Optional.empty();
    }
}
