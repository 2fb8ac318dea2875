package dev.netwright.backend;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/** Tells the operator where the platform answers once it is ready. */
@Component
class ReadyLog {
    private static final Logger log = LoggerFactory.getLogger("netwright");

    @EventListener
    void ready(ApplicationReadyEvent event) {
        Environment env = event.getApplicationContext().getEnvironment();
        String port = env.getProperty("local.server.port", env.getProperty("server.port", "8080"));
        log.info("Netwright is ready at http://localhost:{}/ (API under /api, health at /actuator/health); data in {}",
                port, event.getApplicationContext().getBean(NetwrightProperties.class).dataDir().toAbsolutePath());
    }
}
