package dev.netwright.backend.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netwright.backend.Api;
import dev.netwright.backend.ApiTestBase;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class AccountsAndTokensTest extends ApiTestBase {

    @Test
    void firstAccountOnAFreshInstallIsAdministratorAndLaterOnesAreNot() {
        // Simulate a fresh install inside the shared test database.
        jdbc.sql("TRUNCATE users CASCADE").update();
        assertThat(new Api(port).get("/api/auth/status").json().get("needsFirstAccount").asBoolean()).isTrue();

        Api first = newUser("first");
        Api second = newUser("second");

        assertThat(first.get("/api/auth/me").json().get("admin").asBoolean()).isTrue();
        assertThat(second.get("/api/auth/me").json().get("admin").asBoolean()).isFalse();
        assertThat(jdbc.sql("SELECT password_hash FROM users WHERE username = ?").param(username(first))
                .query(String.class).single()).startsWith("$2").doesNotContain(PASSWORD);
        // Only administrators read account-level audit events; the sign-ups are there.
        assertThat(second.get("/api/admin/audit").status()).isEqualTo(403);
        Api.Res audit = first.get("/api/admin/audit");
        assertThat(audit.status()).isEqualTo(200);
        assertThat(audit.text()).contains("user.signup");
    }

    @Test
    void signupRejectsBadInputWithFieldErrorsAndDuplicatesWithConflict() {
        Api api = new Api(port);
        Api.Res bad = api.post("/api/auth/signup", Api.map("username", "x", "email", "nope", "password", "short"));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("errors").findValuesAsString("path"))
                .containsExactlyInAnyOrder("username", "email", "password");

        Api user = newUser("dup");
        String name = username(user);
        Api.Res dup = new Api(port).post("/api/auth/signup", Api.map("username", name.toUpperCase(),
                "email", "other-" + name + "@example.org", "password", PASSWORD));
        assertThat(dup.status()).isEqualTo(409);
        assertThat(dup.str("detail")).contains("taken");
    }

    @Test
    void loginLogoutAndUnauthenticatedCallsGet401Json() {
        Api user = newUser("login");
        String name = username(user);

        Api browser = new Api(port);
        Api.Res anonymous = browser.get("/api/workspaces");
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.header("Content-Type")).contains("application/problem+json");
        assertThat(anonymous.str("detail")).contains("/api/auth/login");

        assertThat(browser.post("/api/auth/login", Api.map("username", name, "password", "wrong password!"))
                .status()).isEqualTo(401);
        Api.Res ok = browser.post("/api/auth/login", Api.map("username", name, "password", PASSWORD));
        assertThat(ok.status()).as(ok.text()).isEqualTo(200);
        assertThat(browser.get("/api/workspaces").status()).isEqualTo(200);
        assertThat(jdbc.sql("SELECT a.action FROM audit_log a JOIN users u ON u.id = a.actor_id "
                + "WHERE u.username = ? ORDER BY a.id").param(name).query(String.class).list())
                .containsExactly("user.signup", "user.login-failed", "user.login");
        // Logging in by e-mail address works too.
        assertThat(new Api(port).post("/api/auth/login", Api.map("username", name + "@example.org",
                "password", PASSWORD)).status()).isEqualTo(200);

        assertThat(browser.post("/api/auth/logout", "").status()).isEqualTo(204);
        assertThat(browser.get("/api/workspaces").status()).isEqualTo(401);
    }

    @org.springframework.beans.factory.annotation.Autowired
    ThrottledLogin login;

    /** The web app's sign-in page logs in through ThrottledLogin too: guessing across many names gets cut off. */
    @Test
    void oneAddressGuessingAcrossManyAccountsIsThrottledWhateverTheName() {
        String address = "203.0.113.77";
        for (int i = 0; i < AddressThrottle.MAX_FAILURES; i++) {
            String name = "nobody-" + i;
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> login.login(name, "guess", address))
                    .isInstanceOfSatisfying(dev.netwright.backend.api.ApiException.class,
                            e -> assertThat(e.status().value()).isEqualTo(401));
        }
        String real = username(newUser("throttled-address"));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> login.login(real, PASSWORD, address))
                .isInstanceOfSatisfying(dev.netwright.backend.api.ApiException.class, e -> {
                    assertThat(e.status().value()).isEqualTo(429);
                    assertThat(e.getMessage()).contains("too many failed logins from your address");
                });
        // another address is not affected
        assertThat(login.login(real, PASSWORD, "203.0.113.78").username()).isEqualTo(real);
    }

    @Test
    void fiveFailedLoginsLockTheAccountWith429EvenForTheRightPassword() {
        Api user = newUser("throttle");
        String name = username(user);
        Api attacker = new Api(port);
        for (int i = 1; i <= 4; i++) {
            assertThat(attacker.post("/api/auth/login", Api.map("username", name, "password", "guess " + i))
                    .status()).isEqualTo(401);
        }
        Api.Res fifth = attacker.post("/api/auth/login", Api.map("username", name, "password", "guess 5"));
        assertThat(fifth.status()).isEqualTo(429);
        assertThat(Long.parseLong(fifth.header("Retry-After"))).isBetween(1L, 300L);

        Api.Res right = new Api(port).post("/api/auth/login", Api.map("username", name, "password", PASSWORD));
        assertThat(right.status()).isEqualTo(429);
        assertThat(right.str("detail")).contains("locked");
        assertThat(jdbc.sql("SELECT count(*) FROM audit_log a JOIN users u ON u.id = a.actor_id "
                + "WHERE u.username = ? AND a.action = 'user.locked'").param(name).query(Long.class).single())
                .isEqualTo(1);

        // Once the lock has expired the right password works again and the counter restarts.
        jdbc.sql("UPDATE users SET locked_until = now() - interval '1 second' WHERE username = ?").param(name)
                .update();
        assertThat(new Api(port).post("/api/auth/login", Api.map("username", name, "password", PASSWORD))
                .status()).isEqualTo(200);
        assertThat(jdbc.sql("SELECT failed_logins FROM users WHERE username = ?").param(name)
                .query(Integer.class).single()).isZero();
    }

    @Test
    void apiTokensAuthenticateAreStoredHashedAndCanBeRevoked() {
        Api user = newUser("tokens");
        Api.Res created = user.post("/api/tokens", Api.map("name", "ci script", "expiresInDays", 30));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        String secret = created.str("token");
        assertThat(secret).startsWith("nwt_").hasSizeGreaterThan(40);
        UUID id = created.id();

        assertThat(jdbc.sql("SELECT count(*) FROM api_tokens WHERE token_hash = sha256(convert_to(?, 'UTF8'))")
                .param(secret).query(Long.class).single()).isEqualTo(1);
        assertThat(user.get("/api/tokens").text()).doesNotContain(secret).contains("ci script");

        Api script = new Api(port).bearer(secret);
        Api.Res me = script.get("/api/auth/me");
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.str("username")).isEqualTo(username(user));
        assertThat(script.post("/api/workspaces", Api.map("name", "from script")).status()).isEqualTo(201);

        assertThat(new Api(port).bearer("nwt_not-a-real-token").get("/api/auth/me").status()).isEqualTo(401);
        assertThat(newUser("other").delete("/api/tokens/" + id).status()).isEqualTo(404);

        assertThat(user.delete("/api/tokens/" + id).status()).isEqualTo(204);
        Api.Res revoked = script.get("/api/auth/me");
        assertThat(revoked.status()).isEqualTo(401);
        assertThat(revoked.str("detail")).contains("revoked");
    }

    /**
     * Tokens read in the last few seconds are served from memory (NotifiedCache); a change made straight in
     * the database, as an operator would, still takes effect at once: the V40 triggers announce it. Each check waits
     * at most 3 s, well under the cache's 10 s lifetime, so it passes only through the announcement.
     */
    @Test
    void tokenChangesMadeInTheDatabaseTakeEffectAtOnceThoughTokensAreCached() {
        Api user = newUser("cachedtokens");
        String revokedSecret = user.post("/api/tokens", Api.map("name", "revoked by an operator")).str("token");
        String expiredSecret = user.post("/api/tokens", Api.map("name", "expired by an operator")).str("token");
        Api revokedScript = new Api(port).bearer(revokedSecret);
        Api expiredScript = new Api(port).bearer(expiredSecret);
        for (int i = 0; i < 3; i++) {
            assertThat(revokedScript.get("/api/auth/me").status()).isEqualTo(200);
            assertThat(expiredScript.get("/api/auth/me").status()).isEqualTo(200);
        }

        updateToken(revokedSecret, "revoked_at = now()");
        awaitStatus(revokedScript, 401);
        updateToken(expiredSecret, "expires_at = now() - interval '1 second'");
        awaitStatus(expiredScript, 401);

        // a token that expires while it is kept: its expiry is checked on every use, not only when it is read
        String expiringSecret = user.post("/api/tokens", Api.map("name", "expires in a second")).str("token");
        Api expiringScript = new Api(port).bearer(expiringSecret);
        updateToken(expiringSecret, "expires_at = now() + interval '1 second'");
        assertThat(expiringScript.get("/api/auth/me").status()).isEqualTo(200);
        awaitStatus(expiringScript, 401);

        String renamedSecret = user.post("/api/tokens", Api.map("name", "account renamed")).str("token");
        Api renamedScript = new Api(port).bearer(renamedSecret);
        assertThat(renamedScript.get("/api/auth/me").str("displayName")).isNotEqualTo("Renamed by an operator");
        jdbc.sql("UPDATE users SET display_name = 'Renamed by an operator' WHERE username = ?").param(username(user))
                .update();
        within3s("the account's new name",
                () -> "Renamed by an operator".equals(renamedScript.get("/api/auth/me").str("displayName")));
    }

    /** Changes the token with {@code secret} straight in the database, as an operator would. */
    private void updateToken(String secret, String set) {
        jdbc.sql("UPDATE api_tokens SET " + set + " WHERE token_hash = sha256(convert_to(?, 'UTF8'))").param(secret)
                .update();
    }

    private static void pause() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static void awaitStatus(Api api, int status) {
        within3s("HTTP " + status, () -> api.get("/api/auth/me").status() == status);
    }

    private static void within3s(String what, java.util.function.BooleanSupplier done) {
        long end = System.nanoTime() + 3_000_000_000L;
        while (!done.getAsBoolean()) {
            assertThat(System.nanoTime()).as("%s within 3 s", what).isLessThan(end);
            pause();
        }
    }

    @Test
    void healthIsPublic() {
        Api.Res health = new Api(port).get("/actuator/health");
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.str("status")).isEqualTo("UP");
    }
}
