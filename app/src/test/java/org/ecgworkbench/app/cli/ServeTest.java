package org.ecgworkbench.app.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.ecgworkbench.app.Main;
import org.ecgworkbench.app.serve.ClassifyServer;
import org.ecgworkbench.app.serve.ServerOptions;
import org.ecgworkbench.engine.qrs.PanTompkins;
import org.ecgworkbench.engine.record.Record;
import org.ecgworkbench.engine.serve.Classifier;
import org.ecgworkbench.engine.serve.InferenceEngine;
import org.ecgworkbench.engine.serve.InferenceService;
import org.ecgworkbench.engine.serve.LeadSignal;
import org.ecgworkbench.engine.serve.ModelCard;
import org.ecgworkbench.engine.synth.Rhythm;
import org.ecgworkbench.engine.synth.SynthParams;
import org.ecgworkbench.engine.synth.Synthesizer;
import org.ecgworkbench.engine.train.TrainedModel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** serve and bench serve: a tiny model trained once, served over loopback, asked in every format and abused. */
class ServeTest extends CliTest {

    @TempDir
    static Path shared;

    static Path runDir;
    static Path runDir2;
    static InferenceService service;
    static ClassifyServer server;
    /** A 10-s synthetic sinus-rhythm record at the model's 250 Hz, quantised at 1000 adu/mV as a .mat holds it. */
    static Record record;

    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    @BeforeAll
    static void trainAndServe() throws Exception {
        Path rec = SyntheticRecords.pairs(shared.resolve("records"), 8);
        Path data = shared.resolve("tiny.h5");
        cli("pack", "--input", rec.toString(), "--out", data.toString());
        Path proto = Files.writeString(shared.resolve("tiny.json"), TrainCommandsTest.TINY);
        runDir = shared.resolve("run");
        cli("train", "--prototype", proto.toString(), "--dataset", data.toString(), "--run-dir", runDir.toString());
        runDir2 = shared.resolve("run2");
        copyTree(runDir, runDir2);
        record = Synthesizer.generate(SynthParams.builder(Rhythm.NSR, 10, 250).seed(5).build()).toRecord("probe");
        assertEquals(1000, record.gains()[0], "the probe fits int16 at 1000 adu/mV");
        service = InferenceService.load(runDir, 2);
        service.warmUp(3);
        server = ClassifyServer.start(service, ServerOptions.loopback(0, 4, 16));
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
        if (service != null) {
            service.close();
        }
    }

