package dev.netwright.backend.api;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;

/**
 * A 4xx answer with a message saying what is wrong and where. Extra properties (field errors, the current version
 * on a conflict) are added to the RFC 9457 problem detail.
 */
public final class ApiException extends RuntimeException {
    private final HttpStatus status;
    private final Map<String, Object> properties;

    private ApiException(HttpStatus status, String message, Map<String, Object> properties) {
        super(message, null, false, false);
        this.status = status;
        this.properties = properties;
    }

    public static ApiException badRequest(String message) {
        return new ApiException(HttpStatus.BAD_REQUEST, message, Map.of());
    }

    public static ApiException badRequest(String message, Map<String, Object> properties) {
        return new ApiException(HttpStatus.BAD_REQUEST, message, properties);
    }

    /** Also used for things that exist but that the caller may not know about (another workspace's data). */
    public static ApiException notFound(String what) {
        return new ApiException(HttpStatus.NOT_FOUND, what + " not found", Map.of());
    }

    public static ApiException forbidden(String message) {
        return new ApiException(HttpStatus.FORBIDDEN, message, Map.of());
    }

    public static ApiException unauthorized(String message) {
        return new ApiException(HttpStatus.UNAUTHORIZED, message, Map.of());
    }

    public static ApiException conflict(String message) {
        return new ApiException(HttpStatus.CONFLICT, message, Map.of());
    }

    public static ApiException conflict(String message, Map<String, Object> properties) {
        return new ApiException(HttpStatus.CONFLICT, message, properties);
    }

    public static ApiException tooManyRequests(String message, long retryAfterSeconds) {
        return new ApiException(HttpStatus.TOO_MANY_REQUESTS, message, Map.of("retryAfterSeconds", retryAfterSeconds));
    }

    public static ApiException payloadTooLarge(String message) {
        return new ApiException(HttpStatus.CONTENT_TOO_LARGE, message, Map.of());
    }

    public HttpStatus status() {
        return status;
    }

    public Map<String, Object> properties() {
        return new LinkedHashMap<>(properties);
    }
}
