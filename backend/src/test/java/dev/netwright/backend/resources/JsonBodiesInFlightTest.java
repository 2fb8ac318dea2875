package dev.netwright.backend.resources;

import static dev.netwright.backend.resources.JsonBodyLimitTest.chunked;
import static dev.netwright.backend.resources.JsonBodyLimitTest.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.netwright.backend.api.BodiesBusy;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.util.unit.DataSize;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@link JsonBodiesInFlight}: large JSON bodies share {@code netwright.limits.max-json-in-flight}; one that does not fit
 * beside those held is a 503, refused before reading or stopped while read; one account (and all anonymous senders
 * together) holds at most half of it, though always one body of the largest size; every share is given back. That the
 * filter runs after Spring Security's, with the sender known: {@code ModelPredictionTest}.
 */
class JsonBodiesInFlightTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int MIB = 1 << 20;
    /** A thread per held request (the common pool may have one thread on a 2-core machine). */
    private static final ExecutorService THREADS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "held request");
        t.setDaemon(true);
        return t;
    });
    /** Bodies up to 3 MiB each, 5 MiB of large ones at once: an account's share is one largest body, 3 MiB. */
    private final JsonBodiesInFlight budgeted = filter(3, 5);
    /** Bodies up to 3 MiB each, 10 MiB at once: an account's share is half of it, 5 MiB. */
    private final JsonBodiesInFlight roomy = filter(3, 10);

    private static JsonBodiesInFlight filter(int maxBodyMib, int budgetMib) {
        return new JsonBodiesInFlight(new ResourceLimits(0, 0, 0, null, null, null, 0, 0, null, 0, 0, null,
                DataSize.ofMegabytes(maxBodyMib), DataSize.ofMegabytes(budgetMib), null, null));
    }

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    /** Makes this thread's requests come from {@code user} (null: not signed in). */
    private static void signIn(String user) {
        SecurityContextHolder.getContext().setAuthentication(user == null
                ? new AnonymousAuthenticationToken("key", "anonymousUser",
                        AuthorityUtils.createAuthorityList("ROLE_ANONYMOUS"))
                : UsernamePasswordAuthenticationToken.authenticated(user, null, List.of()));
    }

    /**
     * Starts a request of {@code bytes} declared bytes from {@code user} through {@code filter} on another thread; its
     * chain reads the body and then waits for {@code answered} (the request is being worked on). Returns when the body
     * was read.
     */
    private static CompletableFuture<MockHttpServletResponse> holding(JsonBodiesInFlight filter, String user,
            int bytes, CountDownLatch answered) throws Exception {
        CountDownLatch read = new CountDownLatch(1);
        CompletableFuture<MockHttpServletResponse> done = CompletableFuture.supplyAsync(() -> {
            signIn(user);
            MockHttpServletResponse response = new MockHttpServletResponse();
            try {
                filter.doFilter(post("/api/models/x/predict", "application/json", bytes), response, (req, res) -> {
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
            } finally {
                SecurityContextHolder.clearContext();
            }
            return response;
        }, THREADS);
        assertThat(read.await(10, TimeUnit.SECONDS)).as("the held body was read").isTrue();
        return done;
    }

    /** Runs {@code request} from {@code user} through {@code filter}; answers what the chain read (null: not called). */
    private static byte[] run(JsonBodiesInFlight filter, String user, HttpServletRequest request,
            MockHttpServletResponse response) throws Exception {
        signIn(user);
        AtomicReference<byte[]> read = new AtomicReference<>();
        filter.doFilter(request, response, (req, res) -> read.set(req.getInputStream().readAllBytes()));
        return read.get();
    }

    private static String detail(MockHttpServletResponse response) throws Exception {
        return JSON.readTree(response.getContentAsString()).get("detail").asString();
    }

    @Test
    void aLargeBodyThatDoesNotFitBesideThoseHeldIsRefusedBeforeItIsRead() throws Exception {
        CountDownLatch answered = new CountDownLatch(1);
        CompletableFuture<MockHttpServletResponse> first = holding(budgeted, "alice", 3 * MIB, answered);
        assertThat(budgeted.bytesInFlight()).isEqualTo(3L * MIB);

        MockHttpServletResponse refused = new MockHttpServletResponse();
        assertThat(run(budgeted, "bob", post("/api/models/x/predict", "application/json", 3 * MIB), refused))
                .isNull();
        assertThat(refused.getStatus()).isEqualTo(503);
        assertThat(refused.getHeader("Retry-After")).isEqualTo("2");
        assertThat(refused.getContentType()).startsWith("application/problem+json");
        assertThat(detail(refused)).contains("netwright.limits.max-json-in-flight").contains(String.valueOf(5L * MIB));
        // a large body that fits beside it, and small bodies (the UI's messages, most API calls), are read
        assertThat(run(budgeted, "bob", post("/api/designs", "application/json", 2 * MIB),
                new MockHttpServletResponse())).hasSize(2 * MIB);
        assertThat(run(budgeted, null, post("/", "application/json", MIB - 1), new MockHttpServletResponse()))
                .hasSize(MIB - 1);
        assertThat(budgeted.bytesInFlight()).isEqualTo(3L * MIB);

        answered.countDown();
        assertThat(first.get(10, TimeUnit.SECONDS).getStatus()).isEqualTo(200);
        assertThat(budgeted.bytesInFlight()).isZero();
        // sent again once the first is answered, it is read
        assertThat(run(budgeted, "bob", post("/api/models/x/predict", "application/json", 3 * MIB),
                new MockHttpServletResponse())).hasSize(3 * MIB);
        assertThat(budgeted.bytesInFlight()).isZero();
    }

    @Test
    void oneAccountHoldsAtMostHalfTheBudget() throws Exception {
        assertThat(roomy.accountShare()).isEqualTo(5L * MIB);
        CountDownLatch answered = new CountDownLatch(1);
        CompletableFuture<MockHttpServletResponse> alice = holding(roomy, "alice", 3 * MIB, answered);
        // alice's second large body passes her half, though the budget has room for it
        MockHttpServletResponse refused = new MockHttpServletResponse();
        assertThat(run(roomy, "alice", post("/api/models/x/predict", "application/json", 3 * MIB), refused)).isNull();
        assertThat(refused.getStatus()).isEqualTo(503);
        assertThat(refused.getHeader("Retry-After")).isEqualTo("2");
        assertThat(detail(refused)).contains("one account").contains(String.valueOf(5L * MIB))
                .contains("half of netwright.limits.max-json-in-flight");
        // within her half, and another account's, are read
        assertThat(run(roomy, "alice", post("/api/designs", "application/json", 2 * MIB),
                new MockHttpServletResponse())).hasSize(2 * MIB);
        assertThat(run(roomy, "bob", post("/api/designs", "application/json", 3 * MIB),
                new MockHttpServletResponse())).hasSize(3 * MIB);
        // senders who are not signed in share one account: one holds 3 MiB, another's 3 MiB would pass their half
        CompletableFuture<MockHttpServletResponse> stranger = holding(roomy, null, 3 * MIB, answered);
        assertThat(roomy.bytesInFlight()).isEqualTo(6L * MIB);
        MockHttpServletResponse anonymous = new MockHttpServletResponse();
        assertThat(run(roomy, null, post("/", "application/json", 3 * MIB), anonymous)).isNull();
        assertThat(anonymous.getStatus()).isEqualTo(503);
        assertThat(detail(anonymous)).contains("one account");
        // with a body of unknown length, stopped where it passes the account's half
        assertThatThrownBy(() -> run(roomy, "alice", chunked(post("/api/designs", "application/json", 3 * MIB)),
                new MockHttpServletResponse())).isInstanceOf(BodiesBusy.class).hasMessageContaining("one account");
        assertThat(roomy.bytesInFlight()).isEqualTo(6L * MIB);

        answered.countDown();
        alice.get(10, TimeUnit.SECONDS);
        stranger.get(10, TimeUnit.SECONDS);
        assertThat(roomy.bytesInFlight()).isZero();
        assertThat(run(roomy, "alice", post("/api/models/x/predict", "application/json", 3 * MIB),
                new MockHttpServletResponse())).hasSize(3 * MIB);
    }

    @Test
    void aLargeBodyOfUnknownLengthIsStoppedWhereItNoLongerFits() throws Exception {
        CountDownLatch answered = new CountDownLatch(1);
        CompletableFuture<MockHttpServletResponse> first = holding(budgeted, "alice", 3 * MIB, answered);
        assertThatThrownBy(() -> run(budgeted, "bob", chunked(post("/api/models/x/predict", "application/json",
                3 * MIB)), new MockHttpServletResponse())).isInstanceOf(BodiesBusy.class)
                .hasMessageContaining("netwright.limits.max-json-in-flight");
        assertThat(budgeted.bytesInFlight()).as("the stopped body's share is given back").isEqualTo(3L * MIB);
        answered.countDown();
        first.get(10, TimeUnit.SECONDS);
        assertThat(run(budgeted, "bob", chunked(post("/api/models/x/predict", "application/json", 3 * MIB)),
                new MockHttpServletResponse())).hasSize(3 * MIB);
        assertThat(budgeted.bytesInFlight()).isZero();
    }

    @Test
    void aRequestThatFailsGivesItsShareBack() throws Exception {
        signIn("alice");
        assertThatThrownBy(() -> budgeted.doFilter(post("/api/designs", "application/json", 2 * MIB),
                new MockHttpServletResponse(), (req, res) -> {
                    throw new IllegalStateException("the handler failed");
                })).hasMessage("the handler failed");
        assertThat(budgeted.bytesInFlight()).isZero();
        // and its account's: a body of the account's whole share is read again
        assertThat(budgeted.accountShare()).isEqualTo(3L * MIB);
        assertThat(run(budgeted, "alice", post("/api/designs", "application/json", 3 * MIB),
                new MockHttpServletResponse())).hasSize(3 * MIB);
    }

    @Test
    void theBudgetHoldsAtLeastOneBodyOfTheLargestSize() {
        ResourceLimits small = new ResourceLimits(0, 0, 0, null, null, null, 0, 0, null, 0, 0, null,
                DataSize.ofMegabytes(300), DataSize.ofMegabytes(10), null, null);
        assertThat(small.maxJsonInFlight()).isEqualTo(DataSize.ofMegabytes(300));
        assertThat(new JsonBodiesInFlight(small).accountShare()).isEqualTo(DataSize.ofMegabytes(300).toBytes());
        ResourceLimits defaults = new ResourceLimits(0, 0, 0, null, null, null, 0, 0, null, 0, 0, null, null, null,
                null, null);
        assertThat(defaults.maxJsonInFlight()).isEqualTo(DataSize.ofMegabytes(512));
        assertThat(new JsonBodiesInFlight(defaults).accountShare()).isEqualTo(DataSize.ofMegabytes(256).toBytes());
    }

    @Test
    void aBodyCountsAgainstItsSendersAccount() {
        assertThat(JsonBodiesInFlight.account(null)).isEqualTo(JsonBodiesInFlight.ANONYMOUS);
        assertThat(JsonBodiesInFlight.account(new AnonymousAuthenticationToken("key", "anonymousUser",
                AuthorityUtils.createAuthorityList("ROLE_ANONYMOUS")))).isEqualTo(JsonBodiesInFlight.ANONYMOUS);
        assertThat(JsonBodiesInFlight.account(UsernamePasswordAuthenticationToken.unauthenticated("alice", "pw")))
                .isEqualTo(JsonBodiesInFlight.ANONYMOUS);
        assertThat(JsonBodiesInFlight.account(UsernamePasswordAuthenticationToken.authenticated("alice", null,
                List.of()))).isEqualTo("user alice");
    }
}
