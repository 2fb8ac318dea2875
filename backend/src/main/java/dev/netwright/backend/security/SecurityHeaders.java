package dev.netwright.backend.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A Content-Security-Policy and {@code nosniff} on every response of the app, set before anything else answers (the
 * security chains' refusals included). The REST API's answers are data, never pages: they may load and run nothing,
 * even when a browser is tricked into opening one. The web UI gets the narrowest policy Vaadin runs under: its client
 * engine evaluates server-sent JavaScript and its components use inline styles, so scripts and styles need
 * 'unsafe-inline' (and scripts 'unsafe-eval'), but only from this origin; no plugins, no framing, no foreign forms.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
public class SecurityHeaders extends OncePerRequestFilter {
    /** For JSON, files and problem details under /api and /actuator. */
    public static final String API_POLICY = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; "
            + "form-action 'none'; sandbox";
    /** Swagger UI under /api/docs: its own scripts and styles, nothing from elsewhere. */
    public static final String DOCS_POLICY = "default-src 'self'; img-src 'self' data:; "
            + "style-src 'self' 'unsafe-inline'; object-src 'none'; frame-ancestors 'none'; base-uri 'self'; "
            + "form-action 'self'";
    /** The Vaadin web UI. */
    public static final String UI_POLICY = "default-src 'self'; script-src 'self' 'unsafe-inline' 'unsafe-eval'; "
            + "style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; "
            + "connect-src 'self'; worker-src 'self' blob:; object-src 'none'; frame-ancestors 'none'; "
            + "base-uri 'self'; form-action 'self'";

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        response.setHeader("Content-Security-Policy", policy(pathOf(request)));
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Referrer-Policy", "same-origin");
        chain.doFilter(request, response);
    }

    static String policy(String path) {
        if (path.equals("/api/docs") || path.startsWith("/api/docs/")) {
            return DOCS_POLICY;
        }
        if (path.startsWith("/api/") || path.equals("/api") || path.startsWith("/actuator")) {
            return API_POLICY;
        }
        return UI_POLICY;
    }

    private static String pathOf(HttpServletRequest request) {
        String uri = request.getRequestURI();
        String context = request.getContextPath();
        return context != null && !context.isEmpty() && uri.startsWith(context) ? uri.substring(context.length()) : uri;
    }
}
