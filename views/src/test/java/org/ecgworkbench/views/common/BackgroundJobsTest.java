package org.ecgworkbench.views.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.prefs.Preferences;

import javafx.application.Platform;
import javafx.scene.layout.StackPane;
import javafx.scene.shape.Rectangle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

class BackgroundJobsTest {

    @Test
    void workRunsOffTheFxThreadAndReportsBackOnIt() throws Exception {
        FxToolkit.registerPrimaryStage();
        try (BackgroundJobs jobs = new BackgroundJobs(1)) {
            CountDownLatch release = new CountDownLatch(1);
            AtomicReference<Boolean> workOnFx = new AtomicReference<>();
            CompletableFuture<Object[]> done = new CompletableFuture<>();
            WaitForAsyncUtils.asyncFx(() -> jobs.submit("read 100", p -> {
                workOnFx.set(Platform.isFxApplicationThread());
                release.await(10, TimeUnit.SECONDS);
                return 42;
            }, v -> done.complete(new Object[] {v, Platform.isFxApplicationThread()}), done::completeExceptionally))
                    .get(10, TimeUnit.SECONDS);
            WaitForAsyncUtils.waitForFxEvents();
            assertEquals(1, WaitForAsyncUtils.asyncFx(() -> jobs.running().size()).get());
            assertEquals("read 100", WaitForAsyncUtils.asyncFx(() -> jobs.running().get(0).getTitle()).get());
            release.countDown();
            Object[] r = done.get(10, TimeUnit.SECONDS);
            assertEquals(42, r[0]);
            assertTrue((Boolean) r[1]);
            assertFalse(workOnFx.get());
            assertEquals(0, WaitForAsyncUtils.asyncFx(() -> jobs.running().size()).get());
        }
    }

    @Test
    void failuresComeBackAsTheirException() throws Exception {
        FxToolkit.registerPrimaryStage();
        try (BackgroundJobs jobs = new BackgroundJobs(1)) {
            CompletableFuture<Throwable> failed = new CompletableFuture<>();
            WaitForAsyncUtils.asyncFx(() -> jobs.submit("bad", p -> {
                throw new IllegalStateException("broken.hea: no such signal file");
            }, v -> failed.complete(null), failed::complete));
            Throwable t = failed.get(10, TimeUnit.SECONDS);
            assertEquals("broken.hea: no such signal file", t.getMessage());
        }
    }

    @Test
    void workSubmittedAfterCloseIsCancelledNotThrown() throws Exception {
        FxToolkit.registerPrimaryStage();
        BackgroundJobs jobs = new BackgroundJobs(1);
        jobs.close();
        javafx.concurrent.Task<?> t = WaitForAsyncUtils.asyncFx(() -> jobs.submit("late", p -> 1, v -> { },
                e -> { })).get(10, TimeUnit.SECONDS);
        assertTrue(t.isCancelled());
        assertEquals(0, WaitForAsyncUtils.asyncFx(() -> jobs.running().size()).get());
    }

    @Test
    void preferencesPersistAndRecentListIsBounded() throws Exception {
        Preferences node = Preferences.userRoot().node("org/ecgworkbench/test-" + System.nanoTime());
        try {
            WorkbenchPreferences p = new WorkbenchPreferences(node);
            for (int i = 0; i < 12; i++) {
                p.addRecent("/data/r" + i);
            }
            p.addRecent("/data/r5");
            p.gridProperty().set(false);
            p.unitsProperty().set(WorkbenchPreferences.Units.ADU);
            WorkbenchPreferences again = new WorkbenchPreferences(node);
            assertEquals(WorkbenchPreferences.RECENT_LIMIT, again.recent().size());
            assertEquals("/data/r5", again.recent().get(0));
            assertEquals("/data/r11", again.recent().get(1));
            assertFalse(again.gridProperty().get());
            assertEquals(WorkbenchPreferences.Units.ADU, again.unitsProperty().get());
        } finally {
            node.removeNode();
        }
    }

    @Test
    void snapshotWritesAPng(@TempDir Path dir) throws Exception {
        FxToolkit.registerPrimaryStage();
        Path png = dir.resolve("plot.png");
        WaitForAsyncUtils.asyncFx(() -> {
            StackPane pane = new StackPane(new Rectangle(120, 80));
            new javafx.scene.Scene(pane);
            Snapshots.savePng(pane, png);
            return null;
        }).get(10, TimeUnit.SECONDS);
        byte[] head = Files.readAllBytes(png);
        assertEquals((byte) 0x89, head[0]);
        assertEquals('P', head[1]);
        assertTrue(head.length > 100);
    }
}
