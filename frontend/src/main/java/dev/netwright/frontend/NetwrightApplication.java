package dev.netwright.frontend;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The bootable Netwright platform: the Vaadin UI, the REST API and its services, embedded or external PostgreSQL. */
@SpringBootApplication(scanBasePackages = {"dev.netwright.frontend", "dev.netwright.backend"})
public class NetwrightApplication {

    public static void main(String[] args) {
        SpringApplication.run(NetwrightApplication.class, args);
    }
}
