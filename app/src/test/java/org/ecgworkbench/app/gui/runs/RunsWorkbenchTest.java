package org.ecgworkbench.app.gui.runs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.layout.BorderPane;
import javafx.stage.Stage;
import org.ecgworkbench.app.Main;
import org.ecgworkbench.engine.queue.LocalExecutor;
import org.ecgworkbench.engine.queue.RunQueue;
import org.ecgworkbench.engine.queue.RunState;
import org.ecgworkbench.views.common.BackgroundJobs;
import org.ecgworkbench.views.runs.ConfusionData;
import org.ecgworkbench.views.runs.RunRow;
import org.ecgworkbench.views.runs.RunSnapshot;
import org.ecgworkbench.views.runs.RunStatus;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;
import picocli.CommandLine;

/**
 * The runs workbench end to end: two tiny runs on synthetic data are queued through it, one is cancelled while
 * queued, the queue is started from its button, and the dashboard's confusion matrix fills in from the child JVM's
 * run folder until the run is done.
 */
class RunsWorkbenchTest {

    @TempDir
    static Path data;

    @TempDir
    Path dir;

    static Path dataset;
    static Path prototype;

    /** 32 records of 8 s at 250 Hz, half sinus rhythm, half AF, packed; a prototype that trains them in seconds. */
    @BeforeAll
    static void makeData() throws Exception {
        Path rec = org.ecgworkbench.app.cli.SyntheticRecords.alternating(data.resolve("records"), 32);
        dataset = data.resolve("tiny.h5");
        StringWriter out = new StringWriter();
        CommandLine c = new CommandLine(new Main());
        c.setOut(new PrintWriter(out, true));
        c.setErr(new PrintWriter(out, true));
        assertEquals(0, c.execute("pack", "--input", rec.toString(), "--out", dataset.toString()), out.toString());
        prototype = data.resolve("tiny.json");
        Files.writeString(prototype, """
                {"name": "tiny", "family": "fcn1d", "blocks": 2, "filters": [8, 8], "kernel_size": [8, 5],
                 "reduction": {"every": 1, "factor": 4, "shortcut": "max"}, "pooling": "avg", "batch_norm": true,
                 "input": {"seconds": 4, "fs": 250, "channels": ["raw"]},
                 "optimizer": {"name": "adam", "learning_rate": 0.001}, "batch_size": 8, "epochs": 2,
                 "early_stopping": null, "seed": 7}
                """);
    }

    /** Child JVMs with this test's class path (surefire's own java.class.path is a manifest jar). */
    static LocalExecutor.Launch launch() {
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        String java = ProcessHandle.current().info().command().orElse(
                Path.of(System.getProperty("java.home"), "bin", "java").toString());
        String absolute = String.join(File.pathSeparator, Arrays.stream(cp.split(File.pathSeparator))
                .filter(x -> !x.isEmpty()).map(x -> Path.of(x).toAbsolutePath().toString()).toList());
        return new LocalExecutor.Launch(java, absolute, List.of(), Main.class.getName());
    }

    @Test
    void queuedRunTrainsAndTheDashboardFollowsItWhileACancelledOneStays() throws Exception {
        Path runs = dir.resolve("runs");
        FxToolkit.registerPrimaryStage();
        try (BackgroundJobs jobs = new BackgroundJobs(1)) {
            RunsWorkbench wb = fx(() -> {
                RunsWorkbench w = new RunsWorkbench(runs, jobs, data, launch());
                BorderPane root = new BorderPane(w.dashboard());
                root.setTop(w.queueView());
                Stage st = new Stage();
                st.setScene(new Scene(root, 1200, 760));
                st.show();
                w.enqueue(prototype, dataset);
                w.enqueue(prototype, dataset);
                return w;
            });
            try {
                WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> fx(() -> wb.queue().rows().size()) == 2);
                fx(() -> {
                    wb.queue().select("q0002");
                    ((Button) wb.queueView().lookup("#run-cancel")).fire();
                    return null;
                });
                WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> status(wb, "q0002") == RunStatus.CANCELLED);

                fx(() -> {
                    wb.queue().select("q0001");
                    ((Button) wb.queueView().lookup("#queue-start")).fire();
                    return null;
                });
                assertTrue(wb.queueRunning());
                WaitForAsyncUtils.waitFor(240, TimeUnit.SECONDS, () -> fx(() -> {
                    ConfusionData c = wb.dashboardView().heatMap().data();
                    return c != null && wb.dashboardView().snapshot().row().id().equals("q0001");
                }));
                ConfusionData first = fx(() -> wb.dashboardView().heatMap().data());
                assertEquals(List.of("A", "N"), first.classes());
                // validation items: a tenth of 32 rounded, at least one per class
                long items = Arrays.stream(first.counts()).flatMapToLong(Arrays::stream).sum();
                assertTrue(items >= 2 && items <= 8, first.toString());

                WaitForAsyncUtils.waitFor(240, TimeUnit.SECONDS, () -> status(wb, "q0001") == RunStatus.DONE
                        && fx(() -> wb.dashboardView().snapshot().points().size()) == 2);
                RunSnapshot done = fx(() -> wb.dashboardView().snapshot());
                RunRow row = done.row();
                assertEquals(2, row.epoch());
                assertEquals(1.0, row.progress());
                assertEquals(2, done.confusion().epoch(), "the heat map shows the last epoch");
                assertTrue(done.device().contains("local slot 0"), done.device());
                assertTrue(row.resumable());
                assertEquals("fcn1d", done.hyperParameters().get("family"));
                assertEquals(RunStatus.CANCELLED, status(wb, "q0002"), "a cancelled run is not started");
                assertEquals(2, fx(() -> wb.comparison().table().getItems().size()));

                Path shots = Path.of("target", "screenshots");
                Files.createDirectories(shots);
                fx(() -> {
                    org.ecgworkbench.views.common.Snapshots.savePng(wb.dashboard().getScene().getRoot(),
                            shots.resolve("runs-workbench-tiny.png"));
                    return null;
                });
                RunQueue q = RunQueue.open(runs);
                assertEquals(RunState.DONE, q.get("q0001").state());
                assertEquals(RunState.CANCELLED, q.get("q0002").state());
            } finally {
                wb.close();
            }
            assertFalse(wb.queueRunning(), "close stops the scheduler");
        }
    }

    private static RunStatus status(RunsWorkbench wb, String id) throws Exception {
        return fx(() -> wb.queue().rows().stream().filter(r -> r.id().equals(id)).findFirst()
                .map(RunRow::status).orElse(null));
    }

    private static <T> T fx(Callable<T> c) throws Exception {
        return WaitForAsyncUtils.asyncFx(c).get(30, TimeUnit.SECONDS);
    }
}
