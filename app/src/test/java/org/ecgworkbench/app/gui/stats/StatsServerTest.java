package org.ecgworkbench.app.gui.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StatsServerTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();
    /** A real workbench run's stats (another engineer's score run); read only, copied before use. */
    private static final Path SCORE_RUN = Path.of("/tmp/score-run/stats.dl4j");

    static HttpResponse<String> get(URI uri) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode overviewData(StatsServer server) throws Exception {
        HttpResponse<String> r = get(server.uri().resolve("/train/overview/data"));
        assertEquals(200, r.statusCode());
        return JSON.readTree(r.body());
    }

    @Test
    void listensOnLoopbackOnlyByDefault() throws Exception {
        try (StatsServer server = StatsServer.start(false, 0)) {
            InetSocketAddress bound = server.localAddress();
            assertTrue(bound.getAddress().isLoopbackAddress(), "bound to " + bound);
            assertArrayEquals(new byte[] {127, 0, 0, 1}, bound.getAddress().getAddress());
            assertTrue(bound.getPort() > 0);
            assertEquals(URI.create("http://127.0.0.1:" + bound.getPort() + "/train/overview"), server.uri());
            assertEquals(List.of(), server.sharedUris());
        }
    }

    @Test
    void kernelSeesTheListeningSocketOnLoopback() throws Exception {
        assumeTrue(Files.isReadable(Path.of("/proc/net/tcp")), "no /proc/net/tcp (not Linux): this check reads it");
        try (StatsServer server = StatsServer.start(false, 0)) {
            int port = server.localAddress().getPort();
            // Independent of Vert.x and of our configuration: the kernel's tables of listening sockets.
            List<InetAddress> bound = listening(port);
            assertEquals(1, bound.size(), bound.toString());
            assertTrue(bound.get(0).isLoopbackAddress(), bound.toString());
            server.setShared(true);
            assertEquals(port, server.localAddress().getPort(), "sharing keeps the port when it is free");
            bound = listening(port);
            assertEquals(1, bound.size(), bound.toString());
            assertTrue(bound.get(0).isAnyLocalAddress(), bound.toString());
        }
    }

    /** Local addresses of the TCP sockets in state LISTEN on port, from /proc/net/tcp and /proc/net/tcp6. */
    private static List<InetAddress> listening(int port) throws Exception {
        String hexPort = String.format(Locale.ROOT, "%04X", port);
        List<InetAddress> out = new java.util.ArrayList<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            Path p = Path.of(table);
            if (!Files.isReadable(p)) {
                continue;
            }
            for (String line : Files.readAllLines(p).subList(1, Files.readAllLines(p).size())) {
                String[] f = line.trim().split("\\s+");
                if (f[1].endsWith(":" + hexPort) && f[3].equals("0A")) {
                    out.add(kernelAddress(f[1].substring(0, f[1].indexOf(':'))));
                }
            }
        }
        return out;
    }

    /** The kernel prints addresses as 32-bit words in host (little-endian) order. */
    private static InetAddress kernelAddress(String hex) throws Exception {
        byte[] b = new byte[hex.length() / 2];
        for (int word = 0; word < b.length / 4; word++) {
            for (int i = 0; i < 4; i++) {
                int at = (word * 4 + i) * 2;
                b[word * 4 + 3 - i] = (byte) Integer.parseInt(hex.substring(at, at + 2), 16);
            }
        }
        return InetAddress.getByAddress(b);
    }

    @Test
    void sharingRebindsToAllInterfacesAndBack() throws Exception {
        try (StatsServer server = StatsServer.start(false, 0)) {
            server.setShared(true);
            assertTrue(server.isShared());
            assertTrue(server.localAddress().getAddress().isAnyLocalAddress(), "bound to " + server.localAddress());
            assertEquals(200, get(server.uri()).statusCode(), "the local view still reaches it on loopback");
            for (URI u : server.sharedUris()) {
                assertFalse(InetAddress.getByName(u.getHost()).isLoopbackAddress(), u.toString());
            }
            server.setShared(false);
            assertFalse(server.isShared());
            assertArrayEquals(new byte[] {127, 0, 0, 1}, server.localAddress().getAddress().getAddress());
        }
    }

    @Test
    void takenPortFallsBackToAFreeOne() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"));
             StatsServer server = StatsServer.start(false, taken.getLocalPort())) {
            assertTrue(server.localAddress().getPort() != taken.getLocalPort());
            assertTrue(server.localAddress().getAddress().isLoopbackAddress());
        }
    }

    @Test
    void servesTheOverviewOfTheAttachedRun(@TempDir Path dir) throws Exception {
        Path stats = dir.resolve("stats.dl4j");
        String session = StatsFixture.write(stats, 12);
        byte[] before = Files.readAllBytes(stats);
        try (StatsServer server = StatsServer.start(false, 0)) {
            server.attach(stats);
            assertEquals(stats, server.attached());

            HttpResponse<String> page = get(server.uri());
            assertEquals(200, page.statusCode());
            assertTrue(page.body().contains("/assets/js/train/overview.js"), "not DL4J's overview page");

            JsonNode data = overviewData(server);
            assertEquals(12, data.get("scores").size());
            assertEquals(12, data.get("updateRatios").get("0_W").size(), "update:parameter ratios per iteration");
            assertTrue(data.get("updateRatios").get("0_W").get(0).asDouble() > 0);
            assertEquals(session, get(server.uri().resolve("/train/sessions/current")).body());

            // Parameter/update histograms of the model page for the first dense layer (graph vertex 0 is the input).
            JsonNode layer = JSON.readTree(get(server.uri().resolve("/train/model/data/1")).body());
            assertTrue(layer.has("paramHist") && layer.get("paramHist").has("W"), layer.toString());
            assertTrue(layer.has("updateHist") && layer.get("updateHist").has("W"), layer.toString());

            // Assets come from the classpath, nothing outside it.
            assertEquals(200, get(server.uri().resolve("/assets/webjars/jquery/2.2.0/jquery.min.js")).statusCode());
            assertEquals(200, get(server.uri().resolve("/assets/js/train/overview.js")).statusCode());
            assertEquals(404, get(server.uri().resolve("/assets/webjars/nothing.js")).statusCode());

            server.detach();
            assertEquals(null, server.attached());
            assertFalse(get(server.uri().resolve("/train/sessions/current")).body().equals(session));
        }
        assertArrayEquals(before, Files.readAllBytes(stats), "the run's stats file was modified");
    }

    @Test
    void pagesComeAsHtmlAndEveryScriptAndStylesheetLoads(@TempDir Path dir) throws Exception {
        Path stats = dir.resolve("stats.dl4j");
        StatsFixture.write(stats, 3);
        try (StatsServer server = StatsServer.start(false, 0)) {
            server.attach(stats);
            for (String page : List.of("/train/overview", "/train/model", "/train/system")) {
                HttpResponse<String> r = get(server.uri().resolve(page));
                assertEquals(200, r.statusCode(), page);
                // JavaFX's WebKit does not sniff: without this header it never runs the page's scripts.
                assertTrue(r.headers().firstValue("content-type").orElse("").startsWith("text/html"), page);
                java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?:src|href)=\"(/assets/[^\"]*)\"")
                        .matcher(r.body());
                int assets = 0;
                while (m.find()) {
                    HttpResponse<String> a = get(server.uri().resolve(m.group(1)));
                    assertEquals(200, a.statusCode(), m.group(1));
                    assertTrue(a.headers().firstValue("content-type").isPresent(), m.group(1));
                    assets++;
                }
                assertTrue(assets > 10, page + ": " + assets + " assets");
            }
        }
    }

    @Test
    void closeFreesThePort(@TempDir Path dir) throws Exception {
        Path stats = dir.resolve("stats.dl4j");
        StatsFixture.write(stats, 2);
        int port;
        try (StatsServer server = StatsServer.start(false, 0)) {
            server.attach(stats);
            port = server.localAddress().getPort();
        }
        try (ServerSocket again = new ServerSocket()) {
            again.bind(new InetSocketAddress("127.0.0.1", port));
            assertEquals(port, again.getLocalPort());
        }
    }

    @Test
    void followsARunStillTrainingInAnotherJvm(@TempDir Path dir) throws Exception {
        Path stats = dir.resolve("stats.dl4j");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process writer = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-Xmx512m",
                "-cp", System.getProperty("java.class.path"), StatsFixture.class.getName(), stats.toString())
                .redirectErrorStream(true).start();
        try (BufferedReader out = new BufferedReader(
                new InputStreamReader(writer.getInputStream(), StandardCharsets.UTF_8));
             StatsServer server = StatsServer.start(false, 0)) {
            int written = awaitIterations(out, 10);
            server.attach(stats); // the writer holds MapDB's lock on the file: a direct open would fail
            int first = overviewData(server).get("scores").size();
            assertTrue(first >= written, first + " < " + written);
            int later = awaitIterations(out, first + 10);
            assertTrue(server.refresh(), "the run wrote: a new snapshot is due");
            int second = overviewData(server).get("scores").size();
            assertTrue(second >= later && second > first, first + " then " + second);
        } finally {
            writer.destroy();
            writer.waitFor(30, TimeUnit.SECONDS);
        }
    }

    /** Reads the writer's progress lines until at least n iterations are written; returns the count. */
    private static int awaitIterations(BufferedReader out, int n) throws Exception {
        for (String line; (line = out.readLine()) != null; ) {
            if (line.startsWith("iterations ")) {
                int done = Integer.parseInt(line.substring("iterations ".length()));
                if (done >= n) {
                    return done;
                }
            }
        }
        throw new AssertionError("the writer JVM ended before " + n + " iterations");
    }

    @Test
    void showsARealWorkbenchRun(@TempDir Path dir) throws Exception {
        assumeTrue(Files.isReadable(SCORE_RUN), SCORE_RUN + " absent: no real run to show");
        Path copy = dir.resolve("stats.dl4j");
        Files.copy(SCORE_RUN, copy);
        try (StatsServer server = StatsServer.start(false, 0)) {
            server.attach(copy);
            JsonNode data = overviewData(server);
            assertTrue(data.get("scores").size() > 0);
            assertTrue(data.get("model").toString().contains("ComputationGraph"), data.get("model").toString());
        }
    }
}
