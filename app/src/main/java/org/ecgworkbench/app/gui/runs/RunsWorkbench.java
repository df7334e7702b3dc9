package org.ecgworkbench.app.gui.runs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;

import javafx.collections.ObservableList;
import javafx.scene.Node;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.ecgworkbench.app.Main;
import org.ecgworkbench.engine.queue.LocalExecutor;
import org.ecgworkbench.views.common.BackgroundJobs;
import org.ecgworkbench.views.runs.AddRunsRequest;
import org.ecgworkbench.views.runs.MeetingMode;
import org.ecgworkbench.views.runs.RunComparisonTable;
import org.ecgworkbench.views.runs.RunDashboard;
import org.ecgworkbench.views.runs.RunQueueView;
import org.ecgworkbench.views.runs.RunSnapshot;

/**
 * The workbench's training runs, one entry point: the run queue view, the live dashboard of the selected run, the
 * comparison table and meeting mode, over the persistent queue of a runs folder. The queue lives on disk, so it
 * outlives the application; the scheduler runs in this process (each run in a child JVM) while the user has the
 * queue started.
 */
public final class RunsWorkbench implements AutoCloseable {

    private final RunsController controller;
    private final Path templates;

    /**
     * The runs of runsDir (created when absent); actions run on jobs; the add dialog opens prototypes from
     * templatesDir (may be null). Call on the JavaFX thread; polling starts at once.
     */
    public RunsWorkbench(Path runsDir, BackgroundJobs jobs, Path templatesDir) {
        this(runsDir, jobs, templatesDir, LocalExecutor.Launch.ofThisJvm(Main.class.getName(), List.of()));
    }

    /** As {@link #RunsWorkbench(Path, BackgroundJobs, Path)}, starting training JVMs as launch says. */
    public RunsWorkbench(Path runsDir, BackgroundJobs jobs, Path templatesDir, LocalExecutor.Launch launch) {
        try {
            controller = new RunsController(runsDir, jobs, launch);
        } catch (IOException e) {
            throw new UncheckedIOException(runsDir + ": cannot open the run queue: " + e.getMessage(), e);
        }
        templates = templatesDir;
        controller.view().setTemplatesDir(templatesDir);
        controller.view().setOnMeetingMode(() -> {
            Window w = controller.view().getScene() == null ? null : controller.view().getScene().getWindow();
            openMeetingMode(w instanceof Stage st ? st : null);
        });
    }

    /** The run queue table with its actions (id run-queue; table run-table). */
    public Node queueView() {
        return controller.view();
    }

    /** The queue view, typed. */
    public RunQueueView queue() {
        return controller.view();
    }

    /** The dashboard of the selected run (else the first running one). */
    public Node dashboard() {
        return controller.dashboard();
    }

    /** The dashboard, typed. */
    public RunDashboard dashboardView() {
        return controller.dashboard();
    }

    /** The comparison table of every run (hyper-parameters against best scores). */
    public RunComparisonTable comparison() {
        return controller.comparison();
    }

    /** Every run's latest snapshot (JavaFX thread; updated about every second). */
    public ObservableList<RunSnapshot> runs() {
        return controller.snapshots();
    }

    /** Puts a node (the DL4J UI) into the dashboard's "Histograms (DL4J UI)" tab. */
    public void setStatsView(Node node) {
        controller.dashboard().setStatsView(node);
    }

    /** Opens meeting mode full screen over owner (may be null); returns it. */
    public MeetingMode openMeetingMode(Stage owner) {
        MeetingMode m = new MeetingMode(controller.snapshots());
        m.show(owner);
        return m;
    }

    /** Queues one run of prototype (JSON file) on dataset (a packed .h5), in the background. */
    public void enqueue(Path prototype, Path dataset) {
        controller.add(new AddRunsRequest(List.of(prototype), dataset, List.of()));
    }

    /** Starts the queue with slots runs at a time (as the start button does). */
    public void startQueue(int slots) {
        controller.startQueue(slots);
    }

    /** Whether this process's scheduler runs the queue. */
    public boolean queueRunning() {
        return controller.queueRunning();
    }

    /** Where the add dialog's chooser starts, or null. */
    public Path templatesDir() {
        return templates;
    }

    /**
     * Stops polling and the scheduler: running runs write a checkpoint and are marked interrupted, so the next
     * start resumes them. Blocks until then (at most about a minute).
     */
    @Override
    public void close() {
        controller.close();
    }
}
