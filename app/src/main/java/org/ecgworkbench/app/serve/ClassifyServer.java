package org.ecgworkbench.app.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.ecgworkbench.engine.record.Record;
import org.ecgworkbench.engine.serve.Classification;
import org.ecgworkbench.engine.serve.Health;
import org.ecgworkbench.engine.serve.InferenceService;
import org.ecgworkbench.engine.serve.InvalidInputException;
import org.ecgworkbench.engine.serve.ModelCard;

/**
 * The HTTP face of an {@link InferenceService}, on the JDK's own server ({@code com.sun.net.httpserver}: no new
 * dependency). Endpoints:
 * <ul>
 *   <li>{@code POST /v1/classify}: a recording in the body ({@link RecordBody}) → label, probabilities, R peaks,
 *       heart rate, server-side latency, model id;</li>
 *   <li>{@code GET /v1/health}: status, uptime, requests served, model loaded;</li>
 *   <li>{@code GET /v1/model}: the {@link ModelCard} (prototype, dataset fingerprint, best score and epoch);</li>
 *   <li>{@code POST /v1/reload}, body optional {@code {"model": "RUN_DIR"}}: loads in the background, swaps
 *       atomically (202; {@code ?wait=true} answers when loaded).</li>
 * </ul>
 *
 * <p>Robustness: requests run on a fixed pool of {@link ServerOptions#threads()} threads behind a bounded queue of
 * {@link ServerOptions#queue()}; a request arriving when both are full is answered 429 with Retry-After by a separate
 * small pool (the JDK server drops a connection whose task its executor rejects, so rejection must not reach it).
 * Bodies over {@link ServerOptions#maxBytes()} are answered 413 before they are read when Content-Length says so.
 * Every request is answered inside a catch-all: a bad request costs a 4xx, a bug a 500, never the server.
 */
public final class ClassifyServer implements AutoCloseable {

    /** Seconds a client is asked to wait after a 429. */
    public static final int RETRY_AFTER_S = 1;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> METHODS = Map.of(
            "/v1/classify", "POST", "/v1/health", "GET", "/v1/model", "GET", "/v1/reload", "POST");

    /** Set on the request thread: when the server accepted the request (ns), and whether the queue was full. */
    private record Arrival(long nanos, boolean overflow) {
    }

    private static final ThreadLocal<Arrival> ARRIVAL = new ThreadLocal<>();

    /** A successful answer: status and JSON body. */
    private record Reply(int status, byte[] body) {
        static Reply ok(Object json) throws IOException {
            return new Reply(200, JSON.writeValueAsBytes(json));
        }
    }

    private final InferenceService service;
    private final ServerOptions options;
    private final HttpServer http;
    private final ThreadPoolExecutor pool;
    private final ThreadPoolExecutor overflow;
    private final AtomicLong served = new AtomicLong();
    private final Map<Integer, AtomicLong> byStatus = new ConcurrentHashMap<>();

    private ClassifyServer(InferenceService service, ServerOptions options) throws IOException {
        this.service = service;
        this.options = options;
        this.pool = new ThreadPoolExecutor(options.threads(), options.threads(), 0, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(options.queue()), threads("serve"), new ThreadPoolExecutor.AbortPolicy());
        // Answering 429 takes microseconds; a couple of threads and a deep queue keep up with any overload.
        this.overflow = new ThreadPoolExecutor(2, 2, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(1024),
                threads("serve-429"), new ThreadPoolExecutor.AbortPolicy());
        InetSocketAddress address = new InetSocketAddress(InetAddress.getByName(options.host()), options.port());
        try {
            this.http = HttpServer.create(address, options.threads() + options.queue() + 64);
        } catch (java.net.BindException e) {
            throw new IOException("cannot listen on " + options.host() + ":" + options.port() + ": " + e.getMessage(), e);
        }
        http.createContext("/", this::handle);
        http.setExecutor(this::dispatch);
    }

    /** Starts serving service as options say; the bound address is {@link #address()}. */
    public static ClassifyServer start(InferenceService service, ServerOptions options) throws IOException {
        ClassifyServer s = new ClassifyServer(service, options);
        s.http.start();
        return s;
    }

    /** The address the server socket is bound to (the actual port when options asked for 0). */
    public InetSocketAddress address() {
        return http.getAddress();
    }

    /** The base URL, e.g. http://127.0.0.1:8765. */
    public String url() {
        InetSocketAddress a = address();
        String host = a.getAddress().getHostAddress();
        return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + a.getPort();
    }

    /**
     * Runs times warm-up classifications on every request thread. Each thread that infers gets its own ND4J
     * workspaces on its first inference; doing that here keeps those first-request costs out of the latency tail.
     */
    public void warmUpThreads(int times) throws InterruptedException {
        int n = options.threads();
        java.util.concurrent.CyclicBarrier all = new java.util.concurrent.CyclicBarrier(n);
        java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(n);
        for (int i = 0; i < n; i++) {
            Runnable warm = () -> {
                try {
                    // every task waits for the others first, so each runs on a thread of its own
                    all.await(30, TimeUnit.SECONDS);
                    service.warmUp(times);
                } catch (Exception e) {
                    // a warm-up that cannot run (threads busy with requests already) only costs latency later
                } finally {
                    done.countDown();
                }
            };
            try {
                pool.execute(warm);
            } catch (RejectedExecutionException e) {
                done.countDown();
            }
        }
        done.await(5, TimeUnit.MINUTES);
    }

