package org.ecgworkbench.app.serve;

/**
 * How the classification server listens and how much it takes.
 *
 * @param host     address to bind (loopback by default: the service has no authentication)
 * @param port     TCP port; 0 picks a free one
 * @param threads  request threads (decoding, QRS detection and features run on them in parallel)
 * @param queue    requests that may wait for a thread; one more is answered 429 with Retry-After
 * @param maxBytes largest request body in bytes; a larger one is answered 413
 */
public record ServerOptions(String host, int port, int threads, int queue, long maxBytes) {

    /** Default host: loopback only. */
    public static final String HOST = "127.0.0.1";
    /** Default port. */
    public static final int PORT = 8765;
    /** Default queue length. */
    public static final int QUEUE = 64;
    /** Default body limit: 16 MiB, a 30-min two-lead 360 Hz recording as JSON, 400 times a 60-s CinC .mat. */
    public static final long MAX_BYTES = 16L << 20;

    /** Checks the values. */
    public ServerOptions {
        if (threads < 1) {
            throw new IllegalArgumentException("--threads must be at least 1, got " + threads);
        }
        if (queue < 1) {
            throw new IllegalArgumentException("--queue must be at least 1, got " + queue);
        }
        if (maxBytes < 1) {
            throw new IllegalArgumentException("--max-bytes must be at least 1, got " + maxBytes);
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("--port must be in 0..65535, got " + port);
        }
    }

    /** The defaults on loopback with the given port, threads and queue. */
    public static ServerOptions loopback(int port, int threads, int queue) {
        return new ServerOptions(HOST, port, threads, queue, MAX_BYTES);
    }
}
