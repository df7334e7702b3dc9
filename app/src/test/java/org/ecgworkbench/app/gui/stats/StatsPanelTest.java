package org.ecgworkbench.app.gui.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import javafx.concurrent.Worker;
import javafx.scene.Scene;
import javafx.scene.control.ToggleButton;
import org.ecgworkbench.views.common.BackgroundJobs;
import org.ecgworkbench.views.common.Snapshots;
import org.ecgworkbench.views.stats.StatsWebView;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

class StatsPanelTest {

    private static <T> T fx(Callable<T> c) throws Exception {
        return WaitForAsyncUtils.asyncFx(c).get(30, TimeUnit.SECONDS);
    }

    private static void await(Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, condition);
    }

    @Test
    void showsTheOverviewOfARunAndSharesOnRequest(@TempDir Path dir) throws Exception {
        Path stats = dir.resolve("stats.dl4j");
        Path real = Path.of("/tmp/score-run/stats.dl4j");
        if (Files.isReadable(real)) {
            Files.copy(real, stats); // a real workbench run looks best; read only, copied
        } else {
            StatsFixture.write(stats, 40);
        }
        FxToolkit.registerPrimaryStage();
        try (BackgroundJobs jobs = new BackgroundJobs(2)) {
            StatsPanel panel = fx(() -> {
                StatsPanel p = new StatsPanel(jobs, 0);
                FxToolkit.setupStage(stage -> {
                    stage.setScene(new Scene(p.view(), 1280, 800));
                    stage.show();
                });
                p.show(stats);
                return p;
            });
            try {
                StatsWebView view = panel.view();
                await(() -> fx(() -> !view.urlProperty().get().isEmpty()));
                assertEquals(panel.server().uri().toString(), fx(() -> view.urlProperty().get()));
                Path png = dir.resolve("stats-overview.png");
                if (fx(view::isBrowserAvailable)) {
                    awaitLoaded(view);
                    // The page draws its charts after fetching /train/overview/data: wait for flot's canvases.
                    awaitElement(view, "#scoreiterchart canvas");
                    awaitElement(view, "#updateRatioChart canvas");
                    assertTrue(fx(() -> (String) view.engine().executeScript("document.body.innerText"))
                            .contains("Total Parameters"));
                    snapshot(view, png);

                    // Model page: parameter and update histograms of the first layer that has parameters.
                    int vertex = firstLayerWithParameters(panel.server());
                    fx(() -> {
                        view.setUrl(panel.server().uri().resolve("/train/model").toString());
                        return null;
                    });
                    awaitLoaded(view);
                    fx(() -> view.engine().executeScript("setSelectedVertex(" + vertex + "); renderModelPage(true);"));
                    awaitElement(view, "#parametershistogram canvas");
                    awaitElement(view, "#updateshistogram canvas");
                    fx(() -> view.engine().executeScript(
                            "document.getElementById('paramhistSelected').scrollIntoView()"));
                    await(() -> fx(() -> ((Number) view.engine().executeScript("window.pageYOffset")).intValue() > 0));
                    WaitForAsyncUtils.waitForFxEvents(5);
                    snapshot(view, dir.resolve("stats-model.png"));
                } else {
                    assertTrue(fx(view::messageText).contains("not available"));
                    snapshot(view, png);
                }

                fx(() -> {
                    ((ToggleButton) view.lookup("#stats-sharing")).fire();
                    return null;
                });
                await(() -> panel.server().isShared() && fx(view::isShared));
                assertTrue(panel.server().localAddress().getAddress().isAnyLocalAddress());
                if (!panel.server().sharedUris().isEmpty()) {
                    await(() -> fx(() -> view.lookup("#stats-shared-at").isVisible()));
                }
                snapshot(view, dir.resolve("stats-shared.png"));
                fx(() -> {
                    ((ToggleButton) view.lookup("#stats-sharing")).fire();
                    return null;
                });
                await(() -> !panel.server().isShared());
                assertTrue(panel.server().localAddress().getAddress().isLoopbackAddress());
            } finally {
                fx(() -> {
                    panel.close();
                    return null;
                });
            }
        }
    }

    private static int firstLayerWithParameters(StatsServer server) throws Exception {
        com.fasterxml.jackson.databind.JsonNode info = new com.fasterxml.jackson.databind.ObjectMapper().readTree(
                StatsServerTest.get(server.uri().resolve("/train/model/graph")).body()).get("vertexInfo");
        for (int i = 0; i < info.size(); i++) {
            if (info.get(i).has("Num Parameters") && info.get(i).get("Num Parameters").asLong() > 0) {
                return i;
            }
        }
        throw new AssertionError("no layer with parameters in " + info);
    }

    private static void awaitLoaded(StatsWebView view) throws Exception {
        await(() -> fx(() -> view.engine().getLoadWorker().getState() == Worker.State.SUCCEEDED));
    }

    private static void awaitElement(StatsWebView view, String selector) throws Exception {
        await(() -> fx(() -> ((Number) view.engine().executeScript(
                "document.querySelectorAll('" + selector + "').length")).intValue() > 0));
    }

    private static void snapshot(StatsWebView view, Path png) throws Exception {
        fx(() -> {
            Snapshots.savePng(view, png);
            return null;
        });
        assertTrue(Files.size(png) > 10_000, "an empty picture");
        keep(png);
    }

    /** Copies a rendered PNG to the folder named by -Decg.stats.png.dir, for a person to look at. */
    private static void keep(Path png) throws Exception {
        String keep = System.getProperty("ecg.stats.png.dir");
        if (keep != null) {
            Files.createDirectories(Path.of(keep));
            Files.copy(png, Path.of(keep).resolve(png.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
