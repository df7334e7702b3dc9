package org.ecgworkbench.views.common;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.concurrent.Task;

/**
 * Runs the workbench's long work (reading records, filtering, building networks) off the JavaFX thread and
 * lists it for the status bar while it runs. Results and errors come back on the JavaFX thread.
 */
public final class BackgroundJobs implements AutoCloseable {

    /** Work that may report progress; throws whatever it fails with. */
    @FunctionalInterface
    public interface Work<T> {
        /** Does the work; call {@code progress.update(done, total)} as it goes. */
        T run(Progress progress) throws Exception;
    }

    /** Progress callback of a running job. */
    @FunctionalInterface
    public interface Progress {
        /** Reports done out of total units (any unit) and a one-line message. */
        void update(double done, double total, String message);
    }

    private final ExecutorService pool;
    private final ObservableList<Task<?>> running = FXCollections.observableArrayList();

    /** A pool of the given number of daemon threads named "workbench-job-N". */
    public BackgroundJobs(int threads) {
        AtomicInteger n = new AtomicInteger();
        ThreadFactory tf = r -> {
            Thread t = new Thread(r, "workbench-job-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        pool = Executors.newFixedThreadPool(threads, tf);
    }

    /** Jobs queued or running, in submission order; read on the JavaFX thread only. */
    public ObservableList<Task<?>> running() {
        return running;
    }

    /**
     * Runs work in the background under a title shown in the status bar; onDone or onError is called on the
     * JavaFX thread. Call from the JavaFX thread.
     */
    public <T> Task<T> submit(String title, Work<T> work, Consumer<T> onDone, Consumer<Throwable> onError) {
        Job<T> task = new Job<>(title, work);
        task.setOnSucceeded(e -> {
            running.remove(task);
            onDone.accept(task.getValue());
        });
        task.setOnFailed(e -> {
            running.remove(task);
            onError.accept(task.getException());
        });
        task.setOnCancelled(e -> running.remove(task));
        if (pool.isShutdown()) {
            // A late timer (e.g. a debounced rebuild) after the window closed: nothing is left to do it for.
            task.cancel();
            return task;
        }
        running.add(task);
        try {
            pool.execute(task);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            running.remove(task);
            task.cancel();
        }
        return task;
    }

    private static final class Job<T> extends Task<T> {
        private final Work<T> work;

        Job(String title, Work<T> work) {
            this.work = work;
            updateTitle(title);
        }

        @Override
        protected T call() throws Exception {
            return work.run((done, total, message) -> {
                updateProgress(done, total);
                if (message != null) {
                    updateMessage(message);
                }
            });
        }
    }

    /** Stops accepting work and interrupts what is running. */
    @Override
    public void close() {
        pool.shutdownNow();
    }
}
