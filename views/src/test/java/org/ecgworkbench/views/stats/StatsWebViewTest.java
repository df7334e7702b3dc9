package org.ecgworkbench.views.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import org.ecgworkbench.views.common.Snapshots;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

class StatsWebViewTest {

    private static <T> T fx(java.util.concurrent.Callable<T> c) throws Exception {
        return WaitForAsyncUtils.asyncFx(c).get(30, TimeUnit.SECONDS);
    }

    @Test
    void toolbarShowsTheAddressAndReportsSharingWishes() throws Exception {
        FxToolkit.registerPrimaryStage();
        List<Boolean> wishes = new ArrayList<>();
        List<String> opened = new ArrayList<>();
        StatsWebView view = fx(() -> {
            StatsWebView v = new StatsWebView();
            new Scene(v, 900, 500);
            v.setOnSharingChanged(wishes::add);
            v.setOnOpenInBrowser(opened::add);
            return v;
        });
        fx(() -> {
            Button open = (Button) view.lookup("#stats-open-browser");
            assertTrue(open.isDisabled(), "nothing to open yet");
            view.setUrl("http://127.0.0.1:9/train/overview");
            assertEquals("http://127.0.0.1:9/train/overview", ((TextField) view.lookup("#stats-url")).getText());
            assertFalse(((TextField) view.lookup("#stats-url")).isEditable());
            open.fire();
            ToggleButton sharing = (ToggleButton) view.lookup("#stats-sharing");
            sharing.fire();
            assertEquals("Sharing on", sharing.getText());
            // The application answers with the server's actual state: no second callback.
            view.setShared(true, List.of("http://192.168.1.20:9000/train/overview"));
            assertTrue(view.lookup("#stats-shared-at").isVisible());
            assertTrue(((Label) view.lookup("#stats-shared-at")).getText().contains("192.168.1.20:9000"));
            view.setShared(false, List.of());
            assertFalse(view.lookup("#stats-shared-at").isVisible());
            assertEquals("Sharing off", sharing.getText());
            assertNotNull(view.lookup("#stats-reload"));
            return null;
        });
        assertEquals(List.of(true), wishes);
        assertEquals(List.of("http://127.0.0.1:9/train/overview"), opened);
    }

    @Test
    void withoutWebViewAClearMessageTakesItsPlace(@TempDir Path dir) throws Exception {
        FxToolkit.registerPrimaryStage();
        System.setProperty("ecg.stats.noWebView", "true");
        try {
            Path png = dir.resolve("stats-no-webview.png");
            StatsWebView view = fx(() -> {
                StatsWebView v = new StatsWebView();
                new Scene(v, 900, 400);
                v.setUrl("http://127.0.0.1:9000/train/overview");
                v.applyCss();
                v.layout();
                Snapshots.savePng(v, png);
                return v;
            });
            fx(() -> {
                assertFalse(view.isBrowserAvailable());
                assertNull(view.engine());
                assertNull(view.lookup("#stats-web"));
                assertTrue(view.lookup("#stats-message").isVisible());
                assertTrue(view.messageText().contains("not available"), view.messageText());
                assertTrue(view.messageText().contains("http://127.0.0.1:9000/train/overview"), view.messageText());
                return null;
            });
            assertTrue(Files.size(png) > 1000);
            String keep = System.getProperty("ecg.stats.png");
            if (keep != null) {
                Files.copy(png, Path.of(keep), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            System.clearProperty("ecg.stats.noWebView");
        }
    }

    @Test
    void anUnreachablePageSaysSo() throws Exception {
        FxToolkit.registerPrimaryStage();
        StatsWebView view = fx(() -> {
            StatsWebView v = new StatsWebView();
            new Scene(v, 600, 300);
            return v;
        });
        if (!fx(view::isBrowserAvailable)) {
            assertTrue(fx(view::messageText).contains("not available"));
            return; // this platform has no WebView: the fallback is what shows
        }
        // A loopback port nobody listens on (just freed; WebKit refuses "bad" ports like 9 without failing).
        int closed;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        String page = "http://127.0.0.1:" + closed + "/train/overview";
        java.util.concurrent.CompletableFuture<String> failed = new java.util.concurrent.CompletableFuture<>();
        fx(() -> {
            view.engine().getLoadWorker().stateProperty().addListener((o, was, s) -> {
                if (s == javafx.concurrent.Worker.State.FAILED) {
                    failed.complete(view.messageText());
                }
            });
            view.setUrl(page);
            return null;
        });
        String text = failed.get(30, TimeUnit.SECONDS);
        assertTrue(text.startsWith("Cannot load " + page), text);
    }
}
