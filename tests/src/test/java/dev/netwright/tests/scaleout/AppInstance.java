package dev.netwright.tests.scaleout;

import dev.netwright.backend.TestApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;

/** One app instance as a process of its own (the backend with its REST API), for tests that kill it. */
public final class AppInstance {
    private AppInstance() {
    }

    public static void main(String[] args) {
        new SpringApplicationBuilder(TestApplication.class).run(args);
    }
}
