package org.ecgworkbench.app.gui.stats;

import java.nio.file.Path;
import java.util.List;

import javafx.application.Platform;
import org.ecgworkbench.views.common.BackgroundJobs;
import org.ecgworkbench.views.stats.StatsWebView;

/**
 * The workbench's training-statistics tab: a {@link StatsWebView} on a {@link StatsServer} that shows one run's
 * {@code stats.dl4j}. The server starts (loopback only) on the first {@link #show}; binding, copying and
 * rebinding for the sharing toggle run as background jobs. Sharing always starts off.
 */
public final class StatsPanel implements AutoCloseable {

    private final BackgroundJobs jobs;
    private final int port;
    private final StatsWebView view = new StatsWebView();
    /** Touched from background jobs (start, attach, share) and close; all its methods are thread-safe. */
    private volatile StatsServer server;
    private volatile boolean closed;

    /** A panel whose server will listen on port (0: any free port; taken: any free port); call on the FX thread. */
    public StatsPanel(BackgroundJobs jobs, int port) {
        this.jobs = jobs;
        this.port = port;
        view.setOnSharingChanged(this::share);
    }

    /** A panel on {@link StatsServer#DEFAULT_PORT}. */
    public StatsPanel(BackgroundJobs jobs) {
        this(jobs, StatsServer.DEFAULT_PORT);
    }

    /** The view to place in the window. */
    public StatsWebView view() {
        return view;
    }

    /** The server once started (null before the first {@link #show}). */
    public StatsServer server() {
        return server;
    }

    /** Shows the run whose stats file is statsFile (a run folder's stats.dl4j); call on the FX thread. */
    public void show(Path statsFile) {
        jobs.submit("Opening training statistics " + statsFile.getFileName(), p -> {
            StatsServer s = server(false);
            s.attach(statsFile);
            return s.uri().toString();
        }, uri -> {
            if (uri.equals(view.urlProperty().get())) {
                view.reload();
            } else {
                view.setUrl(uri);
            }
        }, e -> view.setUrl(""));
    }

    /** Stops showing a run; call on the FX thread. */
    public void clear() {
        StatsServer s = server;
        view.setUrl("");
        if (s != null) {
            jobs.submit("Closing training statistics", p -> {
                s.detach();
                return null;
            }, v -> { }, e -> { });
        }
    }

    private void share(boolean on) {
        jobs.submit(on ? "Sharing training statistics" : "Stopping sharing", p -> {
            StatsServer s = server(on);
            s.setShared(on);
            return s;
        }, s -> {
            view.setShared(s.isShared(), s.sharedUris().stream().map(Object::toString).toList());
            String shown = view.urlProperty().get();
            if (!shown.isEmpty()) {
                java.net.URI now = java.net.URI.create(shown);
                if (now.getPort() != s.uri().getPort()) {
                    // the port changed (taken by someone else meanwhile): same page on the new port
                    view.setUrl(s.uri().resolve(now.getRawPath()).toString());
                }
            }
        }, e -> {
            StatsServer s = server;
            view.setShared(s != null && s.isShared(), s == null ? List.of()
                    : s.sharedUris().stream().map(Object::toString).toList());
        });
    }

    private synchronized StatsServer server(boolean shared) throws java.io.IOException {
        if (closed) {
            throw new IllegalStateException("statistics panel closed");
        }
        if (server == null) {
            server = StatsServer.start(shared, port);
        }
        return server;
    }

    /** Stops the server (frees the port); safe from any thread. */
    @Override
    public synchronized void close() {
        closed = true;
        if (server != null) {
            server.close();
            server = null;
        }
        if (Platform.isFxApplicationThread()) {
            view.setUrl("");
        }
    }
}
