package dev.netwright.backend.resources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.netwright.backend.api.BodiesBusy;
import dev.netwright.backend.api.BodyTooLarge;
import jakarta.servlet.FilterChain;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.util.unit.DataSize;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@link JsonBodyLimit}: a JSON body over {@code netwright.limits.max-json-body} is a 413 naming the setting, refused
 * before reading when its length is declared and stopped at the cap when it is not, read as bytes or as text; other
 * bodies pass untouched. Large bodies share {@code netwright.limits.max-json-in-flight}: one that does not fit beside
 * those held is a 503, refused before reading or stopped while read, and every share is given back. How the API answers
 * a body stopped so: {@code BodyTooLargeAnswerTest}.
 */
class JsonBodyLimitTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final JsonBodyLimit filter = new JsonBodyLimit(new ResourceLimits(0, 0, 0, null, null, null, 0, 0, null,
            0, 0, null, DataSize.ofBytes(1000), null, null, null));
    private static final int MIB = 1 << 20;
    /** Bodies up to 3 MiB each, 5 MiB of large ones at once. */
    private final JsonBodyLimit budgeted = new JsonBodyLimit(new ResourceLimits(0, 0, 0, null, null, null, 0, 0,
            null, 0, 0, null, DataSize.ofMegabytes(3), DataSize.ofMegabytes(5), null, null));

    /** A POST of {@code bytes} bytes of JSON white space (a JSON reader reads to its end). */
    private static MockHttpServletRequest post(String path, String contentType, int bytes) {
        MockHttpServletRequest r = new MockHttpServletRequest("POST", path);
        r.setContentType(contentType);
        r.setContent(" ".repeat(bytes).getBytes(StandardCharsets.US_ASCII));
        return r;
    }

    /** The request as a chunked one arrives: no declared length. */
    private static HttpServletRequest chunked(HttpServletRequest r) {
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

    /**
     * Starts a request of {@code bytes} declared bytes through {@link #budgeted} on another thread; its chain reads the
     * body and then waits for {@code answered} (the request is being worked on). Returns when the body was read.
     */
    private CompletableFuture<MockHttpServletResponse> holding(int bytes, CountDownLatch answered) throws Exception {
        CountDownLatch read = new CountDownLatch(1);
        CompletableFuture<MockHttpServletResponse> done = CompletableFuture.supplyAsync(() -> {
            MockHttpServletResponse response = new MockHttpServletResponse();
            try {
                budgeted.doFilter(post("/api/models/x/predict", "application/json", bytes), response, (req, res) -> {
                    req.getInputStream().readAllBytes();
                    read.countDown();
                    try {
                        answered.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            return response;
        });
        assertThat(read.await(10, TimeUnit.SECONDS)).as("the first body was read").isTrue();
        return done;
    }

    private byte[] runBudgeted(HttpServletRequest request, MockHttpServletResponse response) throws Exception {
        AtomicReference<byte[]> read = new AtomicReference<>();
        budgeted.doFilter(request, response, (req, res) -> read.set(req.getInputStream().readAllBytes()));
        return read.get();
    }

    @Test
    void aLargeBodyThatDoesNotFitBesideThoseHeldIsRefusedBeforeItIsRead() throws Exception {
        CountDownLatch answered = new CountDownLatch(1);
        CompletableFuture<MockHttpServletResponse> first = holding(3 * MIB, answered);
        assertThat(budgeted.bytesInFlight()).isEqualTo(3L * MIB);

        MockHttpServletResponse refused = new MockHttpServletResponse();
        assertThat(runBudgeted(post("/api/models/x/predict", "application/json", 3 * MIB), refused)).isNull();
        assertThat(refused.getStatus()).isEqualTo(503);
        assertThat(refused.getHeader("Retry-After")).isEqualTo("2");
        assertThat(JSON.readTree(refused.getContentAsString()).get("detail").asString())
                .contains("netwright.limits.max-json-in-flight").contains(String.valueOf(5L * MIB));
        // a large body that fits beside it, and small bodies (the UI's messages, most API calls), are read
        assertThat(runBudgeted(post("/api/designs", "application/json", 2 * MIB), new MockHttpServletResponse()))
                .hasSize(2 * MIB);
        assertThat(runBudgeted(post("/", "application/json", MIB - 1), new MockHttpServletResponse()))
                .hasSize(MIB - 1);
        assertThat(budgeted.bytesInFlight()).isEqualTo(3L * MIB);

        answered.countDown();
        assertThat(first.get(10, TimeUnit.SECONDS).getStatus()).isEqualTo(200);
        assertThat(budgeted.bytesInFlight()).isZero();
        // sent again once the first is answered, it is read
        assertThat(runBudgeted(post("/api/models/x/predict", "application/json", 3 * MIB),
                new MockHttpServletResponse())).hasSize(3 * MIB);
        assertThat(budgeted.bytesInFlight()).isZero();
    }

    @Test
    void aLargeBodyOfUnknownLengthIsStoppedWhereItNoLongerFits() throws Exception {
        CountDownLatch answered = new CountDownLatch(1);
        CompletableFuture<MockHttpServletResponse> first = holding(3 * MIB, answered);
        assertThatThrownBy(() -> runBudgeted(chunked(post("/api/models/x/predict", "application/json", 3 * MIB)),
                new MockHttpServletResponse())).isInstanceOf(BodiesBusy.class)
                .hasMessageContaining("netwright.limits.max-json-in-flight");
        assertThat(budgeted.bytesInFlight()).as("the stopped body's share is given back").isEqualTo(3L * MIB);
        answered.countDown();
        first.get(10, TimeUnit.SECONDS);
        assertThat(runBudgeted(chunked(post("/api/models/x/predict", "application/json", 3 * MIB)),
                new MockHttpServletResponse())).hasSize(3 * MIB);
        assertThat(budgeted.bytesInFlight()).isZero();
    }

    @Test
    void aRequestThatFailsGivesItsShareBack() {
        assertThatThrownBy(() -> budgeted.doFilter(post("/api/designs", "application/json", 2 * MIB),
                new MockHttpServletResponse(), (req, res) -> {
                    throw new IllegalStateException("the handler failed");
                })).hasMessage("the handler failed");
        assertThat(budgeted.bytesInFlight()).isZero();
    }

    @Test
    void theBudgetHoldsAtLeastOneBodyOfTheLargestSize() {
        ResourceLimits small = new ResourceLimits(0, 0, 0, null, null, null, 0, 0, null, 0, 0, null,
                DataSize.ofMegabytes(300), DataSize.ofMegabytes(10), null, null);
        assertThat(small.maxJsonInFlight()).isEqualTo(DataSize.ofMegabytes(300));
        ResourceLimits defaults = new ResourceLimits(0, 0, 0, null, null, null, 0, 0, null, 0, 0, null, null, null,
                null, null);
        assertThat(defaults.maxJsonInFlight()).isEqualTo(DataSize.ofMegabytes(512));
    }
}
