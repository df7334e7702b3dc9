package org.ecgworkbench.app.gui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.TimeUnit;

import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.ecgworkbench.app.Main;
import org.ecgworkbench.views.CapabilitiesView;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.matcher.control.LabeledMatchers;
import org.testfx.util.WaitForAsyncUtils;
import picocli.CommandLine;

/** The first window, headless: it lists every command, and its status bar names the loaded backend. */
@ExtendWith(ApplicationExtension.class)
class WorkbenchAppTest {

    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        new WorkbenchApp().start(stage);
    }

    @Test
    void listsEveryCommandWithItsDescription(FxRobot robot) {
        assertEquals(WorkbenchApp.TITLE, stage.getTitle());
        @SuppressWarnings("unchecked")
        TableView<CapabilitiesView.Capability> table = robot.lookup("#capabilities").queryAs(TableView.class);
        List<String> shown = table.getItems().stream().map(CapabilitiesView.Capability::command).toList();
        List<String> expected = WorkbenchApp.capabilities(new CommandLine(new Main()), "").stream()
                .map(CapabilitiesView.Capability::command).toList();
        assertEquals(expected, shown);
        assertTrue(shown.containsAll(List.of("info", "convert", "butter", "lfilter", "filtfilt", "bench filtfilt")),
                shown.toString());
        assertTrue(table.getItems().stream().noneMatch(c -> c.description().isBlank()), "every command is described");
        robot.clickOn(robot.lookup(".table-cell").match(LabeledMatchers.hasText("filtfilt")).<Node>query());
        assertEquals("filtfilt", table.getSelectionModel().getSelectedItem().command());
    }

    @Test
    void statusBarNamesTheLoadedBackend(FxRobot robot) throws Exception {
        Label backend = robot.lookup("#backend").queryAs(Label.class);
        // ND4J's native library loads in the background; wait for the label to change, not for a time.
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> !backend.getText().contains("starting"));
        assertTrue(backend.getText().startsWith("Backend: CPU, linux-x86_64"), backend.getText());
    }
}
