package dev.netwright.frontend;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The bootable Netwright web application. */
@SpringBootApplication
public class NetwrightApplication {

    public static void main(String[] args) {
        SpringApplication.run(NetwrightApplication.class, args);
    }
}
