package dev.netwright.backend.security;

import dev.netwright.backend.api.ProblemResponses;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import java.util.function.Function;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates {@code Authorization: Bearer <secret>} requests with one kind of token: personal API tokens on the
 * user API, worker tokens on the worker protocol. A request that presents a token that is not valid is answered 401
 * at once rather than treated as anonymous, so a revoked token never silently falls back to a session. Not a bean on
 * purpose: Spring Boot would otherwise register it a second time as a plain servlet filter.
 */
public final class BearerTokenFilter extends OncePerRequestFilter {
    private final Function<String, Optional<Authentication>> tokens;
    private final String refusal;

    /**
     * @param tokens  the authentication for a secret, or empty when the secret is unknown, revoked or expired
     * @param refusal what the 401 says when it is
     */
    public BearerTokenFilter(Function<String, Optional<Authentication>> tokens, String refusal) {
        this.tokens = tokens;
        this.refusal = refusal;
    }

    /** Whether the request carries a bearer token (and so no ambient credentials are needed to trust it). */
    static boolean presentsToken(HttpServletRequest request) {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        return header != null && header.regionMatches(true, 0, "Bearer ", 0, 7);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!presentsToken(request)) {
            chain.doFilter(request, response);
            return;
        }
        Optional<Authentication> authentication = tokens.apply(
                request.getHeader(HttpHeaders.AUTHORIZATION).substring(7).strip());
        if (authentication.isEmpty()) {
            ProblemResponses.write(request, response, HttpServletResponse.SC_UNAUTHORIZED, refusal);
            return;
        }
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(authentication.get());
        SecurityContextHolder.setContext(context);
        try {
            chain.doFilter(request, response);
        } finally {
            SecurityContextHolder.clearContext();
        }
    }
}
