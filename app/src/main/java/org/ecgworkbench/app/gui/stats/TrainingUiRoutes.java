package org.ecgworkbench.app.gui.stats;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.impl.MimeMapping;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.deeplearning4j.core.storage.StatsStorage;
import org.deeplearning4j.ui.VertxUIServer;
import org.deeplearning4j.ui.api.HttpMethod;
import org.deeplearning4j.ui.api.Route;
import org.deeplearning4j.ui.api.UIModule;
import org.deeplearning4j.ui.i18n.I18NProvider;
import org.deeplearning4j.ui.module.defaultModule.DefaultModule;
import org.deeplearning4j.ui.module.train.TrainModule;

/**
 * The DL4J training pages (overview, model, system) as a Vert.x router, without DL4J's own HTTP server.
 *
 * <p>Why not {@code UIServer.getInstance()}: DL4J 1.0.0-M2.1's {@code VertxUIServer} calls {@code listen(port)},
 * which binds every interface ({@code *:9000}), and offers no host setting. This class wires the same
 * {@link TrainModule} and {@link DefaultModule} routes (and the {@code /assets} route) the way
 * {@code VertxUIServer.start} does, into a router that {@link StatsServer} binds to the host it chooses.
 * Deliberately left out: the remote receiver module (it accepts stats POSTed by anyone who can reach the port),
 * request-body handling and file uploads, and the t-SNE/SameDiff/convolutional pages: all routes here are
 * read-only GETs.
 */
final class TrainingUiRoutes {

    private static final String ASSETS = "/assets/";
    private static final String ASSETS_ROOT = "deeplearning4jUiAssets/";
    private static final String WEBJARS_ROOT = "META-INF/resources/";
    /** Routes that render HTML pages (the others answer JSON or plain text to the pages' scripts). */
    private static final java.util.Set<String> PAGES = java.util.Set.of("/train/overview", "/train/model",
            "/train/system", "/train/:sessionId/overview", "/train/:sessionId/model", "/train/:sessionId/system",
            "/train/multisession");

    private final List<UIModule> modules;
    /** Handlers read the attached storages; swapping a snapshot (detach, then attach) is one atomic step. */
    private final ReadWriteLock storageLock = new ReentrantReadWriteLock();

    TrainingUiRoutes() {
        // TrainModule asks the static VertxUIServer.getInstance() whether the UI runs in multi-session mode; the
        // instance its constructor registers is never deployed (nothing listens through it), it only answers that
        // question. Single-session: "/train/overview" shows the (one) attached run.
        if (VertxUIServer.getInstance() == null) {
            new VertxUIServer();
        }
        VertxUIServer.getMultiSession().set(false);
        modules = List.of(new DefaultModule(false), new TrainModule());
    }

    /** Builds a router serving the training pages and their assets on vertx. */
    Router router(Vertx vertx) {
        Router r = Router.router(vertx);
        r.get(ASSETS + "*").handler(TrainingUiRoutes::asset);
        r.get("/setlang/:to").handler(rc -> {
            I18NProvider.getInstance().setDefaultLanguage(rc.request().getParam("to"));
            rc.response().end();
        });
        for (UIModule m : modules) {
            for (Route route : m.getRoutes()) {
                if (route.getHttpMethod() != HttpMethod.GET) {
                    continue; // only pages and their data; nothing that changes state from the network
                }
                boolean page = PAGES.contains(route.getRoute());
                r.get(route.getRoute()).handler(rc -> {
                    if (page) {
                        // DL4J renders its pages without a content type; browsers sniff HTML, JavaFX's WebKit
                        // does not and never loads the page's scripts.
                        rc.addHeadersEndHandler(v -> {
                            if (!rc.response().headers().contains("content-type")) {
                                rc.response().putHeader("content-type", "text/html; charset=utf-8");
                            }
                        });
                    }
                    Lock read = storageLock.readLock();
                    read.lock();
                    try {
                        route.getConsumer().accept(pathArguments(route.getRoute(), rc), rc);
                    } finally {
                        read.unlock();
                    }
                });
            }
        }
        return r;
    }

    /** Replaces the shown storage: detaches old (may be null), attaches replacement (may be null). */
    void swap(StatsStorage old, StatsStorage replacement) {
        Lock write = storageLock.writeLock();
        write.lock();
        try {
            if (old != null) {
                modules.forEach(m -> m.onDetach(old));
            }
            if (replacement != null) {
                modules.forEach(m -> m.onAttach(replacement));
            }
        } finally {
            write.unlock();
        }
    }

    /** Values of a route's ":name" parameters in order, as DL4J's modules expect them. */
    private static List<String> pathArguments(String path, RoutingContext rc) {
        if (!path.contains(":")) {
            return Collections.emptyList();
        }
        List<String> out = new ArrayList<>();
        for (String s : path.split("/")) {
            if (s.startsWith(":")) {
                out.add(rc.request().getParam(s.substring(1)));
            }
        }
        return out;
    }

    /**
     * Serves a UI asset from the classpath only (DL4J's route uses {@code sendFile}, which looks in the working
     * directory first and so could serve local files to a shared audience).
     */
    private static void asset(RoutingContext rc) {
        String path = rc.normalisedPath().substring(ASSETS.length());
        if (path.contains("..")) {
            rc.response().setStatusCode(404).end();
            return;
        }
        int webjars = path.indexOf("webjars/");
        String resource = webjars >= 0 ? WEBJARS_ROOT + path.substring(webjars) : ASSETS_ROOT + path;
        try (InputStream in = TrainingUiRoutes.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                rc.response().setStatusCode(404).end();
                return;
            }
            byte[] bytes = in.readAllBytes();
            String mime = MimeMapping.getMimeTypeForFilename(resource);
            if (mime != null) {
                rc.response().putHeader("content-type", mime);
            }
            rc.response().putHeader("cache-control", "max-age=3600").end(Buffer.buffer(bytes));
        } catch (IOException e) {
            rc.response().setStatusCode(500).end();
        }
    }
}
