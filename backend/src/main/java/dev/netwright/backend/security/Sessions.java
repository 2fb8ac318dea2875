package dev.netwright.backend.security;

import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.util.ArrayList;
import java.util.List;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.stereotype.Component;

/**
 * Browser sessions: stores the signed-in user in the HTTP session after a successful login, and keeps the session's
 * CSRF token in a cookie that the page's own scripts can read (and other sites cannot).
 */
@Component
class Sessions {
    static final String CSRF_COOKIE = "XSRF-TOKEN";
    static final String CSRF_HEADER = "X-XSRF-TOKEN";

    private final SecurityContextRepository repository = new HttpSessionSecurityContextRepository();
    private final CookieCsrfTokenRepository csrfTokens;

    Sessions() {
        csrfTokens = CookieCsrfTokenRepository.withHttpOnlyFalse();
        csrfTokens.setCookieName(CSRF_COOKIE);
        csrfTokens.setHeaderName(CSRF_HEADER);
        // Secure follows the request (HTTPS directly or through a trusted proxy), like the session cookie
        csrfTokens.setCookieCustomizer(c -> c.path("/").sameSite("Strict"));
    }

    static Authentication authentication(AppUser user) {
        List<GrantedAuthority> authorities = new ArrayList<>();
        authorities.add(new SimpleGrantedAuthority("ROLE_USER"));
        if (user.admin()) {
            authorities.add(new SimpleGrantedAuthority("ROLE_ADMIN"));
        }
        return UsernamePasswordAuthenticationToken.authenticated(user, null, authorities);
    }

    void signIn(AppUser user, HttpServletRequest request, HttpServletResponse response) {
        // A new session id at login, so a session id planted before login is worthless (session fixation).
        HttpSession existing = request.getSession(false);
        if (existing != null) {
            request.changeSessionId();
        }
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(authentication(user));
        SecurityContextHolder.setContext(context);
        repository.saveContext(context, request, response);
        // and a new CSRF token, so one planted before login is worthless too
        csrfTokens.saveToken(csrfTokens.generateToken(request), request, response);
    }

    void signOut(HttpServletRequest request, HttpServletResponse response) {
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.invalidate();
        }
        SecurityContextHolder.clearContext();
        csrfTokens.saveToken(null, request, response);
    }

    SecurityContextRepository repository() {
        return repository;
    }

    CookieCsrfTokenRepository csrfTokens() {
        return csrfTokens;
    }

    /**
     * Makes sure a session's client holds the CSRF cookie: Spring Security only writes it once something reads the
     * token, and a JSON client never renders it. Runs after the CSRF filter, for requests that have a session.
     */
    static Filter csrfCookieWriter() {
        return (request, response, chain) -> {
            if (request instanceof HttpServletRequest http && http.getSession(false) != null
                    && request.getAttribute(CsrfToken.class.getName()) instanceof CsrfToken token) {
                token.getToken();
            }
            chain.doFilter(request, response);
        };
    }
}
