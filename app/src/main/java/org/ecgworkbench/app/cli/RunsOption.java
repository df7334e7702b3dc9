package org.ecgworkbench.app.cli;

import java.net.URI;
import java.nio.file.Path;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/** The --runs folder option shared by the queue commands: where run directories and the queue live. */
final class RunsOption {

    @Option(names = "--runs", defaultValue = "runs", paramLabel = "DIR", converter = Folder.class,
            description = "Folder of run directories, a path or a file:// URI (for Spark: on a file system every node"
                    + " mounts at the same path); the queue lives in DIR/queue (default runs).")
    Path runs;

    /** A path, or a file: URI of one (file:///mnt/nfs/runs); other schemes are refused with what to do instead. */
    static final class Folder implements ITypeConverter<Path> {
        @Override
        public Path convert(String value) {
            if (!value.matches("[a-zA-Z][a-zA-Z0-9+.-]+:.*")) {
                return Path.of(value); // a plain path (one-letter schemes would be Windows drives)
            }
            URI u = URI.create(value);
            if ("file".equalsIgnoreCase(u.getScheme())) {
                return Path.of(u);
            }
            throw new TypeConversionException("--runs takes a path or a file:// URI, got " + value + ": mount the "
                    + "shared file system (for HDFS: its NFS gateway or fuse-dfs) at the same path on every node and "
                    + "give that path");
        }
    }
}
