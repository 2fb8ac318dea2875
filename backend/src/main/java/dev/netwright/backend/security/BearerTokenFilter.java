package dev.netwright.backend.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates {@code Authorization: Bearer nwt_...} requests. A request that presents a token that is not valid is
 * answered 401 at once rather than treated as anonymous, so a revoked token never silently falls back to a session.
 * Not a bean on purpose: Spring Boot would otherwise register it a second time as a plain servlet filter.
 */
final class BearerTokenFilter extends OncePerRequestFilter {
    private final ApiTokens tokens;
    private final JsonErrors errors;

    BearerTokenFilter(ApiTokens tokens, JsonErrors errors) {
        this.tokens = tokens;
        this.errors = errors;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            chain.doFilter(request, response);
            return;
        }
        Optional<AppUser> user = tokens.authenticate(header.substring(7).strip());
        if (user.isEmpty()) {
            errors.write(request, response, HttpServletResponse.SC_UNAUTHORIZED,
                    "the API token is unknown, revoked or expired");
            return;
        }
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(Sessions.authentication(user.get()));
        SecurityContextHolder.setContext(context);
        try {
            chain.doFilter(request, response);
        } finally {
            SecurityContextHolder.clearContext();
        }
    }
}
