package org.ecgworkbench.views.prototype;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.ecgworkbench.engine.net.ModelSummary;
import org.ecgworkbench.engine.net.Prototype;
import org.ecgworkbench.views.common.BackgroundJobs;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

class SummaryUpdaterTest {

    @Test
    void aSlowStaleBuildNeverOverwritesTheNewerOne() throws Exception {
        FxToolkit.registerPrimaryStage();
        String json = Files.readString(Path.of("..", "resources", "prototypes", "resnet1d-small.json"));
        Prototype eight = Prototype.parse(json, "small");
        Prototype four = Prototype.parse(json.replace("\"blocks\": 8", "\"blocks\": 4"), "small");
        CountDownLatch firstStarted = new CountDownLatch(1);
        CountDownLatch releaseFirst = new CountDownLatch(1);
        List<Integer> built = new CopyOnWriteArrayList<>();
        List<String> delivered = new CopyOnWriteArrayList<>();
        try (BackgroundJobs jobs = new BackgroundJobs(2)) {
            SummaryUpdater updater = WaitForAsyncUtils.asyncFx(() -> new SummaryUpdater(jobs, p -> {
                built.add(p.blocks());
                if (p.blocks() == 8) {
                    firstStarted.countDown();
                    // The first build is slow: the user edits on meanwhile.
                    await(releaseFirst);
                }
                return new ModelSummary(List.of(), p.blocks(), 0);
            }, (p, s) -> delivered.add(p.blocks() + ":" + s.total()), (p, e) -> delivered.add("error " + e)))
                    .get(10, TimeUnit.SECONDS);
            WaitForAsyncUtils.asyncFx(() -> updater.request(eight)).get(10, TimeUnit.SECONDS);
            firstStarted.await(10, TimeUnit.SECONDS);
            WaitForAsyncUtils.asyncFx(() -> updater.request(four)).get(10, TimeUnit.SECONDS);
            releaseFirst.countDown();
            WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !delivered.isEmpty());
            WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(
                    () -> !updater.busyProperty().get()).get());
            assertEquals(List.of(8, 4), built);
            assertEquals(List.of("4:4"), delivered, "only the latest request's summary is delivered");
            // The same network again (another name, more epochs) needs no build.
            Prototype renamed = four.with("epochs", "99").with("name", "\"x\"");
            WaitForAsyncUtils.asyncFx(() -> updater.request(renamed)).get(10, TimeUnit.SECONDS);
            WaitForAsyncUtils.waitForFxEvents();
            assertFalse(WaitForAsyncUtils.asyncFx(() -> updater.busyProperty().get()).get());
            assertEquals(List.of(8, 4), built);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