    /** Requests waiting for a request thread now. */
    public int queued() {
        return pool.getQueue().size();
    }

    /** Requests answered so far, whatever their status. */
    public long served() {
        return served.get();
    }

    /** Stops accepting requests, lets the running ones finish for up to 2 s, and stops the threads. */
    @Override
    public void close() {
        http.stop(0);
        pool.shutdown();
        overflow.shutdown();
        try {
            pool.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        pool.shutdownNow();
        overflow.shutdownNow();
    }

    private static ThreadFactory threads(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** The JDK server's executor: the request pool, or when it is full the 429 pool. */
    private void dispatch(Runnable exchange) {
        long now = System.nanoTime();
        try {
            pool.execute(() -> runWith(exchange, new Arrival(now, false)));
        } catch (RejectedExecutionException full) {
            try {
                overflow.execute(() -> runWith(exchange, new Arrival(now, true)));
            } catch (RejectedExecutionException alsoFull) {
                // Both full (or shutting down): answer on the server's own thread rather than drop the connection.
                runWith(exchange, new Arrival(now, true));
            }
        }
    }

    private static void runWith(Runnable exchange, Arrival arrival) {
        ARRIVAL.set(arrival);
        try {
            exchange.run();
        } finally {
            ARRIVAL.remove();
        }
    }

    private void handle(HttpExchange ex) {
        Arrival arrival = ARRIVAL.get() == null ? new Arrival(System.nanoTime(), false) : ARRIVAL.get();
        int status;
        byte[] body;
        Map<String, String> headers = Map.of();
        try {
            if (arrival.overflow()) {
                throw new HttpError(429, "request queue full (" + options.queue() + " waiting for " + options.threads()
                        + " threads); retry after " + RETRY_AFTER_S + " s", Map.of("Retry-After", "" + RETRY_AFTER_S));
            }
            Reply reply = route(ex, arrival);
            status = reply.status();
            body = reply.body();
        } catch (HttpError e) {
            status = e.status();
            headers = e.headers();
            body = error(e.getMessage());
        } catch (InvalidInputException e) {
            status = 400;
            body = error(e.getMessage());
        } catch (Throwable t) {
            // A bug, or the model failing on an input nobody foresaw: answer 500 and go on serving.
            status = 500;
            body = error("internal error: " + t);
        }
        send(ex, status, headers, body);
    }

    private Reply route(HttpExchange ex, Arrival arrival) throws Exception {
        String path = ex.getRequestURI().getPath();
        String method = METHODS.get(path);
        if (method == null) {
            throw new HttpError(404, "no endpoint " + path + "; endpoints: POST /v1/classify, GET /v1/health,"
                    + " GET /v1/model, POST /v1/reload");
        }
        if (!method.equals(ex.getRequestMethod())) {
            throw new HttpError(405, path + " takes " + method + ", not " + ex.getRequestMethod(),
                    Map.of("Allow", method));
        }
        Query query = Query.parse(ex.getRequestURI().getRawQuery());
        return switch (path) {
            case "/v1/classify" -> classify(ex, query, arrival);
            case "/v1/health" -> Reply.ok(health());
            case "/v1/model" -> Reply.ok(model(service.model()));
            case "/v1/reload" -> reload(ex, query);
            default -> throw new IllegalStateException("unrouted " + path);
        };
    }

    private Reply classify(HttpExchange ex, Query query, Arrival arrival) throws Exception {
        byte[] bytes = body(ex);
        Record r = RecordBody.decode(query, ex.getRequestHeaders().getFirst("Content-Type"), bytes);
        Classification c = service.classify(r);
        ObjectNode o = JSON.createObjectNode();
        o.put("label", c.label());
        ObjectNode p = o.putObject("probabilities");
        for (int k = 0; k < c.classes().size(); k++) {
            p.put(c.classes().get(k), c.probabilities()[k]);
        }
        ArrayNode peaks = o.putArray("rpeaks");
        for (int i : c.rPeaks()) {
            peaks.add(i);
        }
        if (Double.isNaN(c.heartRateBpm())) {
            o.putNull("heart_rate_bpm");
        } else {
            o.put("heart_rate_bpm", c.heartRateBpm());
        }
        // Server side: from the server accepting the request (queue wait included) to the answer being ready.
        o.put("latency_ms", (System.nanoTime() - arrival.nanos()) / 1e6);
        o.put("model", c.model());
        return Reply.ok(o);
    }

    /** The request body, refused with 413 once it exceeds the limit (before reading, when Content-Length says so). */
    private byte[] body(HttpExchange ex) throws IOException, HttpError {
        long limit = options.maxBytes();
        String declared = ex.getRequestHeaders().getFirst("Content-Length");
        if (declared != null) {
            try {
                if (Long.parseLong(declared.strip()) > limit) {
                    throw tooLarge(Long.parseLong(declared.strip()) + " bytes");
                }
            } catch (NumberFormatException e) {
                throw HttpError.badRequest("Content-Length is not a number: " + declared);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[65536];
        try (InputStream in = ex.getRequestBody()) {
            for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
                out.write(buf, 0, n);
                if (out.size() > limit) {
                    throw tooLarge("more than " + limit + " bytes");
                }
            }
        }
        return out.toByteArray();
    }

    private HttpError tooLarge(String size) {
        return new HttpError(413, "request body of " + size + " exceeds the limit of " + options.maxBytes()
                + " bytes (--max-bytes)");
    }

    private ObjectNode health() {
        Health h = service.health();
        ObjectNode o = JSON.createObjectNode();
        o.put("status", "ok");
        o.put("uptime_s", h.uptimeSeconds());
        o.put("requests_served", served.get());
        ObjectNode st = o.putObject("responses");
        new TreeMap<>(byStatus).forEach((k, v) -> st.put(String.valueOf(k), v.get()));
        o.put("classified", h.classified());
        o.put("refused", h.refused());
        o.put("model_loaded", h.model() != null);
        o.put("model", h.model());
        o.put("reloads", h.reloads());
        o.put("reloading", h.reloading());
        if (h.lastReloadError() == null) {
            o.putNull("last_reload_error");
        } else {
            o.put("last_reload_error", h.lastReloadError());
        }
        o.put("threads", options.threads());
        o.put("queue_capacity", options.queue());
        o.put("queued", pool.getQueue().size());
        o.put("active", pool.getActiveCount());
        return o;
    }

    /** The model card as JSON. */
    static ObjectNode model(ModelCard m) {
        ObjectNode o = JSON.createObjectNode();
        o.put("id", m.id());
        o.put("run_dir", m.runDir() == null ? null : m.runDir().toAbsolutePath().normalize().toString());
        o.put("checkpoint", m.checkpoint());
        o.put("engine", m.engine());
        o.put("fs", m.fs());
        o.put("lead", m.lead());
        o.put("window_s", m.windowSeconds());
        ArrayNode classes = o.putArray("classes");
        m.classes().forEach(classes::add);
        o.set("prototype", m.prototype());
        o.set("dataset", m.dataset());
        o.set("best", m.best());
        o.put("loaded", m.loaded().toString());
        return o;
    }

    private Reply reload(HttpExchange ex, Query query) throws Exception {
        byte[] bytes = body(ex);
        Path dir = service.runDir();
        if (bytes.length > 0) {
            JsonNode n;
            try {
                n = JSON.readTree(bytes);
            } catch (IOException e) {
                throw HttpError.badRequest("bad JSON: " + e.getMessage());
            }
            if (n == null || !n.isObject() || (n.has("model") && !n.get("model").isTextual())) {
                throw HttpError.badRequest("the reload body is {\"model\": \"RUN_DIR\"} or empty (the same run)");
            }
            if (n.has("model")) {
                dir = Path.of(n.get("model").asText());
            }
        }
        if (dir == null) {
            throw HttpError.badRequest("no run directory: give {\"model\": \"RUN_DIR\"}");
        }
        if (!Files.isDirectory(dir)) {
            throw HttpError.badRequest(dir + ": not a run directory");
        }
        CompletableFuture<ModelCard> f = service.reload(dir);
        if (f.isCompletedExceptionally() && !query.flag("wait")) {
            try {
                f.get();
            } catch (ExecutionException e) {
                throw new HttpError(409, e.getCause().getMessage());
            }
        }
        ObjectNode o = JSON.createObjectNode();
        if (query.flag("wait")) {
            try {
                ModelCard card = f.get();
                o.put("status", "reloaded");
                o.set("model", model(card));
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                throw new HttpError(cause instanceof IllegalStateException ? 409 : 400, "reload failed, the old model"
                        + " stays: " + cause.getMessage());
            }
        } else {
            o.put("status", "reloading");
            o.put("model", dir.toAbsolutePath().normalize().toString());
            return new Reply(202, JSON.writeValueAsBytes(o));
        }
        return Reply.ok(o);
    }

    private static byte[] error(String reason) {
        ObjectNode o = JSON.createObjectNode();
        o.put("error", reason);
        try {
            return JSON.writeValueAsBytes(o);
        } catch (IOException e) {
            return ("{\"error\":\"unprintable reason\"}").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    private void send(HttpExchange ex, int status, Map<String, String> headers, byte[] body) {
        try {
            ex.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
            headers.forEach((k, v) -> ex.getResponseHeaders().set(k, v));
            ex.sendResponseHeaders(status, body.length);
            try (OutputStream os = ex.getResponseBody()) {
                os.write(body);
            }
        } catch (IOException | RuntimeException e) {
            // The client went away; nothing to answer, and nothing that concerns other requests.
        } finally {
            served.incrementAndGet();
            byStatus.computeIfAbsent(status, k -> new AtomicLong()).incrementAndGet();
            ex.close();
        }
    }
}
