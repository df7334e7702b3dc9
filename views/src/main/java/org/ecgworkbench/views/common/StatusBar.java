package org.ecgworkbench.views.common;

import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.concurrent.Task;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

/** The window's status bar: a message, the background jobs with their progress bars, and the active ND4J backend. */
public final class StatusBar extends HBox {

    private final Label message = new Label("Ready");
    private final HBox jobsBox = new HBox(10);
    private final Label backend = new Label("ND4J: loading …");

    /** A status bar listing the jobs of the given runner. */
    public StatusBar(BackgroundJobs jobs) {
        super(12);
        setId("status-bar");
        getStyleClass().add("status-bar");
        setPadding(new Insets(3, 8, 3, 8));
        setAlignment(Pos.CENTER_LEFT);
        message.setId("status-message");
        backend.setId("status-backend");
        jobsBox.setId("status-jobs");
        jobsBox.setAlignment(Pos.CENTER_LEFT);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        getChildren().addAll(message, spacer, jobsBox, backend);
        jobs.running().addListener((ListChangeListener<Task<?>>) c -> {
            jobsBox.getChildren().clear();
            for (Task<?> t : jobs.running()) {
                jobsBox.getChildren().add(job(t));
            }
        });
    }

    private static HBox job(Task<?> t) {
        Label title = new Label();
        title.textProperty().bind(t.titleProperty());
        ProgressBar bar = new ProgressBar();
        bar.setPrefWidth(110);
        bar.progressProperty().bind(t.progressProperty());
        HBox box = new HBox(5, title, bar);
        box.setAlignment(Pos.CENTER_LEFT);
        box.getStyleClass().add("status-job");
        Tooltip tip = new Tooltip();
        tip.textProperty().bind(Bindings.concat(t.titleProperty(), "\n", t.messageProperty()));
        Tooltip.install(box, tip);
        return box;
    }

    /** Shows a one-line message (e.g. the last action's outcome). */
    public void setMessage(String text) {
        message.setText(text);
    }

    /** The message shown. */
    public String message() {
        return message.getText();
    }

    /** Shows the active ND4J backend (e.g. "ND4J CPU · onednn-avx2"). */
    public void setBackend(String text) {
        backend.setText(text);
    }
}
