package dev.netwright.backend.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Sign-up, login, logout, the current user, and personal API tokens. */
@RestController
class AuthController {
    record SignupRequest(String username, String email, String displayName, String password) {
    }

    record LoginRequest(String username, String password) {
    }

    record TokenRequest(String name, Integer expiresInDays) {
    }

    record CreatedToken(UUID id, String name, String prefix, java.time.OffsetDateTime expiresAt, String token,
                        String note) {
    }

    private final AccountService accounts;
    private final ThrottledLogin login;
    private final Sessions sessions;
    private final ApiTokens tokens;
    private final UserAccounts users;

    AuthController(AccountService accounts, ThrottledLogin login, Sessions sessions, ApiTokens tokens,
                   UserAccounts users) {
        this.accounts = accounts;
        this.login = login;
        this.sessions = sessions;
        this.tokens = tokens;
        this.users = users;
    }

    @GetMapping("/api/auth/status")
    Map<String, Object> status() {
        return Map.of("needsFirstAccount", users.count() == 0);
    }

    @PostMapping("/api/auth/signup")
    @ResponseStatus(HttpStatus.CREATED)
    AppUser signup(@RequestBody SignupRequest body, HttpServletRequest request, HttpServletResponse response) {
        AppUser user = accounts.signUp(body.username(), body.email(), body.displayName(), body.password());
        sessions.signIn(user, request, response);
        return user;
    }

    @PostMapping("/api/auth/login")
    AppUser login(@RequestBody LoginRequest body, HttpServletRequest request, HttpServletResponse response) {
        AppUser user = login.login(body.username(), body.password(), request.getRemoteAddr());
        sessions.signIn(user, request, response);
        return user;
    }

    @PostMapping("/api/auth/logout")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void logout(HttpServletRequest request) {
        sessions.signOut(request);
    }

    @GetMapping("/api/auth/me")
    AppUser me(@AuthenticationPrincipal AppUser user) {
        return user;
    }

    @PostMapping("/api/tokens")
    @ResponseStatus(HttpStatus.CREATED)
    CreatedToken createToken(@AuthenticationPrincipal AppUser user, @RequestBody TokenRequest body) {
        ApiTokens.Created created = tokens.create(user, body.name(), body.expiresInDays());
        return new CreatedToken(created.token().id(), created.token().name(), created.token().prefix(),
                created.token().expiresAt(), created.secret(),
                "copy this token now: it is shown only once and stored only as a hash");
    }

    @GetMapping("/api/tokens")
    List<ApiToken> listTokens(@AuthenticationPrincipal AppUser user) {
        return tokens.list(user);
    }

    @DeleteMapping("/api/tokens/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void revokeToken(@AuthenticationPrincipal AppUser user, @PathVariable UUID id) {
        tokens.revoke(user, id);
    }
}
