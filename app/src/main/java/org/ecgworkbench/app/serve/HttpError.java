package org.ecgworkbench.app.serve;

import java.util.Map;

/** A request answered with an error status and a reason (the JSON body's "error"), plus any extra headers. */
final class HttpError extends Exception {

    private final int status;
    private final Map<String, String> headers;

    HttpError(int status, String reason) {
        this(status, reason, Map.of());
    }

    HttpError(int status, String reason, Map<String, String> headers) {
        super(reason);
        this.status = status;
        this.headers = Map.copyOf(headers);
    }

    /** 400: the request cannot be understood or classified, for the reason given. */
    static HttpError badRequest(String reason) {
        return new HttpError(400, reason);
    }

    /** The HTTP status. */
    int status() {
        return status;
    }

    /** Headers to send with it (e.g. Allow, Retry-After). */
    Map<String, String> headers() {
        return headers;
    }
}
