package org.ecgworkbench.app.gui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.prefs.Preferences;

import javafx.scene.Scene;
import javafx.stage.Stage;
import org.ecgworkbench.app.Main;
import org.ecgworkbench.app.cli.SyntheticRecords;
import org.ecgworkbench.views.common.WorkbenchPreferences;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.framework.junit5.ApplicationTest;
import org.testfx.util.WaitForAsyncUtils;
import picocli.CommandLine;

/** "Classify this recording" in the window answers through the resident in-process service of a trained run. */
class WorkbenchClassifyTest extends ApplicationTest {

    @TempDir
    static Path shared;
    static Path runDir;
    static Path records;

    private final Preferences node = Preferences.userRoot().node("org/ecgworkbench/test-cls-" + System.nanoTime());
    private Workbench workbench;
    @TempDir
    Path runsDir;

    @BeforeAll
    static void train() throws Exception {
        records = SyntheticRecords.pairs(shared.resolve("records"), 6);
        Path data = shared.resolve("tiny.h5");
        cli("pack", "--input", records.toString(), "--out", data.toString());
        Path proto = Files.writeString(shared.resolve("tiny.json"), SyntheticRecords.TINY);
        runDir = shared.resolve("run");
        cli("train", "--prototype", proto.toString(), "--dataset", data.toString(), "--run-dir", runDir.toString());
    }

    private static void cli(String... args) {
        StringWriter e = new StringWriter();
        CommandLine cmd = new CommandLine(new Main());
        cmd.setOut(new PrintWriter(new StringWriter(), true));
        cmd.setErr(new PrintWriter(e, true));
        assertEquals(0, cmd.execute(args), String.join(" ", args) + ": " + e);
    }

    @Override
    public void start(Stage stage) {
        node.put("model", runDir.toString());
        workbench = new Workbench(stage, new WorkbenchPreferences(node), runsDir);
        stage.setScene(new Scene(workbench, 1280, 800));
        stage.show();
    }

    @AfterEach
    void tearDown() throws Exception {
        interact(workbench::close);
        node.removeNode();
    }

    @Test
    void classifiesTheOpenRecordWithTheResidentModel() throws Exception {
        interact(() -> workbench.openPath(records.resolve("af3.hea"), false));
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> workbench.current().isPresent());
        interact(workbench::classifyCurrent);
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> workbench.status().message().startsWith("af3 classified as "));
        String first = workbench.status().message();
        assertTrue(first.matches("af3 classified as [AN] \\([0-9.]+ ms\\)"), first);
        // The second request finds the model resident: same answer, no reload.
        interact(() -> workbench.status().setMessage(""));
        interact(workbench::classifyCurrent);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> workbench.status().message().startsWith("af3 classified as "));
        assertEquals(first.substring(0, 19), workbench.status().message().substring(0, 19));
    }
}
