package org.ecgworkbench.views.runs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.event.Event;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

class MeetingModeTest {

    @Test
    void cyclesThroughRunningRunsThenTheComparisonAndLeavesOnEscape() throws Exception {
        FxToolkit.registerPrimaryStage();
        ObservableList<RunSnapshot> runs = FXCollections.observableArrayList(
                Runs.snapshot("q0001", RunStatus.DONE, Map.of("lr", "0.01"), 0.7),
                Runs.snapshot("q0002", RunStatus.RUNNING, Map.of("lr", "0.001"), 0.6),
                Runs.snapshot("q0003", RunStatus.RUNNING, Map.of("lr", "0.002")));
        MeetingMode m = WaitForAsyncUtils.asyncFx(() -> {
            MeetingMode mm = new MeetingMode(runs);
            mm.secondsProperty().set(300);
            mm.show(null);
            return mm;
        }).get(10, TimeUnit.SECONDS);
        WaitForAsyncUtils.asyncFx(() -> {
            assertTrue(m.isShowing());
            assertEquals(3, m.pages(), "two running runs, then the comparison");
            assertEquals("q0002", m.currentRun());
            key(m, KeyCode.RIGHT);
            assertEquals("q0003", m.currentRun());
            m.next();
            assertNull(m.currentRun(), "comparison page");
            assertEquals(3, m.comparison().table().getItems().size());
            key(m, KeyCode.RIGHT);
            assertEquals("q0002", m.currentRun(), "wraps round");
            key(m, KeyCode.LEFT);
            assertNull(m.currentRun());
            // a run that starts gets a page; the page shown stays
            runs.set(0, Runs.snapshot("q0001", RunStatus.RUNNING, Map.of("lr", "0.01"), 0.7));
            assertEquals(4, m.pages());
            assertNull(m.currentRun());
            key(m, KeyCode.ESCAPE);
            assertFalse(m.isShowing());
            return null;
        }).get(10, TimeUnit.SECONDS);
    }

    @Test
    void withoutRunningRunsItShowsTheLatestFinishedOnes() {
        List<RunSnapshot> runs = List.of(Runs.snapshot("q0001", RunStatus.DONE, Map.of(), 0.7),
                Runs.snapshot("q0002", RunStatus.QUEUED, Map.of()),
                Runs.snapshot("q0003", RunStatus.CANCELLED, Map.of(), 0.5));
        assertEquals(List.of("q0003", "q0001", ""), MeetingMode.pagesOf(runs));
    }

    private static void key(MeetingMode m, KeyCode code) {
        Event.fireEvent(m.root(), new KeyEvent(KeyEvent.KEY_PRESSED, "", "", code, false, false, false, false));
    }
}
