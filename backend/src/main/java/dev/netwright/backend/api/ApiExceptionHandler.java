package dev.netwright.backend.api;

import dev.netwright.engine.api.InvalidSettingException;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import tools.jackson.core.JacksonException;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/** Turns every failure into a problem detail (RFC 9457) that says what is wrong; never a stack trace. */
@RestControllerAdvice
class ApiExceptionHandler extends ResponseEntityExceptionHandler {
    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    @ExceptionHandler(ApiException.class)
    ResponseEntity<ProblemDetail> api(ApiException e, HttpServletRequest request) {
        ProblemDetail body = Problems.of(e.status(), e.getMessage(), request.getRequestURI(), e.properties());
        ResponseEntity.BodyBuilder answer = ResponseEntity.status(e.status());
        if (e.status() == HttpStatus.TOO_MANY_REQUESTS && e.properties().get("retryAfterSeconds") != null) {
            answer.header(HttpHeaders.RETRY_AFTER, String.valueOf(e.properties().get("retryAfterSeconds")));
        }
        return answer.body(body);
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ProblemDetail> typeMismatch(MethodArgumentTypeMismatchException e, HttpServletRequest request) {
        String detail = "'" + e.getValue() + "' is not a valid value for '" + e.getName() + "'";
        return ResponseEntity.badRequest().body(Problems.of(HttpStatus.BAD_REQUEST, detail, request.getRequestURI(),
                Map.of("errors", List.of(new FieldProblem(e.getName(), detail)))));
    }

    /** A JSON body past the cap, read by a handler itself (message converters' reads arrive as unreadable). */
    @ExceptionHandler(BodyTooLarge.class)
    ResponseEntity<ProblemDetail> tooLarge(BodyTooLarge e, HttpServletRequest request) {
        return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).body(Problems.of(HttpStatus.CONTENT_TOO_LARGE,
                e.getMessage(), request.getRequestURI(), Map.of()));
    }

    /** A large JSON body while the server holds its budget of them, read by a handler itself. */
    @ExceptionHandler(BodiesBusy.class)
    ResponseEntity<Object> busy(BodiesBusy e, HttpServletRequest request) {
        return busy(e, request.getRequestURI());
    }

    private static ResponseEntity<Object> busy(BodiesBusy e, String path) {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, String.valueOf(BodiesBusy.RETRY_AFTER_SECONDS))
                .body(Problems.of(HttpStatus.SERVICE_UNAVAILABLE, e.getMessage(), path, Map.of()));
    }

    @ExceptionHandler(MultipartException.class)
    ResponseEntity<ProblemDetail> multipart(MultipartException e, HttpServletRequest request) {
        return ResponseEntity.badRequest().body(Problems.of(HttpStatus.BAD_REQUEST,
                "the request is not a readable multipart upload: " + e.getMostSpecificCause().getMessage(),
                request.getRequestURI(), Map.of()));
    }

    @Override
    protected ResponseEntity<Object> handleMaxUploadSizeExceededException(MaxUploadSizeExceededException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        String limit = e.getMaxUploadSize() > 0 ? " of " + e.getMaxUploadSize() + " bytes" : "";
        return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).body(Problems.of(HttpStatus.CONTENT_TOO_LARGE,
                "the upload is larger than this server's limit" + limit
                        + " (setting netwright.datasets.max-upload-size)", path(request), Map.of()));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BodyTooLarge tooLarge) {
                return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).body(Problems.of(
                        HttpStatus.CONTENT_TOO_LARGE, tooLarge.getMessage(), path(request), Map.of()));
            }
            if (t instanceof BodiesBusy busy) {
                return busy(busy, path(request));
            }
        }
        // Jackson's original message says what was wrong with the value; its path says where. The rest is noise.
        JacksonException json = jacksonCause(e);
        String field = json == null ? "" : fieldPath(json.getPath());
        InvalidSettingException setting = settingCause(e);
        if (setting != null) {
            // a training setting out of its limits: the same words as when the service refuses it, field included
            String at = field.isEmpty() ? "config" : field;
            return ResponseEntity.badRequest().body(Problems.of(HttpStatus.BAD_REQUEST,
                    "'" + at + "': " + setting.getMessage(), path(request),
                    Map.of("errors", List.of(new FieldProblem(at + "." + setting.field(), setting.getMessage())))));
        }
        String cause = json != null ? json.getOriginalMessage() : e.getMostSpecificCause().getMessage();
        String reason = cause == null ? "empty body" : firstLine(cause);
        String detail = "the request body is not valid JSON for this endpoint: "
                + (field.isEmpty() ? reason : "at '" + field + "': " + reason);
        return ResponseEntity.badRequest().body(Problems.of(HttpStatus.BAD_REQUEST, detail, path(request),
                field.isEmpty() ? Map.of() : Map.of("errors", List.of(new FieldProblem(field, reason)))));
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldProblem> errors = e.getBindingResult().getFieldErrors().stream()
                .map(f -> new FieldProblem(f.getField(), f.getDefaultMessage())).toList();
        String detail = "invalid request: " + errors.stream().map(f -> f.path() + " " + f.reason())
                .reduce((a, b) -> a + "; " + b).orElse("see errors");
        return ResponseEntity.badRequest().body(Problems.of(HttpStatus.BAD_REQUEST, detail, path(request),
                Map.of("errors", errors)));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e, HttpServletRequest request) throws Exception {
        if (e instanceof org.springframework.security.access.AccessDeniedException
                || e instanceof org.springframework.security.core.AuthenticationException) {
            throw e; // the security filter chain answers these (401/403)
        }
        log.error("Unexpected failure on {} {}", request.getMethod(), request.getRequestURI(), e);
        return ResponseEntity.internalServerError().body(Problems.of(HttpStatus.INTERNAL_SERVER_ERROR,
                "internal error; the server log has the details", request.getRequestURI(), Map.of()));
    }

    private static InvalidSettingException settingCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof InvalidSettingException s) {
                return s;
            }
        }
        return null;
    }

    private static JacksonException jacksonCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof JacksonException j) {
                return j;
            }
        }
        return null;
    }

    /** {@code config.epochs}, {@code nodes[2].params}: the property path as a client wrote it. */
    private static String fieldPath(List<JacksonException.Reference> path) {
        StringBuilder out = new StringBuilder();
        for (JacksonException.Reference r : path) {
            if (r.getPropertyName() != null) {
                out.append(out.isEmpty() ? "" : ".").append(r.getPropertyName());
            } else if (r.getIndex() >= 0) {
                out.append('[').append(r.getIndex()).append(']');
            }
        }
        return out.toString();
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    private static String path(WebRequest request) {
        String d = request.getDescription(false);
        return d.startsWith("uri=") ? d.substring(4) : null;
    }
}
