package org.ecgworkbench.engine.queue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.ecgworkbench.engine.net.Prototype;

/** A small valid prototype and requests built from it, for the queue tests. */
final class QueueFixtures {

    static final String PROTOTYPE_JSON = """
            {"name": "tiny", "family": "fcn1d", "blocks": 2, "filters": [4, 8], "kernel_size": [5, 3],
             "input": {"seconds": 2, "fs": 250, "channels": ["raw"]},
             "optimizer": {"name": "adam", "learning_rate": 0.001}, "batch_size": 4, "epochs": 2, "seed": 3}
            """;

    private QueueFixtures() {
    }

    static Prototype prototype() throws IOException {
        return Prototype.parse(PROTOTYPE_JSON, "tiny");
    }

    /** A dataset path that exists (the queue only records it). */
    static Path dataset(Path dir) throws IOException {
        Path d = dir.resolve("d.h5");
        if (!Files.exists(d)) {
            Files.writeString(d, "not read by the queue");
        }
        return d;
    }

    static RunQueue.Request request(Path dir, List<Setting> overrides) throws IOException {
        Prototype p = prototype();
        for (Setting s : overrides) {
            p = p.with(s.key(), s.value());
        }
        return new RunQueue.Request(p, null, overrides, dataset(dir), null, 5, 2);
    }

    /** The class path of this test JVM, for child JVMs (surefire hides it behind a manifest-only jar). */
    static String testClassPath() {
        return System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    }

    static String java() {
        return ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString());
    }
}
