package dev.netwright.backend.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netwright.backend.Api;
import dev.netwright.backend.TestApplication;
import java.util.Map;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.mock.web.MockHttpServletRequest;

/**
 * A fresh, internet-facing install behind a reverse proxy (loopback is the trusted proxy here, so X-Forwarded-For
 * says where a request really came from), with sign-up by invitation and a low sign-up throttle. Its own context and
 * database: the first account must not exist yet.
 */
@SpringBootTest(classes = TestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"netwright.data-dir=target/it-data-signup", "netwright.security.signup=invitation",
                "netwright.security.signups-per-hour=3"})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SignupGateTest {
    private static final String PASSWORD = "a long enough password";

    @LocalServerPort
    int port;

    @Autowired
    FirstAccountSetup setup;

    private Api from(String address) {
        return new Api(port).header("X-Forwarded-For", address);
    }

    private static Map<String, Object> account(String name, Object... more) {
        Map<String, Object> body = Api.map("username", name, "email", name + "@example.org", "password", PASSWORD);
        body.putAll(Api.map(more));
        return body;
    }

    @Test
    @Order(1)
    void theFirstAccountFromElsewhereNeedsTheSetUpTokenFromTheLog() {
        String token = setup.token();
        assertThat(token).isNotBlank();
        Api stranger = from("203.0.113.5");
        Api.Res status = stranger.get("/api/auth/status");
        assertThat(status.json().get("needsFirstAccount").asBoolean()).isTrue();
        assertThat(status.json().get("setupTokenNeeded").asBoolean()).isTrue();
        assertThat(new Api(port).get("/api/auth/status").json().get("setupTokenNeeded").asBoolean()).isFalse();

        Api.Res grab = stranger.post("/api/auth/signup", account("grabber"));
        assertThat(grab.status()).as(grab.text()).isEqualTo(403);
        assertThat(grab.str("detail")).contains("setupToken");
        assertThat(from("203.0.113.6").post("/api/auth/signup", account("guesser", "setupToken", "wrong"))
                .status()).isEqualTo(403);

        Api owner = from("203.0.113.7");
        Api.Res created = owner.post("/api/auth/signup", account("owner", "setupToken", token));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        assertThat(created.json().get("admin").asBoolean()).isTrue();
        // spent: it opens nothing any more
        assertThat(setup.token()).isNull();
        Api.Res again = from("203.0.113.8").post("/api/auth/signup", account("late", "setupToken", token));
        assertThat(again.status()).isEqualTo(403);
        assertThat(again.str("detail")).contains("invitation");
    }

    @Test
    @Order(2)
    void byInvitationANewAccountNeedsAnUnusedCodeForItsAddress() {
        Api admin = new Api(port);
        assertThat(admin.post("/api/auth/login", Api.map("username", "owner", "password", PASSWORD)).status())
                .isEqualTo(200);
        Api.Res open = admin.post("/api/admin/signup-invitations", Api.map());
        assertThat(open.status()).as(open.text()).isEqualTo(201);
        Api.Res bound = admin.post("/api/admin/signup-invitations", Api.map("email", "bea@example.org"));
        String code = open.str("code");

        assertThat(from("198.51.100.1").post("/api/auth/signup", account("nocode")).status()).isEqualTo(403);
        assertThat(from("198.51.100.1").post("/api/auth/signup", account("wrong", "invitationCode", "nwi_x"))
                .status()).isEqualTo(403);
        Api.Res ada = from("198.51.100.2").post("/api/auth/signup", account("ada", "invitationCode", code));
        assertThat(ada.status()).as(ada.text()).isEqualTo(201);
        assertThat(ada.json().get("admin").asBoolean()).isFalse();
        assertThat(from("198.51.100.2").post("/api/auth/signup", account("ada2", "invitationCode", code))
                .status()).as("a code works once").isEqualTo(403);
        assertThat(from("198.51.100.3").post("/api/auth/signup", account("carl", "invitationCode",
                bound.str("code"))).str("detail")).contains("another e-mail address");
        assertThat(from("198.51.100.3").post("/api/auth/signup", account("bea", "invitationCode",
                bound.str("code"))).status()).isEqualTo(201);

        Api.Res listed = admin.get("/api/admin/signup-invitations");
        assertThat(listed.json().get("items").findValuesAsString("usedAt")).hasSize(2);
        assertThat(listed.text()).doesNotContain(code);
        assertThat(from("198.51.100.4").get("/api/admin/signup-invitations").status()).isEqualTo(401);
    }

    @Test
    @Order(3)
    void signUpsAreThrottledPerClientAddress() {
        Api busy = from("192.0.2.10");
        for (int i = 0; i < 3; i++) {
            assertThat(busy.post("/api/auth/signup", account("busy" + i)).status()).isEqualTo(403);
        }
        Api.Res throttled = busy.post("/api/auth/signup", account("busy9"));
        assertThat(throttled.status()).isEqualTo(429);
        assertThat(throttled.header("Retry-After")).isNotNull();
        assertThat(throttled.str("detail")).contains("too many sign-ups from your address");
        // another address, and the server's own machine, are not affected
        assertThat(from("192.0.2.11").post("/api/auth/signup", account("calm")).status()).isEqualTo(403);
        for (int i = 0; i < 5; i++) {
            assertThat(new Api(port).post("/api/auth/signup", account("local" + i)).status()).isEqualTo(403);
        }
    }

    @Test
    void onlyUnrelayedLoopbackRequestsAreLocal() {
        MockHttpServletRequest local = new MockHttpServletRequest();
        local.setRemoteAddr("127.0.0.1");
        assertThat(ClientAddress.isLocal(local)).isTrue();
        MockHttpServletRequest v6 = new MockHttpServletRequest();
        v6.setRemoteAddr("0:0:0:0:0:0:0:1");
        assertThat(ClientAddress.isLocal(v6)).isTrue();
        // a local reverse proxy that is not configured as trusted relays requests from anywhere
        MockHttpServletRequest relayed = new MockHttpServletRequest();
        relayed.setRemoteAddr("127.0.0.1");
        relayed.addHeader("X-Forwarded-For", "203.0.113.9");
        assertThat(ClientAddress.isLocal(relayed)).isFalse();
        MockHttpServletRequest remote = new MockHttpServletRequest();
        remote.setRemoteAddr("203.0.113.9");
        assertThat(ClientAddress.isLocal(remote)).isFalse();
        MockHttpServletRequest name = new MockHttpServletRequest();
        name.setRemoteAddr("localhost");
        assertThat(ClientAddress.isLocal(name)).isFalse();
    }
}
