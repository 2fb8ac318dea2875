package dev.netwright.backend.security;

import dev.netwright.backend.api.Page;
import dev.netwright.backend.api.PageRequest;
import org.springframework.web.bind.annotation.RequestParam;
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
    /**
     * @param setupToken     the one-time set-up token from the server's log: only for the first account, made from
     *                       another machine than the server's
     * @param invitationCode an administrator's invitation code, when sign-up is by invitation
     */
    record SignupRequest(String username, String email, String displayName, String password, String setupToken,
                         String invitationCode) {
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

    AuthController(AccountService accounts, ThrottledLogin login, Sessions sessions, ApiTokens tokens) {
        this.accounts = accounts;
        this.login = login;
        this.sessions = sessions;
        this.tokens = tokens;
    }

    @GetMapping("/api/auth/status")
    Map<String, Object> status(HttpServletRequest request) {
        AccountService.SignupRules rules = accounts.rules(ClientAddress.isLocal(request));
        return Map.of("needsFirstAccount", rules.firstAccount(), "setupTokenNeeded", rules.setupTokenNeeded(),
                "signup", rules.mode().name().toLowerCase(java.util.Locale.ROOT));
    }

    @PostMapping("/api/auth/signup")
    @ResponseStatus(HttpStatus.CREATED)
    AppUser signup(@RequestBody SignupRequest body, HttpServletRequest request, HttpServletResponse response) {
        AppUser user = accounts.signUp(body.username(), body.email(), body.displayName(), body.password(),
                SignupOrigin.of(request, body.setupToken(), body.invitationCode()));
        sessions.signIn(user, request, response);
        return user;
    }

    @PostMapping("/api/auth/login")
    AppUser login(@RequestBody LoginRequest body, HttpServletRequest request, HttpServletResponse response) {
        AppUser user = login.login(body.username(), body.password(), ClientAddress.of(request));
        sessions.signIn(user, request, response);
        return user;
    }

    @PostMapping("/api/auth/logout")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void logout(HttpServletRequest request, HttpServletResponse response) {
        sessions.signOut(request, response);
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
    Page<ApiToken> listTokens(@AuthenticationPrincipal AppUser user, @RequestParam(defaultValue = "0") int page,
                              @RequestParam(defaultValue = "50") int size) {
        return Page.slice(tokens.list(user), new PageRequest(page, size));
    }

    @DeleteMapping("/api/tokens/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void revokeToken(@AuthenticationPrincipal AppUser user, @PathVariable UUID id) {
        tokens.revoke(user, id);
    }
}
