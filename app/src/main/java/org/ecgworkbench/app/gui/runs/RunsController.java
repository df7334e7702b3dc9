package org.ecgworkbench.app.gui.runs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import javafx.application.Platform;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.ecgworkbench.engine.net.Prototype;
import org.ecgworkbench.engine.net.PrototypeException;
import org.ecgworkbench.engine.queue.LocalExecutor;
import org.ecgworkbench.engine.queue.QueueEntry;
import org.ecgworkbench.engine.queue.QueueException;
import org.ecgworkbench.engine.queue.RunQueue;
import org.ecgworkbench.engine.queue.Scheduler;
import org.ecgworkbench.engine.queue.Setting;
import org.ecgworkbench.engine.train.RunFiles;
import org.ecgworkbench.views.common.BackgroundJobs;
import org.ecgworkbench.views.runs.AddRunsRequest;
import org.ecgworkbench.views.runs.RunActions;
import org.ecgworkbench.views.runs.RunComparisonTable;
import org.ecgworkbench.views.runs.RunDashboard;
import org.ecgworkbench.views.runs.RunQueueView;
import org.ecgworkbench.views.runs.RunRow;
import org.ecgworkbench.views.runs.RunSnapshot;
import org.ecgworkbench.views.runs.RunStatus;

/**
 * Connects the run views to the on-disk queue of a runs folder: polls the queue and the run directories every
 * {@link #POLL} on a background thread and publishes snapshots on the JavaFX thread; carries out the views' actions
 * in the background; runs the queue's {@link Scheduler} in this process (children in their own JVMs) while the
 * user has it started.
 */
final class RunsController implements RunActions {

    /** How often the queue and the run folders are read. */
    static final Duration POLL = Duration.ofSeconds(1);
    /** How long a run asked to stop (cancel, stop queue) may take to write its checkpoint before it is killed. */
    static final Duration STOP_GRACE = Duration.ofSeconds(60);

    private final RunQueue queue;
    private final BackgroundJobs jobs;
    private final LocalExecutor.Launch launch;
    private final RunDirectoryReader reader = new RunDirectoryReader();
    private final ScheduledExecutorService poller;
    private final AtomicBoolean publishPending = new AtomicBoolean();
    private final ObservableList<RunSnapshot> snapshots = FXCollections.observableArrayList();
    private final RunQueueView view;
    private final RunDashboard dashboard = new RunDashboard();
    private final RunComparisonTable comparison = new RunComparisonTable();
    private volatile Scheduler scheduler;
    private volatile Thread schedulerThread;
    private int lastSlots = 1;

