package dev.netwright.backend.security;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;

/**
 * REST API security: session cookie (browsers) or personal API token (scripts). CSRF tokens are not used on
 * {@code /api}: the session cookie is {@code SameSite=Strict}, so other sites cannot send it, and token requests
 * carry no ambient credentials at all.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    @Bean
    PasswordEncoder passwordEncoder() {
        return new BCryptPasswordEncoder(10);
    }

    @Bean
    SecurityFilterChain apiSecurity(HttpSecurity http, ApiTokens tokens, JsonErrors errors, Sessions sessions)
            throws Exception {
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
                .csrf(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .securityContext(c -> c.securityContextRepository(sessions.repository()))
                .exceptionHandling(e -> e
                        .authenticationEntryPoint((req, res, ex) -> errors.write(req, res,
                                HttpServletResponse.SC_UNAUTHORIZED,
                                "sign in first (POST /api/auth/login) or send 'Authorization: Bearer <API token>'"))
                        .accessDeniedHandler((req, res, ex) -> errors.write(req, res,
                                HttpServletResponse.SC_FORBIDDEN, "this needs administrator rights")))
                .addFilterBefore(new BearerTokenFilter(tokens, errors), AnonymousAuthenticationFilter.class);
        return http.build();
    }
}
