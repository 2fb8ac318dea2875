package dev.netwright.frontend.auth;

import com.vaadin.flow.spring.security.VaadinSecurityConfigurer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.NegatedRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;

/**
 * Security for the web UI: a second filter chain for everything that is not the REST API. It excludes the API's
 * paths itself, so the order of the two chains does not matter and the API chain stays exactly as it is. Both
 * keep the signed-in user in the HTTP session under the same key, so signing in here also signs in /api.
 */
@Configuration(proxyBeanMethods = false)
class UiSecurityConfiguration {

    @Bean
    SecurityFilterChain uiSecurity(HttpSecurity http) throws Exception {
        var paths = PathPatternRequestMatcher.withDefaults();
        http.securityMatcher(new NegatedRequestMatcher(new OrRequestMatcher(
                paths.matcher("/api/**"), paths.matcher("/actuator/**"))));
        // Vaadin denies any request it does not know as a route (403, empty body); letting signed-in users through
        // instead lets the router answer unknown addresses with the not-found page (404), and sends others to sign in.
        http.with(VaadinSecurityConfigurer.vaadin(), vaadin -> vaadin.loginView(LoginView.class, "/login")
                .anyRequest(AuthorizeHttpRequestsConfigurer.AuthorizedUrl::authenticated));
        return http.build();
    }
}