    /** A controller of the runs folder's queue; starts polling at once. Call on the JavaFX thread. */
    RunsController(Path runs, BackgroundJobs jobs, LocalExecutor.Launch launch) throws IOException {
        this.queue = RunQueue.open(runs);
        this.jobs = jobs;
        this.launch = launch;
        this.view = new RunQueueView(this);
        view.showMessage("Queue stopped · " + queue.runs(), false);
        view.selectedRunProperty().addListener((o, a, b) -> showSelected());
        poller = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "runs-poll");
            t.setDaemon(true);
            return t;
        });
        poller.scheduleWithFixedDelay(this::poll, 0, POLL.toMillis(), TimeUnit.MILLISECONDS);
    }

    RunQueueView view() {
        return view;
    }

    RunDashboard dashboard() {
        return dashboard;
    }

    RunComparisonTable comparison() {
        return comparison;
    }

    /** Every run's latest snapshot, by id (JavaFX thread). */
    ObservableList<RunSnapshot> snapshots() {
        return snapshots;
    }

    /** Whether a scheduler of this process runs the queue. */
    boolean queueRunning() {
        return scheduler != null;
    }

    /** Reads the queue and run folders now (as the next poll would), off the JavaFX thread. */
    void pollNow() {
        if (!poller.isShutdown()) {
            poller.execute(this::poll);
        }
    }

    // ---- polling (background thread)

    private void poll() {
        try {
            List<RunSnapshot> list = read();
            // a slow FX thread must not pile up stale publishes: drop this one while the last is pending
            if (publishPending.compareAndSet(false, true)) {
                Platform.runLater(() -> {
                    publishPending.set(false);
                    publish(list);
                });
            }
        } catch (IOException | RuntimeException e) {
            Platform.runLater(() -> view.showMessage("Cannot read the queue: " + e.getMessage(), true));
        }
    }

    /** The snapshots of the queue's runs, then of the runs folder's other run directories (trained by hand). */
    List<RunSnapshot> read() throws IOException {
        Instant now = Instant.now();
        List<RunSnapshot> out = new ArrayList<>();
        Set<Path> dirs = new HashSet<>();
        for (QueueEntry e : queue.list(bad -> { })) {
            out.add(reader.read(e.runDir(), e, now));
            dirs.add(e.runDir());
        }
        try (Stream<Path> children = Files.list(queue.runs())) {
            for (Path d : children.filter(Files::isDirectory).sorted().toList()) {
                if (!dirs.contains(d) && !d.equals(queue.folder()) && Files.isRegularFile(d.resolve(RunFiles.RUN))) {
                    out.add(reader.read(d, null, now));
                    dirs.add(d);
                }
            }
        }
        reader.retain(dirs);
        return out;
    }

    // ---- publishing (JavaFX thread)

    private void publish(List<RunSnapshot> list) {
        snapshots.setAll(list);
        view.setRows(list.stream().map(RunSnapshot::row).toList());
        comparison.setRuns(list);
        view.queueRunningProperty().set(scheduler != null);
        showSelected();
    }

    private void showSelected() {
        RunRow sel = view.selectedRunProperty().get();
        RunSnapshot s = null;
        if (sel != null) {
            s = snapshots.stream().filter(x -> x.row().id().equals(sel.id())).findFirst().orElse(null);
        }
        if (s == null) {
            // nothing chosen: the first running run, else the latest with epochs
            s = snapshots.stream().filter(x -> x.row().status() == RunStatus.RUNNING).findFirst()
                    .orElse(snapshots.stream().filter(x -> !x.points().isEmpty()).reduce((a, b) -> b).orElse(null));
        }
        dashboard.show(s);
    }

    // ---- actions (called on the JavaFX thread; work in the background)

    @Override
    public void add(AddRunsRequest request) {
        jobs.submit("Queue runs", p -> {
            if (!Files.isRegularFile(request.dataset())) {
                throw new QueueException(request.dataset(), "dataset file not found");
            }
            List<Setting> sets = new ArrayList<>();
            for (String s : request.overrides()) {
                sets.add(Setting.parse(s, "override"));
            }
            List<RunQueue.Request> requests = new ArrayList<>();
            for (Path file : request.prototypes()) {
                Prototype proto = Prototype.read(file);
                for (Setting s : sets) {
                    try {
                        proto = proto.with(s.key(), s.value());
                    } catch (PrototypeException e) {
                        throw e.in(file);
                    }
                }
                requests.add(new RunQueue.Request(proto, file, sets, request.dataset(), null, 5, 2));
            }
            return queue.add(requests);
        }, added -> {
            view.showMessage(added.stream().map(e -> e.id() + " " + e.prototypeName()).collect(
                    Collectors.joining(", ")) + " queued" + (scheduler == null ? "; start the queue to run" : ""),
                    false);
            pollNow();
        }, this::failed);
    }

    @Override
    public void cancel(String id) {
        jobs.submit("Cancel " + id, p -> queue.cancel(id), e -> {
            view.showMessage(e.cancelRequested() ? id + ": asked to stop; it writes a checkpoint first"
                    : id + " cancelled", false);
            pollNow();
        }, this::failed);
    }

    @Override
    public void retry(String id) {
        jobs.submit("Retry " + id, p -> queue.retry(id), e -> {
            view.showMessage(id + " queued again" + (scheduler == null ? "; start the queue to run it" : ""), false);
            pollNow();
        }, this::failed);
    }

    @Override
    public void resume(String id) {
        jobs.submit("Resume " + id, p -> queue.retry(id), e -> {
            view.showMessage(id + " resumes from its last checkpoint", false);
            if (scheduler == null) {
                startQueue(lastSlots);
            }
            pollNow();
        }, this::failed);
    }

    @Override
    public synchronized void startQueue(int slots) {
        if (scheduler != null) {
            return;
        }
        lastSlots = slots;
        LocalExecutor executor = new LocalExecutor(launch, slots, Runtime.getRuntime().availableProcessors(),
                List.of());
        Scheduler s = new Scheduler(queue, executor, new Scheduler.Settings(true, POLL, STOP_GRACE), this::log);
        scheduler = s;
        view.queueRunningProperty().set(true);
        view.showMessage("Queue running with " + slots + (slots == 1 ? " slot" : " slots"), false);
        Thread t = new Thread(() -> {
            try {
                s.run();
                log(s.wasShutDown() ? "queue stopped; running runs were interrupted and resume at the next start"
                        : "queue stopped");
            } catch (IOException | RuntimeException e) {
                Platform.runLater(() -> view.showMessage("Queue stopped: " + e.getMessage(), true));
            } finally {
                synchronized (this) {
                    if (scheduler == s) {
                        scheduler = null;
                    }
                }
                Platform.runLater(() -> view.queueRunningProperty().set(scheduler != null));
                pollNow();
            }
        }, "run-queue-scheduler");
        // a daemon: an application that exits without close() leaves the children running; the next scheduler
        // finds them orphaned, kills them and resumes their runs from the checkpoint
        t.setDaemon(true);
        schedulerThread = t;
        t.start();
    }

    @Override
    public void stopQueue() {
        Scheduler s = scheduler;
        if (s == null) {
            return;
        }
        view.showMessage("Stopping the queue: running runs write a checkpoint first…", false);
        jobs.submit("Stop queue", p -> {
            s.shutdown(STOP_GRACE.plusSeconds(10));
            return s;
        }, x -> pollNow(), this::failed);
    }

    /** Stops polling and the scheduler (running runs checkpoint and stay resumable); blocks until it has stopped. */
    void close() {
        poller.shutdownNow();
        Scheduler s = scheduler;
        if (s != null) {
            s.shutdown(STOP_GRACE.plusSeconds(10));
        }
        Thread t = schedulerThread;
        if (t != null) {
            try {
                t.join(TimeUnit.SECONDS.toMillis(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void log(String line) {
        String text = LocalTime.now().format(DateTimeFormatter.ofPattern("HH:mm:ss")) + "  " + line;
        Platform.runLater(() -> view.showMessage(text, line.contains(" failed")));
        pollNow();
    }

    private void failed(Throwable t) {
        view.showMessage(t.getMessage() == null ? t.toString() : t.getMessage(), true);
    }
}
