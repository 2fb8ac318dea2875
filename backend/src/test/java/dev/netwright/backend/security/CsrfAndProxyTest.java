package dev.netwright.backend.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netwright.backend.Api;
import dev.netwright.backend.ApiTestBase;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Cookie sessions need the CSRF token for calls that change something; token clients and anonymous callers are
 * unaffected. Behind the trusted proxy (loopback in the tests) cookies get {@code Secure} when the client used HTTPS,
 * and the login throttle counts the real client's address.
 */
class CsrfAndProxyTest extends ApiTestBase {

    @Test
    void cookieSessionsNeedTheCsrfTokenToChangeAnything() {
        Api browser = newUser("csrf");
        String token = browser.cookie("XSRF-TOKEN");
        assertThat(token).as("sign-up hands out the CSRF cookie").isNotBlank();
        long before = workspaces();

        Api forged = browser.csrf(false);
        Api.Res refused = forged.post("/api/workspaces", Api.map("name", "forged"));
        assertThat(refused.status()).as(refused.text()).isEqualTo(403);
        assertThat(refused.header("Content-Type")).contains("problem+json");
        assertThat(refused.str("detail")).contains("X-XSRF-TOKEN").contains("XSRF-TOKEN cookie");
        assertThat(forged.send("POST", "/api/workspaces", "application/json", "{\"name\":\"x\"}".getBytes())
                .status()).isEqualTo(403);
        assertThat(forged.post("/api/auth/logout", "").status()).as("logout is a change too").isEqualTo(403);
        assertThat(forged.get("/api/workspaces").status()).as("reading needs no token").isEqualTo(200);
        assertThat(workspaces()).isEqualTo(before);

        Api honest = browser.csrf(true);
        assertThat(honest.post("/api/workspaces", Api.map("name", "real")).status()).isEqualTo(201);
        assertThat(workspaces()).isEqualTo(before + 1);

        // scripts with an API token, and callers without a session, are not asked for it
        Api script = new Api(port).bearer(honest.post("/api/tokens", Api.map("name", "s")).str("token"));
        assertThat(script.csrf(false).post("/api/workspaces", Api.map("name", "scripted")).status()).isEqualTo(201);
        assertThat(new Api(port).csrf(false).post("/api/workspaces", Api.map("name", "anon")).status())
                .isEqualTo(401);
    }

    @Test
    void signingInRotatesTheCsrfToken() {
        Api user = newUser("rotate");
        String name = username(user);
        Api browser = new Api(port);
        browser.get("/api/auth/status");
        assertThat(browser.post("/api/auth/login", Api.map("username", name, "password", PASSWORD)).status())
                .isEqualTo(200);
        String first = browser.cookie("XSRF-TOKEN");
        assertThat(browser.post("/api/auth/login", Api.map("username", name, "password", PASSWORD)).status())
                .isEqualTo(200);
        assertThat(browser.cookie("XSRF-TOKEN")).isNotBlank().isNotEqualTo(first);
        assertThat(browser.post("/api/workspaces", Api.map("name", "after login")).status()).isEqualTo(201);
    }

    @Test
    void cookiesAreSecureWhenTheClientCameOverHttpsThroughTheTrustedProxy() {
        String name = username(newUser("secure"));
        Api viaHttps = new Api(port).header("X-Forwarded-Proto", "https").header("X-Forwarded-For", "203.0.113.40");
        Api.Res https = viaHttps.post("/api/auth/login", Api.map("username", name, "password", PASSWORD));
        assertThat(https.status()).isEqualTo(200);
        List<String> cookies = https.raw().headers().allValues("set-cookie");
        assertThat(cookies).filteredOn(c -> c.startsWith("JSESSIONID=")).singleElement().asString()
                .containsIgnoringCase("; Secure").containsIgnoringCase("HttpOnly");
        assertThat(cookies).filteredOn(c -> c.startsWith("XSRF-TOKEN=")).isNotEmpty()
                .allSatisfy(c -> assertThat(c).containsIgnoringCase("; Secure"));

        Api.Res http = new Api(port).post("/api/auth/login", Api.map("username", name, "password", PASSWORD));
        assertThat(http.raw().headers().allValues("set-cookie")).filteredOn(c -> c.startsWith("JSESSIONID="))
                .singleElement().asString().doesNotContainIgnoringCase("secure");
    }

    @Test
    void theLoginThrottleCountsTheRealClientBehindTheProxy() {
        String name = username(newUser("proxied"));
        Api guesser = new Api(port).header("X-Forwarded-For", "203.0.113.50");
        for (int i = 0; i < AddressThrottle.MAX_FAILURES; i++) {
            assertThat(guesser.post("/api/auth/login", Api.map("username", "nobody-" + i, "password", "guess"))
                    .status()).isEqualTo(401);
        }
        assertThat(guesser.post("/api/auth/login", Api.map("username", name, "password", PASSWORD)).status())
                .isEqualTo(429);
        // the proxy's other clients are not locked out with the guesser
        Api other = new Api(port).header("X-Forwarded-For", "203.0.113.51");
        assertThat(other.post("/api/auth/login", Api.map("username", name, "password", PASSWORD)).status())
                .isEqualTo(200);
        assertThat(new Api(port).post("/api/auth/login", Api.map("username", name, "password", PASSWORD))
                .status()).isEqualTo(200);
        // the audit log has the real address
        assertThat(jdbc.sql("SELECT count(*) FROM audit_log WHERE details->>'from' = '203.0.113.51'")
                .query(Long.class).single()).isPositive();
    }

    private long workspaces() {
        return jdbc.sql("SELECT count(*) FROM workspaces").query(Long.class).single();
    }
}
