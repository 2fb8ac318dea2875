package dev.netwright.backend.security;

import dev.netwright.backend.api.ProblemResponses;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Set;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.csrf.CsrfTokenRequestAttributeHandler;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * REST API security: session cookie (browsers) or personal API token (scripts). Cookie-authenticated calls that
 * change something also need the CSRF token (double submit: the {@code XSRF-TOKEN} cookie's value in the
 * {@code X-XSRF-TOKEN} header), on top of the {@code SameSite=Strict} session cookie: SameSite alone does not stop
 * sibling sub-domains or browsers that ignore it. Token requests carry no ambient credentials, and requests without a
 * session have none to abuse, so neither needs it.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {
    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

    /**
     * With the actuator's observation registry, Spring Security would observe every filter of every request and every
     * authorisation decision: about a tenth of a request thread's CPU time on single predictions (JFR profile of
     * {@code ./netwright bench api}). Requests are still timed as a whole ({@code http.server.requests}); sign-ins
     * stay observed.
     */
    @Bean
    SecurityObservationSettings securityObservations() {
        return SecurityObservationSettings.withDefaults().shouldObserveRequests(false)
                .shouldObserveAuthorizations(false).shouldObserveAuthentications(true).build();
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return new BCryptPasswordEncoder(10);
    }

    /**
     * Only state-changing calls that a session cookie authenticates need the CSRF token. Sign-up and login
     * authenticate with what their JSON body holds, not with the cookie (and a cross-site form cannot send JSON).
     */
    static boolean needsCsrfToken(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return !SAFE_METHODS.contains(request.getMethod()) && !BearerTokenFilter.presentsToken(request)
                && !path.equals("/api/auth/login") && !path.equals("/api/auth/signup")
                && request.getSession(false) != null;
    }

    @Bean
    SecurityFilterChain apiSecurity(HttpSecurity http, ApiTokens tokens, Sessions sessions) throws Exception {
        RequestMatcher csrfProtected = SecurityConfiguration::needsCsrfToken;
        http.securityMatcher("/api/**", "/actuator/**")
                .authorizeHttpRequests(a -> a
                        // async dispatches (SSE streams) continue a request that was already authorised; a bearer
                        // token request has no session to re-authenticate from on that second dispatch
                        .dispatcherTypeMatchers(DispatcherType.ASYNC).permitAll()
                        .requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info").permitAll()
                        .requestMatchers("/api/auth/signup", "/api/auth/login", "/api/auth/status").permitAll()
                        // the API description and its Swagger UI hold no data
                        .requestMatchers("/api/docs", "/api/docs/**").permitAll()
                        // scrapers send an administrator's API token (Prometheus: authorization.credentials)
                        .requestMatchers("/api/admin/**", "/actuator/prometheus").hasRole("ADMIN")
                        .anyRequest().authenticated())
                .csrf(c -> c.csrfTokenRepository(sessions.csrfTokens())
                        // the token is compared as sent: it is never part of a response body (no BREACH masking)
                        .csrfTokenRequestHandler(new CsrfTokenRequestAttributeHandler())
                        .requireCsrfProtectionMatcher(csrfProtected))
                .httpBasic(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .securityContext(c -> c.securityContextRepository(sessions.repository()))
                .exceptionHandling(e -> e
                        .authenticationEntryPoint((req, res, ex) -> ProblemResponses.write(req, res,
                                HttpServletResponse.SC_UNAUTHORIZED,
                                "sign in first (POST /api/auth/login) or send 'Authorization: Bearer <API token>'"))
                        .accessDeniedHandler((req, res, ex) -> ProblemResponses.write(req, res,
                                HttpServletResponse.SC_FORBIDDEN, ex instanceof CsrfException
                                        ? "a signed-in browser session must send the header " + Sessions.CSRF_HEADER
                                        + " with the value of the " + Sessions.CSRF_COOKIE + " cookie (every /api "
                                        + "answer to a session sets it); scripts can send 'Authorization: Bearer "
                                        + "<API token>' instead"
                                        : "this needs administrator rights")))
                .addFilterAfter(Sessions.csrfCookieWriter(), CsrfFilter.class)
                .addFilterBefore(new BearerTokenFilter(secret -> tokens.authenticate(secret)
                        .map(Sessions::authentication), "the API token is unknown, revoked or expired"),
                        AnonymousAuthenticationFilter.class);
        return http.build();
    }
}
