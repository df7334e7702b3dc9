package org.ecgworkbench.app.serve;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.DoubleConsumer;

/**
 * Closed-loop clients on this machine: each sends one classify request, waits for the answer, sends the next, until a
 * request count or a time limit is reached (whichever comes first). Latencies are client-side wall times; the
 * server's own latency_ms is read from each answer as well.
 */
public final class LoadGenerator {

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final HttpRequest request;
    private final AtomicLong total = new AtomicLong();

    /**
     * What one run gave.
     *
     * @param clients    concurrent clients
     * @param completed  requests answered (whatever the status)
     * @param errors     answers other than 200, and requests that failed
     * @param seconds    wall time of the run
     * @param clientMs   client-side latencies in ms, sorted
     * @param serverMs   server-side latencies (latency_ms) of the 200 answers in ms, sorted
     * @param firstError the first error seen, or null
     */
    public record Result(int clients, int completed, int errors, double seconds, double[] clientMs, double[] serverMs,
                         String firstError) {

        /** Requests answered per second. */
        public double throughput() {
            return completed / seconds;
        }

        /** The q-quantile (0..1) of sorted values, nearest rank; NaN when empty. */
        public static double quantile(double[] sorted, double q) {
            if (sorted.length == 0) {
                return Double.NaN;
            }
            int rank = (int) Math.ceil(q * sorted.length);
            return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
        }
    }

    /** Clients that POST body to url (e.g. http://127.0.0.1:8765/v1/classify?format=cinc-mat) as contentType. */
    public LoadGenerator(String url, byte[] body, String contentType) {
        this.request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(120))
                .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
    }

    /** Requests completed by this generator over all its runs. */
    public long total() {
        return total.get();
    }

    /**
     * Runs clients closed-loop clients until requests are sent or seconds have passed; every everyRequests-th request
     * over all runs calls sample (e.g. to read the resident memory) with the running total.
     */
    public Result run(int clients, int requests, double seconds, long everyRequests, DoubleConsumer sample)
            throws InterruptedException {
        AtomicInteger issued = new AtomicInteger();
        AtomicInteger errors = new AtomicInteger();
        AtomicReference<String> firstError = new AtomicReference<>();
        double[] clientMs = new double[requests];
        double[] serverMs = new double[requests];
        Arrays.fill(serverMs, Double.NaN);
        AtomicInteger done = new AtomicInteger();
        long start = System.nanoTime();
        long deadline = start + (long) (seconds * 1e9);
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            threads.add(Thread.ofPlatform().name("bench-client-" + c).start(() -> {
                for (int i = issued.getAndIncrement(); i < requests && System.nanoTime() < deadline;
                     i = issued.getAndIncrement()) {
                    long t0 = System.nanoTime();
                    try {
                        HttpResponse<String> r = client.send(request, HttpResponse.BodyHandlers.ofString(
                                StandardCharsets.UTF_8));
                        clientMs[i] = (System.nanoTime() - t0) / 1e6;
                        if (r.statusCode() == 200) {
                            serverMs[i] = latency(r.body());
                        } else {
                            errors.incrementAndGet();
                            firstError.compareAndSet(null, r.statusCode() + " " + r.body());
                        }
                    } catch (IOException e) {
                        clientMs[i] = (System.nanoTime() - t0) / 1e6;
                        errors.incrementAndGet();
                        firstError.compareAndSet(null, e.toString());
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                    done.incrementAndGet();
                    long n = total.incrementAndGet();
                    if (everyRequests > 0 && n % everyRequests == 0) {
                        sample.accept(n);
                    }
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
        double wall = (System.nanoTime() - start) / 1e9;
        int n = done.get();
        // Requests are numbered as issued; those issued after the deadline never ran and hold no latency.
        double[] cl = Arrays.stream(clientMs, 0, Math.min(requests, issued.get())).filter(v -> v > 0).sorted().toArray();
        double[] sv = Arrays.stream(serverMs).filter(v -> !Double.isNaN(v)).sorted().toArray();
        return new Result(clients, n, errors.get(), wall, cl, sv, firstError.get());
    }

    /** The latency_ms field of an answer, without parsing the whole JSON (the client shares the server's cores). */
    static double latency(String json) {
        int i = json.indexOf("\"latency_ms\":");
        if (i < 0) {
            return Double.NaN;
        }
        int from = i + "\"latency_ms\":".length();
        int to = from;
        while (to < json.length() && "0123456789.eE+-".indexOf(json.charAt(to)) >= 0) {
            to++;
        }
        try {
            return Double.parseDouble(json.substring(from, to));
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }
}
