package org.ecgworkbench.app.cli;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import org.ecgworkbench.app.Main;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Runs commands as the CLI runs them, capturing standard output and error; finds the shared real data. */
abstract class CliTest {

    @TempDir
    Path dir;

    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    /** Runs the command line and returns its exit code; out and err then hold what this run printed. */
    int run(String... args) {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        CommandLine cmd = new CommandLine(new Main());
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        return cmd.execute(args);
    }

    /** The folder of a shared data set (e.g. "mitdb"), skipping the calling test when it is absent. */
    static Path data(String dataset) {
        Path p = Path.of(System.getProperty("ecg.shared.data", "/work/shared/data"), dataset);
        assumeTrue(Files.isDirectory(p), "real data folder " + p + " is absent; test skipped");
        return p;
    }
}