    private static void cli(String... args) {
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        CommandLine cmd = new CommandLine(new Main());
        cmd.setOut(new PrintWriter(o, true));
        cmd.setErr(new PrintWriter(e, true));
        assertEquals(0, cmd.execute(args), String.join(" ", args) + ": " + e);
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Files.copy(p, to.resolve(from.relativize(p).toString()));
            }
        }
    }

    // ---- request helpers ----

    record Answer(int status, JsonNode json, HttpResponse<String> response) {
    }

    static Answer post(ClassifyServer s, String pathAndQuery, String contentType, byte[] body)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(s.url() + pathAndQuery))
                .timeout(Duration.ofSeconds(60)).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        return answer(HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString()));
    }

    static Answer get(ClassifyServer s, String path) throws IOException, InterruptedException {
        return answer(HTTP.send(HttpRequest.newBuilder(URI.create(s.url() + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString()));
    }

    static Answer answer(HttpResponse<String> r) {
        JsonNode n;
        try {
            n = JSON.readTree(r.body());
        } catch (IOException e) {
            n = null;
        }
        return new Answer(r.statusCode(), n, r);
    }

    /** A MATLAB v4 file as CinC 2017 writes it: one int16 row vector named val, little-endian. */
    static byte[] mat(int[] adu) {
        ByteBuffer b = ByteBuffer.allocate(20 + 4 + 2 * adu.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(30).putInt(1).putInt(adu.length).putInt(0).putInt(4);
        b.put("val\0".getBytes(StandardCharsets.ISO_8859_1));
        for (int v : adu) {
            b.putShort((short) v);
        }
        return b.array();
    }

    static byte[] csv(double[] mV) {
        StringBuilder sb = new StringBuilder("ECG\n");
        for (double v : mV) {
            sb.append(v).append('\n');
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    static byte[] json(double fs, double[] samples) {
        StringBuilder sb = new StringBuilder("{\"fs\":").append(fs).append(",\"samples\":[");
        for (int i = 0; i < samples.length; i++) {
            sb.append(i == 0 ? "" : ",").append(samples[i]);
        }
        return sb.append("]}").toString().getBytes(StandardCharsets.UTF_8);
    }

    static byte[] validJson() {
        return json(250, record.physical(0));
    }

    // ---- tests ----

    @Test
    void everyFormatGivesTheSameAnswerAsPredictAndPanTompkins() throws Exception {
        double[] mV = record.physical(0);
        int[] expectedPeaks = new PanTompkins(250).detect(mV).rPeaks();
        double[] expected = TrainedModel.load(runDir).probabilities(List.of(record), 1)[0];
        List<String> classes = service.model().classes();
        String twoLeads = "{\"fs\":250,\"gain\":1000,\"samples\":[[" + ints(record.adc(0)) + "],["
                + ints(record.adc(0)) + "]]}";
        List<Answer> answers = List.of(
                post(server, "/v1/classify?format=cinc-mat&fs=250", "application/octet-stream", mat(record.adc(0))),
                post(server, "/v1/classify?format=csv&fs=250", "text/csv", csv(mV)),
                post(server, "/v1/classify", "application/json", json(250, mV)),
                post(server, "/v1/classify?format=json", null, twoLeads.getBytes(StandardCharsets.UTF_8)));
        for (Answer a : answers) {
            assertEquals(200, a.status(), a.response().body());
            JsonNode n = a.json();
            for (String f : List.of("label", "probabilities", "rpeaks", "heart_rate_bpm", "latency_ms", "model")) {
                assertTrue(n.has(f), f + " missing: " + n);
            }
            assertEquals("run", n.get("model").asText());
            double sum = 0;
            double[] p = new double[classes.size()];
            for (int k = 0; k < classes.size(); k++) {
                p[k] = n.get("probabilities").get(classes.get(k)).asDouble();
                sum += p[k];
            }
            assertEquals(1, sum, 1e-5, n.toString());
            assertArrayEquals(expected, p, 1e-5, "the served answer is predict's answer");
            assertTrue(classes.contains(n.get("label").asText()));
            int[] peaks = new int[n.get("rpeaks").size()];
            for (int i = 0; i < peaks.length; i++) {
                peaks[i] = n.get("rpeaks").get(i).asInt();
            }
            assertArrayEquals(expectedPeaks, peaks, "R peaks are Pan-Tompkins' on the same signal");
            double hr = 60.0 * (peaks.length - 1) / ((peaks[peaks.length - 1] - peaks[0]) / 250.0);
            assertEquals(hr, n.get("heart_rate_bpm").asDouble(), 1e-9);
            assertTrue(n.get("latency_ms").asDouble() > 0);
        }
    }

    private static String ints(int[] v) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < v.length; i++) {
            sb.append(i == 0 ? "" : ",").append(v[i]);
        }
        return sb.toString();
    }

    @Test
    void listensOnLoopbackByDefault() {
        assertTrue(server.address().getAddress().isLoopbackAddress(), server.address().toString());
        assertEquals("127.0.0.1", ServerOptions.HOST);
    }

    @Test
    void aBodyOverTheLimitIs413NamingTheLimit() throws Exception {
        try (ClassifyServer small = ClassifyServer.start(service, new ServerOptions("127.0.0.1", 0, 2, 4, 1000))) {
            Answer a = post(small, "/v1/classify", "application/json", validJson());
            assertEquals(413, a.status());
            assertTrue(a.json().get("error").asText().contains("1000"), a.json().toString());
            // without Content-Length (chunked), the limit holds while reading
            HttpRequest chunked = HttpRequest.newBuilder(URI.create(small.url() + "/v1/classify"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(validJson())))
                    .build();
            Answer b = answer(HTTP.send(chunked, HttpResponse.BodyHandlers.ofString()));
            assertEquals(413, b.status());
            assertEquals(200, post(small, "/v1/classify", "application/json",
                    json(250, java.util.Arrays.copyOf(record.physical(0), 30))).status(), "small bodies pass");
        }
    }

    @Test
    void garbageIsAnswered400WithTheReasonAndTheServerKeepsServing() throws Exception {
        double[] mV = record.physical(0);
        String nan = new String(json(250, mV), StandardCharsets.UTF_8).replaceFirst("\\[", "[NaN,");
        record Bad(String path, String type, byte[] body, int status, String reason) {
        }
        List<Bad> bad = List.of(
                new Bad("/v1/classify", "application/json", "{\"fs\": 250, \"samples\": [1, 2,".getBytes(), 400,
                        "bad JSON"),
                new Bad("/v1/classify", "application/json", json(300, mV), 400, "never resamples"),
                new Bad("/v1/classify", "application/json", "{\"fs\": 250, \"samples\": []}".getBytes(), 400, "empty"),
                new Bad("/v1/classify", "application/json", nan.getBytes(), 400, "NaN"),
                new Bad("/v1/classify", "application/json", json(250, new double[] {0.1, 0.2, 0.3}), 400,
                        "too short for QRS detection"),
                new Bad("/v1/classify?format=wav", "audio/wav", new byte[] {1, 2, 3}, 400, "unknown format"),
                new Bad("/v1/classify", "text/plain", new byte[] {1, 2, 3}, 400, "unknown format"),
                new Bad("/v1/classify?format=csv", "text/csv", csv(mV), 400, "needs fs"),
                new Bad("/v1/classify?format=csv&fs=abc", "text/csv", csv(mV), 400, "not a number"),
                new Bad("/v1/classify?format=cinc-mat", null, "not a mat file at all".getBytes(), 400, "MATLAB"),
                new Bad("/v1/classify?format=cinc-mat&fs=250", null, mat(new int[0]), 400, "empty"),
                new Bad("/v1/classify", "application/json", "[1,2,3]".getBytes(), 400, "object"),
                new Bad("/v1/classify", "application/json", "{\"fs\":250,\"sample\":[1]}".getBytes(), 400,
                        "unknown field"),
                new Bad("/v1/classify", "application/json", "{\"fs\":-1,\"samples\":[1]}".getBytes(), 400, "fs"),
                new Bad("/v1/classify", "application/json", "{\"fs\":250,\"samples\":[[1,2],[3]]}".getBytes(), 400,
                        "same length"),
                new Bad("/v1/classify", "application/json", "{\"fs\":250,\"samples\":[1,\"x\"]}".getBytes(), 400,
                        "not a number"),
                new Bad("/v1/classify", "application/json", new byte[0], 400, "empty body"),
                new Bad("/v1/nothing", "application/json", validJson(), 404, "no endpoint"),
                new Bad("/v1/health", "application/json", validJson(), 405, "GET"));
        for (Bad b : bad) {
            Answer a = post(server, b.path(), b.type(), b.body());
            assertEquals(b.status(), a.status(), b.path() + " " + a.response().body());
            assertTrue(a.json().get("error").asText().contains(b.reason()),
                    "'" + b.reason() + "' in " + a.json().get("error"));
        }
        assertEquals(405, get(server, "/v1/classify").status());
        assertEquals("POST", get(server, "/v1/classify").response().headers().firstValue("Allow").orElse(""));
        assertEquals(404, get(server, "/").status());
        Random random = new Random(7);
        List<String> formats = List.of("?format=cinc-mat", "?format=csv&fs=250", "?format=json", "");
        for (int i = 0; i < 40; i++) {
            byte[] junk = new byte[random.nextInt(3000)];
            random.nextBytes(junk);
            if (i % 4 == 0 && junk.length > 30) {
                // a .mat header that promises more than it holds, or names another variable
                System.arraycopy(mat(new int[] {1, 2, 3}), 0, junk, 0, 26);
            }
            Answer a = post(server, "/v1/classify" + formats.get(i % 4), i % 2 == 0 ? "application/json" : null, junk);
            assertTrue(a.status() == 400 || a.status() == 200, a.status() + " " + a.response().body());
        }
        Answer ok = post(server, "/v1/classify", "application/json", validJson());
        assertEquals(200, ok.status(), ok.response().body());
        assertEquals("ok", get(server, "/v1/health").json().get("status").asText());
    }

    @Test
    void healthAndModelDescribeTheService() throws Exception {
        assertEquals(200, post(server, "/v1/classify", "application/json", validJson()).status());
        JsonNode h = get(server, "/v1/health").json();
        assertEquals("ok", h.get("status").asText());
        assertTrue(h.get("uptime_s").asDouble() > 0);
        assertTrue(h.get("requests_served").asLong() >= 1, h.toString());
        assertTrue(h.get("model_loaded").asBoolean());
        assertEquals("run", h.get("model").asText());
        JsonNode m = get(server, "/v1/model").json();
        assertEquals("run", m.get("id").asText());
        assertEquals(250, m.get("fs").asDouble());
        assertEquals("fcn1d", m.get("prototype").get("family").asText());
        assertTrue(m.get("dataset").get("sha256").asText().matches("[0-9a-f]{64}"), m.get("dataset").toString());
        assertEquals("cinc_score", m.get("best").get("metric").asText());
        assertTrue(m.get("best").get("epoch").asInt() >= 1, m.get("best").toString());
        assertTrue(m.get("best").has("value"));
        assertEquals(m.get("best").get("epoch").asInt(), m.get("best").get("metrics").get("epoch").asInt());
        assertTrue(m.get("checkpoint").asText().endsWith("best.zip"));
        assertTrue(m.get("engine").asText().startsWith("onnxruntime "), "the network runs on ONNX Runtime: " + m);
    }

    @Test
    void onnxRuntimeAndDl4jGiveTheSameAnswer() throws Exception {
        try (InferenceService dl4j = InferenceService.load(runDir, 1, InferenceEngine.DL4J)) {
            assertTrue(dl4j.model().engine().startsWith("dl4j"), dl4j.model().engine());
            assertTrue(service.model().engine().startsWith("onnxruntime"), service.model().engine());
            for (int seed = 1; seed <= 3; seed++) {
                Record r = Synthesizer.generate(SynthParams.builder(seed == 2 ? Rhythm.AF : Rhythm.NSR, 10, 250)
                        .seed(seed).build()).toRecord("probe" + seed);
                assertArrayEquals(dl4j.classify(r).probabilities(), service.classify(r).probabilities(), 1e-5);
            }
        }
        Path onnx = dir.resolve("exported").resolve("model.onnx");
        assertEquals(0, run("export", "--model", runDir.toString(), "--out", onnx.toString()), err.toString());
        assertTrue(out.toString().contains("input signal [batch, 1, 1, 1000]")
                && out.toString().contains("input features [batch, 2]"), out.toString());
        // the file is the model ONNX Runtime serves: opened again from disk, it gives the served probabilities
        try (ai.onnxruntime.OrtSession s = ai.onnxruntime.OrtEnvironment.getEnvironment()
                .createSession(onnx.toString(), new ai.onnxruntime.OrtSession.SessionOptions())) {
            assertEquals(java.util.Set.of("signal", "features"), s.getInputNames());
        }
        assertEquals(1, run("export", "--model", dir.resolve("no-run").toString(), "--out", onnx.toString()));
        assertTrue(Files.size(onnx) > 1000, "a failed export leaves the earlier file as it was");
        assertEquals(2, run("serve", "--model", runDir.toString(), "--engine", "tensorflow"));
        assertTrue(err.toString().contains("engine must be auto, onnx or dl4j, got tensorflow"), err.toString());
    }

    @Test
    void reloadWhileRequestsRunDropsNothing() throws Exception {
        try (InferenceService s = InferenceService.load(runDir, 2);
             ClassifyServer srv = ClassifyServer.start(s, ServerOptions.loopback(0, 4, 64))) {
            AtomicBoolean stop = new AtomicBoolean();
            AtomicInteger done = new AtomicInteger();
            List<String> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
            Set<String> models = ConcurrentHashMap.newKeySet();
            List<Thread> clients = new ArrayList<>();
            for (int c = 0; c < 4; c++) {
                clients.add(Thread.ofPlatform().start(() -> {
                    while (!stop.get()) {
                        try {
                            Answer a = post(srv, "/v1/classify", "application/json", validJson());
                            if (a.status() != 200) {
                                failures.add(a.status() + " " + a.response().body());
                            } else {
                                models.add(a.json().get("model").asText());
                            }
                        } catch (IOException | InterruptedException | RuntimeException e) {
                            failures.add(e.toString());
                        }
                        done.incrementAndGet();
                    }
                }));
            }
            waitFor(() -> done.get() >= 20, "20 requests before the reload");
            Answer r = post(srv, "/v1/reload", "application/json",
                    ("{\"model\": \"" + runDir2.toString().replace("\\", "\\\\") + "\"}").getBytes());
            assertEquals(202, r.status(), r.response().body());
            waitFor(() -> s.health().reloads() == 1, "the reload");
            int after = done.get();
            waitFor(() -> done.get() >= after + 20, "20 requests after the reload");
            stop.set(true);
            for (Thread t : clients) {
                t.join();
            }
            assertEquals(List.of(), failures);
            assertTrue(models.containsAll(List.of("run", "run2")), models.toString());
            assertEquals("run2", get(srv, "/v1/health").json().get("model").asText());
            // a reload to a folder that is not a run keeps the old model and says why
            Answer bad = post(srv, "/v1/reload?wait=true", "application/json",
                    ("{\"model\": \"" + shared.resolve("records").toString().replace("\\", "\\\\") + "\"}").getBytes());
            assertEquals(400, bad.status(), bad.response().body());
            assertEquals("run2", s.model().id());
            assertEquals(200, post(srv, "/v1/classify", "application/json", validJson()).status());
        }
    }

    @Test
    void aFullQueueIsAnswered429WithRetryAfter() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Classifier blocking = new Classifier() {
            final ModelCard card = ModelCard.of("stub", 250, 0, 4, List.of("A", "N"));

            @Override
            public ModelCard card() {
                return card;
            }

            @Override
            public double[] probabilities(LeadSignal signal) {
                entered.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return new double[] {0.25, 0.75};
            }
        };
        AtomicReference<Classifier> stub = new AtomicReference<>(blocking);
        try (InferenceService s = new InferenceService(blocking, dir -> stub.get());
             ClassifyServer srv = ClassifyServer.start(s, new ServerOptions("127.0.0.1", 0, 1, 1, 1 << 20))) {
            HttpRequest req = HttpRequest.newBuilder(URI.create(srv.url() + "/v1/classify"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(validJson())).build();
            CompletableFuture<HttpResponse<String>> first = HTTP.sendAsync(req, HttpResponse.BodyHandlers.ofString());
            assertTrue(entered.await(30, TimeUnit.SECONDS), "the first request reaches the classifier");
            CompletableFuture<HttpResponse<String>> second = HTTP.sendAsync(req, HttpResponse.BodyHandlers.ofString());
            waitFor(() -> srv.queued() == 1, "the second request in the queue");
            Answer third = post(srv, "/v1/classify", "application/json", validJson());
            assertEquals(429, third.status(), third.response().body());
            assertEquals("1", third.response().headers().firstValue("Retry-After").orElse(""));
            assertTrue(third.json().get("error").asText().contains("queue full"));
            release.countDown();
            assertEquals(200, first.get(30, TimeUnit.SECONDS).statusCode());
            HttpResponse<String> r2 = second.get(30, TimeUnit.SECONDS);
            assertEquals(200, r2.statusCode());
            assertEquals("N", JSON.readTree(r2.body()).get("label").asText());
            assertEquals("stub", JSON.readTree(r2.body()).get("model").asText());
        }
    }

    @Test
    void serveRefusesAMissingRunAndBenchServeRunsBounded() throws IOException {
        assertEquals(1, run("serve", "--model", dir.resolve("no-run").toString(), "--port", "0"));
        assertTrue(err.toString().contains("no-run"), err.toString());

        Path csv = Files.write(dir.resolve("probe.csv"), csv(record.physical(0)));
        assertEquals(0, run("bench", "serve", "--model", runDir.toString(), "--record", csv.toString(), "--fs", "250",
                "--requests", "30", "--clients", "1,2", "--copies", "1,2", "--no-cold", "--rss-every", "10",
                "--warm-up", "10"),
                err.toString());
        String o = out.toString();
        assertTrue(o.contains("p99 ms") && o.contains("memory by requests done") && o.contains("targets:"), o);
        assertFalse(o.contains("first error"), o);
        assertEquals(4, o.lines().filter(l -> l.matches("\\s+[12]\\s+[12]\\s+30\\s+0\\s.*")).count(), o);
    }

    /** Waits (polling every 5 ms, at most 60 s) for a condition another thread brings about. */
    static void waitFor(java.util.function.BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(5);
        }
    }
}
