package org.ecgworkbench.views.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import javafx.scene.Scene;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.ecgworkbench.engine.record.RecordSummary;
import org.ecgworkbench.engine.record.Records;
import org.ecgworkbench.views.common.BackgroundJobs;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.framework.junit5.ApplicationTest;
import org.testfx.util.WaitForAsyncUtils;

class RecordBrowserTest extends ApplicationTest {

    private final BackgroundJobs jobs = new BackgroundJobs(1);
    private RecordBrowser browser;

    @Override
    public void start(Stage stage) {
        browser = new RecordBrowser(jobs);
        stage.setScene(new Scene(browser, 900, 500));
        stage.show();
    }

    @AfterEach
    void close() {
        jobs.close();
    }

    static Path samples() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("samples/make-samples.sh"))) {
                return p.resolve("samples");
            }
        }
        throw new AssertionError("samples/ not found above " + Path.of("").toAbsolutePath());
    }

    private void loadAndWait(Path path) throws Exception {
        CompletableFuture<Object> done = new CompletableFuture<>();
        interact(() -> browser.load(path, done::complete, done::completeExceptionally));
        done.get(30, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void aBadFileShowsItsErrorInTheTableAndTheRestLoads(@TempDir Path dir) throws Exception {
        Records.write(Records.read(samples().resolve("synth-af-300")), dir, Records.Format.WFDB);
        Records.write(Records.read(samples().resolve("synth-nsr-360")), dir, Records.Format.WFDB);
        Files.writeString(dir.resolve("REFERENCE.csv"), "synth-af-300,A\nsynth-nsr-360,N\n");
        Files.write(dir.resolve("truncated.hea"), "truncated 1 360\n".getBytes());
        loadAndWait(dir);
        assertEquals(3, browser.rows().size());
        RecordSummary bad = browser.rows().stream().filter(r -> r.name().equals("truncated")).findFirst()
                .orElseThrow();
        assertFalse(bad.ok());
        assertTrue(bad.error().contains("truncated.hea"), bad.error());
        assertEquals(3, browser.table().getItems().size());
        // The error row is styled and its text is in the warnings/error column.
        assertTrue(lookup(".error-row").queryAll().size() >= 1);
        assertEquals("3 records, 1 unreadable", lookup("#browser-status").queryAs(Label.class).getText());
    }

    @Test
    void filterByLabelAndSortByDuration() throws Exception {
        loadAndWait(samples());
        assertEquals(5, browser.table().getItems().size());
        ComboBox<String> labels = lookup("#label-filter").queryComboBox();
        assertEquals(java.util.List.of(RecordBrowser.ALL_LABELS, "A", "N", "O", "~"), labels.getItems());
        interact(() -> labels.getSelectionModel().select("N"));
        assertEquals(2, browser.table().getItems().size());
        assertTrue(browser.table().getItems().stream().allMatch(r -> r.label().equals("N")));
        clickOn("#name-filter").write("2lead");
        assertEquals(1, browser.table().getItems().size());
        interact(() -> {
            labels.getSelectionModel().select(RecordBrowser.ALL_LABELS);
            ((javafx.scene.control.TextField) browser.lookup("#name-filter")).clear();
        });
        assertEquals(5, browser.table().getItems().size());
        var duration = browser.table().getColumns().get(2);
        interact(() -> {
            browser.table().getSortOrder().setAll(duration);
            duration.setSortType(javafx.scene.control.TableColumn.SortType.DESCENDING);
        });
        var items = browser.table().getItems();
        for (int i = 1; i < items.size(); i++) {
            assertTrue(items.get(i - 1).durationSeconds() >= items.get(i).durationSeconds());
        }
    }

    @Test
    void doubleClickOpensTheRecord() throws Exception {
        loadAndWait(samples());
        CompletableFuture<RecordSummary> opened = new CompletableFuture<>();
        interact(() -> browser.setOnOpen(opened::complete));
        doubleClickOn("synth-pvc-250");
        assertEquals("synth-pvc-250", opened.get(5, TimeUnit.SECONDS).name());
    }
}
