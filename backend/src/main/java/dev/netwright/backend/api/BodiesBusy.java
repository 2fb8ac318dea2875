package dev.netwright.backend.api;

import java.io.IOException;

/**
 * Thrown while a request body is read, once the large bodies the server holds at once reach their budget; answered 503
 * with this message and a {@code Retry-After} ({@link ApiExceptionHandler}), also when it arrives inside a message
 * converter's failure. The body itself is within the cap: sent again a moment later it is read.
 */
public final class BodiesBusy extends IOException {
    /** Seconds a client is asked to wait before sending the body again. */
    public static final int RETRY_AFTER_SECONDS = 2;

    public BodiesBusy(String message) {
        super(message);
    }
}
