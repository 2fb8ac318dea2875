package dev.netwright.backend;

import java.time.Clock;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the backend's shared beans. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(NetwrightProperties.class)
public class BackendConfiguration {
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
