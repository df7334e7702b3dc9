package org.ecgworkbench.app.gui.stats;

import java.nio.file.Path;

import javafx.application.Application;
import javafx.concurrent.Worker;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.ecgworkbench.views.common.BackgroundJobs;

/**
 * Shows the statistics panel on a real display (e.g. under Xvfb) for a look: args = a stats.dl4j file.
 * Prints "READY" when the page has loaded.
 */
public final class StatsViewDemo {

    private StatsViewDemo() {
    }

    /** Launches the demo (through a nested Application: a classpath main class may not extend it). */
    public static void main(String[] args) {
        Application.launch(App.class, args);
    }

    /** The demo window. */
    public static final class App extends Application {

        private BackgroundJobs jobs;
        private StatsPanel panel;

        @Override
        public void start(Stage stage) {
            jobs = new BackgroundJobs(2);
            panel = new StatsPanel(jobs);
            stage.setScene(new Scene(panel.view(), 1280, 800));
            stage.setTitle("Training statistics");
            stage.setX(0);
            stage.setY(0);
            stage.show();
            if (panel.view().isBrowserAvailable()) {
                panel.view().engine().getLoadWorker().stateProperty().addListener((o, was, s) -> {
                    if (s == Worker.State.SUCCEEDED) {
                        System.out.println("READY " + panel.view().urlProperty().get());
                    }
                });
            }
            panel.show(Path.of(getParameters().getRaw().get(0)));
        }

        @Override
        public void stop() {
            panel.close();
            jobs.close();
        }
    }
}
