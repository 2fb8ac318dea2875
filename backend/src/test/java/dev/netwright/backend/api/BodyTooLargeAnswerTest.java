package dev.netwright.backend.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.mock.http.MockHttpInputMessage;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.context.request.ServletWebRequest;
import tools.jackson.databind.json.JsonMapper;

/**
 * A body stopped at the server's cap ({@link BodyTooLarge}) while Jackson reads it is a 413 with the cap's words; one
 * stopped for the budget of bodies in flight ({@link BodiesBusy}) a 503 asking to retry.
 */
class BodyTooLargeAnswerTest {

    @Test
    void aBodyStoppedWhileAConverterReadsItIsA413() {
        InputStream stopped = new InputStream() {
            private final InputStream start = new ByteArrayInputStream("{\"inputs\": [[1, 2], ".getBytes());

            @Override
            public int read() throws IOException {
                int b = start.read();
                if (b < 0) {
                    throw new BodyTooLarge("the request body is larger than 20 bytes (netwright.limits.max-json-body)");
                }
                return b;
            }
        };
        HttpMessageNotReadableException unreadable;
        try {
            JsonMapper.builder().build().readTree(stopped);
            throw new AssertionError("read past the cap");
        } catch (RuntimeException e) {
            unreadable = new HttpMessageNotReadableException("JSON parse error", e, new MockHttpInputMessage(new byte[0]));
        }
        ResponseEntity<Object> answer = new ApiExceptionHandler().handleHttpMessageNotReadable(unreadable,
                new HttpHeaders(), HttpStatus.BAD_REQUEST,
                new ServletWebRequest(new MockHttpServletRequest("POST", "/api/designs")));
        assertThat(answer.getStatusCode().value()).isEqualTo(413);
        assertThat(answer.getBody()).asString().contains("larger than 20 bytes")
                .contains("netwright.limits.max-json-body");
    }

    @Test
    void aBodyStoppedForTheBudgetOfBodiesInFlightIsA503WithRetryAfter() {
        HttpMessageNotReadableException unreadable = new HttpMessageNotReadableException("JSON parse error",
                new IllegalStateException(new BodiesBusy("the server is holding as many large request bodies as it "
                        + "may at once (netwright.limits.max-json-in-flight)")), new MockHttpInputMessage(new byte[0]));
        ResponseEntity<Object> answer = new ApiExceptionHandler().handleHttpMessageNotReadable(unreadable,
                new HttpHeaders(), HttpStatus.BAD_REQUEST,
                new ServletWebRequest(new MockHttpServletRequest("POST", "/api/models/x/predict")));
        assertThat(answer.getStatusCode().value()).isEqualTo(503);
        assertThat(answer.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("2");
        assertThat(answer.getBody()).asString().contains("netwright.limits.max-json-in-flight");
    }
}
