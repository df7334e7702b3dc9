package org.ecgworkbench.app.gui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.prefs.Preferences;

import javafx.scene.Scene;
import javafx.stage.Stage;
import org.ecgworkbench.views.common.WorkbenchPreferences;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.framework.junit5.ApplicationTest;
import org.testfx.util.WaitForAsyncUtils;

class WorkbenchTest extends ApplicationTest {

    private final Preferences node = Preferences.userRoot().node("org/ecgworkbench/test-wb-" + System.nanoTime());
    private Workbench workbench;
    @TempDir
    Path runsDir;

    @Override
    public void start(Stage stage) {
        workbench = new Workbench(stage, new WorkbenchPreferences(node), runsDir);
        Scene scene = new Scene(workbench, 1280, 800);
        Themes.apply(scene, WorkbenchPreferences.Theme.LIGHT);
        stage.setScene(scene);
        stage.show();
    }

    @AfterEach
    void tearDown() throws Exception {
        interact(workbench::close);
        node.removeNode();
    }

    private void waitUntil(String what, java.util.concurrent.Callable<Boolean> condition) throws Exception {
        try {
            WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, condition);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("timed out waiting for " + what, e);
        }
    }

    @Test
    void startsWithTheSamplesListedAndOpensARecord() throws Exception {
        waitUntil("samples listed", () -> workbench.browser().rows().size() == 5);
        // Select and press Enter: a double click can split into two clicks on a loaded 2-core machine.
        interact(() -> {
            var table = workbench.browser().table();
            table.getItems().stream().filter(r -> r.name().equals("synth-nsr-2lead-500")).findFirst()
                    .ifPresent(r -> table.getSelectionModel().select(r));
            table.requestFocus();
        });
        type(javafx.scene.input.KeyCode.ENTER);
        waitUntil("record opened", () -> workbench.current().isPresent());
        assertEquals("synth-nsr-2lead-500", workbench.current().get().name());
        assertEquals(2, workbench.current().get().leadCount());
        assertTrue(workbench.status().message().startsWith("synth-nsr-2lead-500: 2 lead(s), 500 Hz"),
                workbench.status().message());
        // The viewer shows both leads, then the Pan-Tompkins stages once computed in the background.
        waitUntil("viewer traces", () -> workbench.viewer().tracesReadyProperty().get());
        assertTrue(workbench.viewer().visibleTrackIds().containsAll(java.util.List.of("lead-0", "lead-1")),
                workbench.viewer().visibleTrackIds().toString());
        waitUntil("Pan-Tompkins stages", () -> workbench.viewer().stagesReadyProperty().get());
        assertTrue(workbench.viewer().detection().orElseThrow().rPeaks().length > 20);
    }

    @Test
    void aFolderWithABadFileListsTheRestAndIsRemembered(@TempDir Path dir) throws Exception {
        waitUntil("samples listed", () -> workbench.browser().rows().size() == 5);
        Files.writeString(dir.resolve("bad.hea"), "bad 1 250 x\n");
        Files.copy(RecordBrowserSamples.path("synth-pvc-250.hea"), dir.resolve("synth-pvc-250.hea"));
        Files.copy(RecordBrowserSamples.path("synth-pvc-250.dat"), dir.resolve("synth-pvc-250.dat"));
        interact(() -> workbench.openPath(dir, true));
        waitUntil("folder listed", () -> workbench.browser().rows().size() == 2
                && workbench.status().message().startsWith("2 records"));
        assertTrue(workbench.browser().rows().stream().anyMatch(r -> !r.ok() && r.error().contains("bad.hea")));
        assertTrue(workbench.browser().rows().stream().anyMatch(r -> r.ok() && r.name().equals("synth-pvc-250")));
        assertEquals(dir.toAbsolutePath().toString(), new WorkbenchPreferences(node).recent().get(0));
    }

    @Test
    void statusBarNamesTheLoadedBackendAndHelpListsEveryCommand() throws Exception {
        javafx.scene.control.Label backend = lookup("#status-backend").queryAs(javafx.scene.control.Label.class);
        // ND4J's native library loads in the background; wait for the label to change, not for a time.
        waitUntil("backend probe", () -> !backend.getText().contains("loading"));
        assertTrue(backend.getText().startsWith("ND4J CPU · linux-x86_64"), backend.getText());
        var commands = WorkbenchApp.capabilities(new picocli.CommandLine(new org.ecgworkbench.app.Main()), "")
                .stream().map(WorkbenchApp.Capability::command).toList();
        assertTrue(commands.containsAll(java.util.List.of("info", "filtfilt", "train", "queue add", "serve",
                "bench viewer")), commands.toString());
    }

    @Test
    void classifyWithoutARecordSaysSo() throws Exception {
        interact(workbench::classifyCurrent);
        assertEquals("Open a recording first", workbench.status().message());
    }

    /** The project's samples folder. */
    static final class RecordBrowserSamples {
        static Path path(String file) {
            for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
                if (Files.isRegularFile(p.resolve("samples/make-samples.sh"))) {
                    return p.resolve("samples").resolve(file);
                }
            }
            throw new AssertionError("samples/ not found");
        }
    }
}
