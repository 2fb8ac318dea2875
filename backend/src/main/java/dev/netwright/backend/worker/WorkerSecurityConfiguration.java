package dev.netwright.backend.worker;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code /api/workers/**} is for worker tokens only, checked before the user API's chain: a user's session or API
 * token cannot act as a worker, and a worker token opens nothing else.
 */
@Configuration(proxyBeanMethods = false)
class WorkerSecurityConfiguration {

    @Bean
    @Order(1)
    SecurityFilterChain workerSecurity(HttpSecurity http, WorkerTokens tokens) throws Exception {
        http.securityMatcher("/api/workers/**")
                // async dispatches (streamed checkpoint downloads) continue a request that was already authorised
                .authorizeHttpRequests(a -> a.dispatcherTypeMatchers(DispatcherType.ASYNC).permitAll()
                        .anyRequest().hasRole("WORKER"))
                .csrf(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .exceptionHandling(e -> e
                        .authenticationEntryPoint((req, res, ex) -> problem(req, res, 401,
                                "send 'Authorization: Bearer <worker token>' (an administrator creates one)"))
                        .accessDeniedHandler((req, res, ex) -> problem(req, res, 403, "this needs a worker token")))
                .addFilterBefore(new WorkerTokenFilter(tokens), AnonymousAuthenticationFilter.class);
        return http.build();
    }

    /** An RFC 9457 problem detail, like every other answer of the API (filters run before the controller advice). */
    static void problem(HttpServletRequest req, HttpServletResponse res, int status, String detail)
            throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "about:blank");
        body.put("title", HttpStatus.valueOf(status).getReasonPhrase());
        body.put("status", status);
        body.put("detail", detail);
        body.put("instance", req.getRequestURI());
        res.setStatus(status);
        res.setContentType("application/problem+json");
        res.setCharacterEncoding("UTF-8");
        if (status == 401) {
            res.setHeader("WWW-Authenticate", "Bearer realm=\"netwright-workers\"");
        }
        res.getWriter().write(JSON.writeValueAsString(body));
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** Not a bean, so that Boot does not also register it as a plain servlet filter. */
    private static final class WorkerTokenFilter extends OncePerRequestFilter {
        private final WorkerTokens tokens;

        WorkerTokenFilter(WorkerTokens tokens) {
            this.tokens = tokens;
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            String header = request.getHeader(HttpHeaders.AUTHORIZATION);
            if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
                chain.doFilter(request, response);
                return;
            }
            Optional<WorkerPrincipal> worker = tokens.authenticate(header.substring(7).strip());
            if (worker.isEmpty()) {
                problem(request, response, 401, "the worker token is unknown or revoked");
                return;
            }
            SecurityContext context = SecurityContextHolder.createEmptyContext();
            context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(worker.get(), null,
                    List.of(new SimpleGrantedAuthority("ROLE_WORKER"))));
            SecurityContextHolder.setContext(context);
            try {
                chain.doFilter(request, response);
            } finally {
                SecurityContextHolder.clearContext();
            }
        }
    }
}
