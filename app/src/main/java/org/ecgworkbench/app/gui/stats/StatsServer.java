package org.ecgworkbench.app.gui.stats;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.file.FileSystemOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;

/**
 * The DL4J training UI (score, parameter/update histograms, update:parameter ratios) for one run's
 * {@code stats.dl4j}, served over HTTP to the workbench's embedded browser.
 *
 * <p>The server listens on the loopback interface only ({@value #LOOPBACK}) unless sharing is turned on (for a
 * group meeting), when it listens on all interfaces ({@value #ALL_INTERFACES}). It serves a private copy of the
 * stats file (see {@link StatsSnapshot}: a training run keeps its file locked) and re-copies it every
 * {@link #REFRESH_SECONDS} seconds when the run has written to it, so the overview page, which polls for updates,
 * follows a run that is still training. Methods block (binding, copying); call them off the JavaFX thread.
 */
public final class StatsServer implements AutoCloseable {

    /** DL4J's usual UI port, used when free. */
    public static final int DEFAULT_PORT = 9000;
    /** Seconds between checks whether the attached run wrote new stats. */
    public static final int REFRESH_SECONDS = 5;
    static final String LOOPBACK = "127.0.0.1";
    static final String ALL_INTERFACES = "0.0.0.0";
    private static final String OVERVIEW = "/train/overview";
    private static final long TIMEOUT_SECONDS = 30;

    private final Vertx vertx;
    private final TrainingUiRoutes routes = new TrainingUiRoutes();
    private final Router router;
    private final Path cacheDir;
    private final ScheduledExecutorService refresher;
    private HttpServer http;
    private boolean shared;
    /** Read without the lock by the exit hook. */
    private volatile StatsSnapshot snapshot;
    /** Deletes the temporary copies when the JVM ends without {@link #close()} (e.g. killed by SIGTERM). */
    private final Thread exitCleanup;

    private StatsServer(Path cacheDir) {
        this.cacheDir = cacheDir;
        // Vert.x extracts classpath files into a cache folder (default: ".vertx" in the working directory); the
        // assets are served from the classpath directly, so keep its folder out of the user's directory.
        vertx = Vertx.vertx(new VertxOptions().setWorkerPoolSize(2).setEventLoopPoolSize(1)
                .setFileSystemOptions(new FileSystemOptions().setFileCacheDir(cacheDir.toString())));
        router = routes.router(vertx);
        exitCleanup = new Thread(() -> {
            StatsSnapshot s = snapshot;
            if (s != null) {
                s.deleteFiles();
            }
            StatsSnapshot.deleteTree(cacheDir);
        }, "stats-ui-exit-cleanup");
        Runtime.getRuntime().addShutdownHook(exitCleanup);
        refresher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "stats-ui-refresh");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Starts a server on port (0: any free port; otherwise that port if free, else any free port), on loopback
     * unless shared is true.
     */
    public static StatsServer start(boolean shared, int port) throws IOException {
        StatsServer s = new StatsServer(Files.createTempDirectory("ecg-stats-ui-"));
        try {
            s.listen(shared, port);
        } catch (IOException | RuntimeException e) {
            s.close();
            throw e;
        }
        s.refresher.scheduleWithFixedDelay(s::refreshQuietly, REFRESH_SECONDS, REFRESH_SECONDS, TimeUnit.SECONDS);
        return s;
    }

    /** Starts a loopback-only server on {@link #DEFAULT_PORT} (or any free port when that is taken). */
    public static StatsServer start() throws IOException {
        return start(false, DEFAULT_PORT);
    }

    /** Shows the run whose DL4J stats file is statsFile (a copy is read; the file itself is never opened). */
    public synchronized void attach(Path statsFile) throws IOException {
        StatsSnapshot next = StatsSnapshot.take(statsFile);
        replace(next);
    }

    /** Stops showing the attached run (the pages then say there is no session). */
    public synchronized void detach() {
        replace(null);
    }

    /** The attached stats file, or null. */
    public synchronized Path attached() {
        return snapshot == null ? null : snapshot.source();
    }

