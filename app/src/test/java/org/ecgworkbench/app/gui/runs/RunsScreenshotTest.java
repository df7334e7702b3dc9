package org.ecgworkbench.app.gui.runs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javafx.scene.Scene;
import javafx.scene.layout.BorderPane;
import javafx.stage.Stage;
import org.ecgworkbench.engine.net.Prototype;
import org.ecgworkbench.engine.queue.RunQueue;
import org.ecgworkbench.views.common.BackgroundJobs;
import org.ecgworkbench.views.common.Snapshots;
import org.ecgworkbench.views.runs.RunSnapshot;
import org.ecgworkbench.views.runs.RunStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The dashboard and queue of a real finished training run (a copy of the run folder named by the system property
 * ecg.score.run, default /tmp/score-run; skipped when absent), rendered to PNGs under target/screenshots.
 */
class RunsScreenshotTest {

    @TempDir
    Path dir;

    @Test
    void aRealRunReadsAndRendersWhole() throws Exception {
        Path real = Path.of(System.getProperty("ecg.score.run", "/tmp/score-run"));
        assumeTrue(Files.isRegularFile(real.resolve("metrics.jsonl")), real + " is absent; test skipped");
        Path runs = dir.resolve("runs");
        Path copy = runs.resolve("resnet1d-features-cinc");
        Files.createDirectories(copy.resolve("confusion"));
        Files.createDirectories(copy.resolve("checkpoints"));
        for (String f : List.of("metrics.jsonl", "prototype.json", "run.json", "state.json", "preprocessing.json")) {
            Files.copy(real.resolve(f), copy.resolve(f));
        }
        try (var s = Files.list(real.resolve("confusion"))) {
            for (Path f : s.toList()) {
                Files.copy(f, copy.resolve("confusion").resolve(f.getFileName()));
            }
        }
        Files.writeString(copy.resolve("checkpoints/last.zip"), "placeholder");
        // the same run as if it were in epoch 7 now (for the running dashboard and meeting mode)
        Path live = runs.resolve("resnet1d-features-live");
        Files.createDirectories(live.resolve("confusion"));
        for (String f : List.of("prototype.json", "run.json", "preprocessing.json")) {
            Files.copy(real.resolve(f), live.resolve(f));
        }
        List<String> metrics = Files.readAllLines(real.resolve("metrics.jsonl")).subList(0, 6);
        Files.write(live.resolve("metrics.jsonl"), metrics);
        for (int e = 1; e <= 6; e++) {
            String name = String.format("epoch-%03d.csv", e);
            Files.copy(real.resolve("confusion").resolve(name), live.resolve("confusion").resolve(name));
        }
        Files.writeString(live.resolve("state.json"), "{\"epoch\": 6, \"batch\": 70, \"best\": 0.7111, "
                + "\"best_epoch\": 4, \"finished\": false, \"elapsed_seconds\": 1950, \"updated\": \""
                + java.time.Instant.now() + "\"}");
        // a few queue entries beside it, for the queue view
        Path data = dir.resolve("cinc.h5");
        Files.writeString(data, "only its name is shown");
        Prototype p = Prototype.read(real.resolve("prototype.json"));
        RunQueue q = RunQueue.open(runs);
        q.add(List.of(new RunQueue.Request(p.with("optimizer.learning_rate", "0.0005"), null, List.of(), data, null,
                5, 2), new RunQueue.Request(p.with("dropout", "0.3"), null, List.of(), data, null, 5, 2)));
        q.cancel("q0002");

        Path out = Path.of("target", "screenshots");
        Files.createDirectories(out);
        FxToolkit.registerPrimaryStage();
        try (BackgroundJobs jobs = new BackgroundJobs(1)) {
            RunsWorkbench wb = WaitForAsyncUtils.asyncFx(() -> new RunsWorkbench(runs, jobs, null))
                    .get(30, TimeUnit.SECONDS);
            try {
                WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> wb.runs().size() == 4
                        && wb.dashboardView().heatMap().data() != null);
                RunSnapshot s = WaitForAsyncUtils.asyncFx(() -> wb.runs().get(2)).get();
                assertEquals("resnet1d-features-cinc", s.row().id());
                assertEquals(RunStatus.DONE, s.row().status());
                assertEquals(14, s.points().size());
                assertEquals(12, s.best().epoch());
                assertEquals(0.7819, s.row().bestScore(), 1e-4);
                assertEquals(List.of("A", "N", "O", "~"), s.confusion().classes());
                assertEquals(202, s.confusion().counts()[1][1], "confusion/epoch-014.csv, N predicted N");
                assertEquals(14, s.confusion().epoch());
                assertTrue(s.last().samplesPerSecond() > 1, "samples/s from dataset items and epoch time");
                assertEquals("resnet1d", s.hyperParameters().get("family"));
                assertEquals("16×2 32×2 48×2 64×2", s.hyperParameters().get("filters"));
                assertEquals("0.001", s.hyperParameters().get("lr"));

                WaitForAsyncUtils.asyncFx(() -> {
                    Stage st = new Stage();
                    st.setScene(new Scene(new BorderPane(wb.dashboard()), 1280, 640));
                    st.show();
                    wb.queue().select("resnet1d-features-cinc");
                    return null;
                }).get(10, TimeUnit.SECONDS);
                WaitForAsyncUtils.waitForFxEvents();
                WaitForAsyncUtils.asyncFx(() -> {
                    Snapshots.savePng(wb.dashboard(), out.resolve("run-dashboard.png"));
                    wb.dashboardView().heatMap().normalisedProperty().set(true);
                    return null;
                }).get(10, TimeUnit.SECONDS);
                WaitForAsyncUtils.waitForFxEvents();
                WaitForAsyncUtils.asyncFx(() -> {
                    Snapshots.savePng(wb.dashboardView().heatMap(), out.resolve("confusion-normalised.png"));
                    Stage st = new Stage();
                    st.setScene(new Scene(new BorderPane(wb.queueView()), 1280, 360));
                    st.show();
                    return null;
                }).get(10, TimeUnit.SECONDS);
                WaitForAsyncUtils.waitForFxEvents();
                WaitForAsyncUtils.asyncFx(() -> {
                    Snapshots.savePng(wb.queueView(), out.resolve("run-queue.png"));
                    Stage st = new Stage();
                    st.setScene(new Scene(new BorderPane(wb.comparison()), 1280, 300));
                    st.show();
                    return null;
                }).get(10, TimeUnit.SECONDS);
                WaitForAsyncUtils.waitForFxEvents();
                WaitForAsyncUtils.asyncFx(() -> {
                    Snapshots.savePng(wb.comparison(), out.resolve("run-comparison.png"));
                    wb.queue().select("resnet1d-features-live");
                    return null;
                }).get(10, TimeUnit.SECONDS);
                RunSnapshot running = WaitForAsyncUtils.asyncFx(() -> wb.dashboardView().snapshot()).get();
                assertEquals(RunStatus.RUNNING, running.row().status(), "state.json written just now");
                assertEquals(6, running.points().size());
                assertTrue(running.row().progress() > 6 / 14.0 && running.row().progress() < 7 / 14.0);
                assertTrue(running.row().etaSeconds() > 0, "ETA from elapsed time and progress");
                WaitForAsyncUtils.waitForFxEvents();
                WaitForAsyncUtils.asyncFx(() -> {
                    Snapshots.savePng(wb.dashboard(), out.resolve("run-dashboard-running.png"));
                    return null;
                }).get(10, TimeUnit.SECONDS);
                var meeting = WaitForAsyncUtils.asyncFx(() -> wb.openMeetingMode(null)).get(10, TimeUnit.SECONDS);
                WaitForAsyncUtils.waitForFxEvents();
                WaitForAsyncUtils.asyncFx(() -> {
                    assertEquals("resnet1d-features-live", meeting.currentRun());
                    Snapshots.savePng(meeting.root(), out.resolve("meeting-mode.png"));
                    meeting.next();
                    return null;
                }).get(10, TimeUnit.SECONDS);
                WaitForAsyncUtils.waitForFxEvents();
                WaitForAsyncUtils.asyncFx(() -> {
                    Snapshots.savePng(meeting.root(), out.resolve("meeting-mode-comparison.png"));
                    meeting.close();
                    return null;
                }).get(10, TimeUnit.SECONDS);
            } finally {
                wb.close();
            }
        }
    }
}
