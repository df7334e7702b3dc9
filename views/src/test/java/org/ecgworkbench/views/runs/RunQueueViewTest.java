package org.ecgworkbench.views.runs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javafx.scene.Scene;
import javafx.scene.control.Button;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

class RunQueueViewTest {

    /** Records what the view asks for. */
    static final class Recorder implements RunActions {
        final List<String> calls = new ArrayList<>();

        @Override
        public void add(AddRunsRequest request) {
            calls.add("add " + request.prototypes());
        }

        @Override
        public void cancel(String id) {
            calls.add("cancel " + id);
        }

        @Override
        public void retry(String id) {
            calls.add("retry " + id);
        }

        @Override
        public void resume(String id) {
            calls.add("resume " + id);
        }

        @Override
        public void startQueue(int slots) {
            calls.add("start " + slots);
        }

        @Override
        public void stopQueue() {
            calls.add("stop");
        }
    }

    @Test
    void buttonsFollowTheSelectedRunsStateAndCallTheActions() throws Exception {
        FxToolkit.registerPrimaryStage();
        Recorder r = new Recorder();
        RunRow queued = Runs.row("q0001", RunStatus.QUEUED);
        RunRow cancelled = new RunRow("q0002", "tiny-q0002", "tiny", "d.h5", RunStatus.CANCELLED, "", 0.25, 1, 4,
                0.5, "cinc_score", Double.NaN, "", "/runs/tiny-q0002", 1, true, true);
        RunQueueView v = WaitForAsyncUtils.asyncFx(() -> {
            RunQueueView q = new RunQueueView(r);
            new Scene(q, 1200, 400);
            q.setRows(List.of(queued, cancelled));
            return q;
        }).get(10, TimeUnit.SECONDS);
        WaitForAsyncUtils.asyncFx(() -> {
            Button cancel = (Button) v.lookup("#run-cancel");
            Button retry = (Button) v.lookup("#run-retry");
            Button resume = (Button) v.lookup("#run-resume");
            Button start = (Button) v.lookup("#queue-start");
            assertTrue(cancel.isDisabled(), "nothing selected");
            v.select("q0001");
            assertFalse(cancel.isDisabled());
            assertTrue(retry.isDisabled() && resume.isDisabled());
            cancel.fire();
            v.select("q0002");
            assertTrue(cancel.isDisabled());
            assertFalse(retry.isDisabled());
            assertFalse(resume.isDisabled(), "it has a checkpoint");
            resume.fire();
            // a poll replaces the rows: the selection stays on the same run, with its new state
            v.setRows(List.of(queued, Runs.row("q0002", RunStatus.QUEUED)));
            assertEquals(RunStatus.QUEUED, v.selectedRunProperty().get().status());
            assertFalse(cancel.isDisabled());
            assertEquals("Start queue", start.getText());
            start.fire();
            v.queueRunningProperty().set(true);
            assertEquals("Stop queue", start.getText());
            start.fire();
            assertEquals(List.of("cancel q0001", "resume q0002", "start 1", "stop"), r.calls);
            return null;
        }).get(10, TimeUnit.SECONDS);
    }

    @Test
    void addDialogTurnsItsFieldsIntoARequest() throws Exception {
        FxToolkit.registerPrimaryStage();
        WaitForAsyncUtils.asyncFx(() -> {
            AddRunsDialog d = new AddRunsDialog(null, null);
            javafx.scene.Node pane = d.getDialogPane();
            @SuppressWarnings("unchecked")
            javafx.scene.control.ListView<java.nio.file.Path> protos =
                    (javafx.scene.control.ListView<java.nio.file.Path>) pane.lookup("#add-prototypes");
            javafx.scene.Node ok = d.getDialogPane().lookupButton(d.getDialogPane().getButtonTypes().get(0));
            assertTrue(ok.isDisabled(), "nothing to queue yet");
            protos.getItems().addAll(java.nio.file.Path.of("/p/a.json"), java.nio.file.Path.of("/p/b.json"));
            ((javafx.scene.control.TextField) pane.lookup("#add-dataset")).setText(" /data/cinc.h5 ");
            ((javafx.scene.control.TextArea) pane.lookup("#add-overrides")).setText("epochs=20\n\n dropout=0.3 \n");
            assertFalse(ok.isDisabled());
            AddRunsRequest r = d.request();
            assertEquals(List.of(java.nio.file.Path.of("/p/a.json"), java.nio.file.Path.of("/p/b.json")),
                    r.prototypes());
            assertEquals(java.nio.file.Path.of("/data/cinc.h5"), r.dataset());
            assertEquals(List.of("epochs=20", "dropout=0.3"), r.overrides());
            return null;
        }).get(10, TimeUnit.SECONDS);
    }
}
