package dev.netwright.backend.resources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.netwright.backend.api.BodyTooLarge;
import jakarta.servlet.FilterChain;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.util.unit.DataSize;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@link JsonBodyLimit}: a JSON body over {@code netwright.limits.max-json-body} is a 413 naming the setting, refused
 * before reading when its length is declared and stopped at the cap when it is not, read as bytes or as text; other
 * bodies pass untouched. The budget for large bodies at once: {@code JsonBodiesInFlightTest}. How the API answers a
 * body stopped so: {@code BodyTooLargeAnswerTest}.
 */
class JsonBodyLimitTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final JsonBodyLimit filter = new JsonBodyLimit(new ResourceLimits(0, 0, 0, null, null, null, 0, 0, null,
            0, 0, null, DataSize.ofBytes(1000), null, null, null));

    /** A POST of {@code bytes} bytes of JSON white space (a JSON reader reads to its end). */
    static MockHttpServletRequest post(String path, String contentType, int bytes) {
        MockHttpServletRequest r = new MockHttpServletRequest("POST", path);
        r.setContentType(contentType);
        r.setContent(" ".repeat(bytes).getBytes(StandardCharsets.US_ASCII));
        return r;
    }

    /** The request as a chunked one arrives: no declared length. */
    static HttpServletRequest chunked(HttpServletRequest r) {
        return new HttpServletRequestWrapper(r) {
            @Override
            public long getContentLengthLong() {
                return -1;
            }

            @Override
            public int getContentLength() {
                return -1;
            }
        };
    }

    /** Runs the filter; answers what the chain read (null when it was not called). */
    private byte[] run(HttpServletRequest request, MockHttpServletResponse response) throws Exception {
        AtomicReference<byte[]> read = new AtomicReference<>();
        FilterChain chain = (req, res) -> read.set(req.getInputStream().readAllBytes());
        filter.doFilter(request, response, chain);
        return read.get();
    }

    @Test
    void aDeclaredLengthOverTheCapIsRefusedBeforeReading() throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();
        assertThat(run(post("/api/models/x/predict", "application/json", 1500), response)).isNull();
        assertThat(response.getStatus()).isEqualTo(413);
        assertThat(response.getContentType()).startsWith("application/problem+json");
        assertThat(JSON.readTree(response.getContentAsString()).get("detail").asString())
                .contains("larger than 1000 bytes").contains("netwright.limits.max-json-body")
                .contains("declares 1500 bytes");
    }

    @Test
    void anUndeclaredLengthIsCountedAndStoppedAtTheCap() throws Exception {
        assertThatThrownBy(() -> run(chunked(post("/api/designs", "application/json; charset=utf-8", 1500)),
                new MockHttpServletResponse())).isInstanceOf(BodyTooLarge.class)
                .hasMessageContaining("larger than 1000 bytes");
        assertThat(run(chunked(post("/api/designs", "application/merge-patch+json", 999)),
                new MockHttpServletResponse())).hasSize(999);
        // the web UI's messages, read as text
        AtomicReference<String> text = new AtomicReference<>();
        FilterChain reader = (req, res) -> text.set(req.getReader().lines().reduce("", String::concat));
        assertThatThrownBy(() -> filter.doFilter(chunked(post("/", "application/json; charset=UTF-8", 1500)),
                new MockHttpServletResponse(), reader)).hasRootCauseInstanceOf(BodyTooLarge.class);
        filter.doFilter(chunked(post("/", "application/json; charset=UTF-8", 999)), new MockHttpServletResponse(),
                reader);
        assertThat(text.get()).hasSize(999);
    }

    @Test
    void bodiesWithinTheCapAndOtherBodiesPassUntouched() throws Exception {
        assertThat(run(post("/api/designs", "application/json", 1000), new MockHttpServletResponse())).hasSize(1000);
        assertThat(run(post("/api/designs", "application/json", 999), new MockHttpServletResponse())).hasSize(999);
        // uploads have their own cap; the worker protocol's files are not JSON
        for (MockHttpServletRequest other : new MockHttpServletRequest[] {
                post("/api/projects/p/datasets", "multipart/form-data; boundary=x", 5000),
                post("/api/workers/runs/r/artifact", "application/zip", 5000),
                post("/api/designs", "not a type", 5000)}) {
            assertThat(run(chunked(other), new MockHttpServletResponse())).as(other.getRequestURI()).hasSize(5000);
        }
    }
}
