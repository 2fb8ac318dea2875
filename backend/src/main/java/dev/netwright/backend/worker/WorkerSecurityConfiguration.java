package dev.netwright.backend.worker;

import dev.netwright.backend.api.ProblemResponses;
import dev.netwright.backend.security.BearerTokenFilter;
import jakarta.servlet.DispatcherType;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;

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
                        .authenticationEntryPoint((req, res, ex) -> ProblemResponses.write(req, res, 401,
                                "send 'Authorization: Bearer <worker token>' (an administrator creates one)"))
                        .accessDeniedHandler((req, res, ex) -> ProblemResponses.write(req, res, 403,
                                "this needs a worker token")))
                .addFilterBefore(new BearerTokenFilter(secret -> tokens.authenticate(secret)
                        .map(worker -> UsernamePasswordAuthenticationToken.authenticated(worker, null,
                                List.of(new SimpleGrantedAuthority("ROLE_WORKER")))),
                        "the worker token is unknown or revoked"), AnonymousAuthenticationFilter.class);
        return http.build();
    }

}
