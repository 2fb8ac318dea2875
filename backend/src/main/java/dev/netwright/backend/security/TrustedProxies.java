package dev.netwright.backend.security;

import dev.netwright.backend.NetwrightProperties;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.catalina.valves.RemoteIpValve;
import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.stereotype.Component;

/**
 * Believes {@code X-Forwarded-For} and {@code X-Forwarded-Proto} only from the reverse proxies listed in
 * {@code netwright.security.trusted-proxies}. Tomcat's remote-IP valve then makes the real client's address the
 * request's remote address (throttles, audit, the local-account rule) and marks requests that reached the proxy over
 * HTTPS as secure, so that the session and CSRF cookies get the {@code Secure} flag. From anyone else, the headers
 * are ignored: a client cannot claim to be someone else or to be on the server's machine. A valve rather than a
 * servlet filter, because Tomcat decides the session cookie's flags from its own request object.
 */
@Component
class TrustedProxies implements WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory> {
    private final List<String> proxies;

    TrustedProxies(NetwrightProperties properties) {
        this.proxies = properties.security().trustedProxies();
    }

    @Override
    public void customize(ConfigurableTomcatWebServerFactory factory) {
        if (proxies.isEmpty()) {
            return;
        }
        RemoteIpValve valve = new RemoteIpValve();
        valve.setInternalProxies(proxies.stream().map(String::strip).map(Pattern::quote)
                .collect(Collectors.joining("|")));
        valve.setTrustedProxies(null);
        valve.setRemoteIpHeader("X-Forwarded-For");
        valve.setProtocolHeader("X-Forwarded-Proto");
        valve.setProtocolHeaderHttpsValue("https");
        valve.setHostHeader("X-Forwarded-Host");
        valve.setPortHeader("X-Forwarded-Port");
        factory.addEngineValves(valve);
    }
}