    /** Re-reads the attached stats file if the run wrote to it since; returns whether new stats are shown. */
    public synchronized boolean refresh() throws IOException {
        if (snapshot == null || !snapshot.isStale()) {
            return false;
        }
        replace(StatsSnapshot.take(snapshot.source()));
        return true;
    }

    /** Turns sharing on (listen on all interfaces) or off (loopback only); restarts the listener, same port if free. */
    public synchronized void setShared(boolean shared) throws IOException {
        if (shared == this.shared) {
            return;
        }
        int port = localAddress().getPort();
        HttpServer old = http;
        await(old::close);
        http = null;
        listen(shared, port);
    }

    /** Whether the server listens on all interfaces. */
    public synchronized boolean isShared() {
        return shared;
    }

    /** Address the listening socket is bound to, read from the socket (127.0.0.1 unless shared). */
    public synchronized InetSocketAddress localAddress() {
        return ListeningSocket.localAddress(http);
    }

    /** Page of the training overview for the attached run, on loopback (valid whether shared or not). */
    public synchronized URI uri() {
        return URI.create("http://" + LOOPBACK + ":" + localAddress().getPort() + OVERVIEW);
    }

    /** Overview page addresses other machines can use while shared (one per IPv4 interface); empty when not shared. */
    public synchronized List<URI> sharedUris() {
        if (!shared) {
            return List.of();
        }
        int port = localAddress().getPort();
        List<URI> out = new ArrayList<>();
        try {
            for (NetworkInterface nif : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (!nif.isUp() || nif.isLoopback()) {
                    continue;
                }
                for (InetAddress a : Collections.list(nif.getInetAddresses())) {
                    if (a instanceof Inet4Address) {
                        out.add(URI.create("http://" + a.getHostAddress() + ":" + port + OVERVIEW));
                    }
                }
            }
        } catch (SocketException e) {
            // no interface list: nothing to offer
        }
        return out;
    }

    /** Stops listening, closes the attached copy and frees the port. */
    @Override
    public synchronized void close() {
        refresher.shutdownNow();
        try {
            replace(null);
        } finally {
            try {
                await(vertx::close); // closes the HTTP server too
            } catch (IOException e) {
                // shutting down anyway
            }
            StatsSnapshot.deleteTree(cacheDir);
            try {
                Runtime.getRuntime().removeShutdownHook(exitCleanup);
            } catch (IllegalStateException e) {
                // the JVM is already exiting: the hook runs anyway
            }
        }
    }

    private void replace(StatsSnapshot next) {
        StatsSnapshot old = snapshot;
        routes.swap(old == null ? null : old.storage(), next == null ? null : next.storage());
        snapshot = next;
        if (old != null) {
            old.close();
        }
    }

    private synchronized void refreshQuietly() {
        try {
            refresh();
        } catch (IOException | RuntimeException e) {
            // keep the last good copy; the next tick tries again
        }
    }

    private void listen(boolean shared, int port) throws IOException {
        String host = shared ? ALL_INTERFACES : LOOPBACK;
        try {
            http = bind(host, port);
        } catch (IOException e) {
            if (port == 0) {
                throw e;
            }
            http = bind(host, 0); // the port is taken (another UI, another workbench): any free port will do
        }
        this.shared = shared;
    }

    private HttpServer bind(String host, int port) throws IOException {
        HttpServer server = vertx.createHttpServer(new HttpServerOptions().setHost(host).setPort(port))
                .requestHandler(router);
        CompletableFuture<HttpServer> bound = new CompletableFuture<>();
        server.listen(r -> {
            if (r.succeeded()) {
                bound.complete(r.result());
            } else {
                bound.completeExceptionally(r.cause());
            }
        });
        try {
            return bound.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new IOException("cannot listen on " + host + ":" + port + ": " + e.getCause().getMessage(),
                    e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while binding " + host + ":" + port, e);
        } catch (TimeoutException e) {
            throw new IOException("timed out binding " + host + ":" + port, e);
        }
    }

    private static void await(java.util.function.Consumer<io.vertx.core.Handler<io.vertx.core.AsyncResult<Void>>> closer)
            throws IOException {
        CompletableFuture<Void> done = new CompletableFuture<>();
        closer.accept(r -> done.complete(null));
        try {
            done.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while closing", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IOException("closing the HTTP server failed", e);
        }
    }
}
