package dev.netwright.backend.api;

import java.io.IOException;

/**
 * Thrown while a request body is read, once it passes the server's cap on such bodies; answered 413 with this message
 * ({@link ApiExceptionHandler}), also when it arrives inside a message converter's failure.
 */
public final class BodyTooLarge extends IOException {
    public BodyTooLarge(String message) {
        super(message);
    }
}
