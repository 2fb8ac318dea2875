package dev.netwright.backend;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The backend alone as a Spring Boot app, for integration tests (the real app class lives in the frontend). */
@SpringBootApplication
public class TestApplication {
}
