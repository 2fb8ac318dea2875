package dev.netwright.frontend;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The bootable app starts with its embedded PostgreSQL in the data folder and reports healthy. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class NetwrightApplicationTest {
    @LocalServerPort
    int port;

    private HttpResponse<String> get(String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void startsHealthyWithTheEmbeddedDatabaseInTheDataFolder() throws Exception {
        HttpResponse<String> health = get("/actuator/health");
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"status\":\"UP\"");
        assertThat(Files.exists(Path.of("target/it-data/postgres/PG_VERSION"))).isTrue();

        HttpResponse<String> api = get("/api/templates");
        assertThat(api.statusCode()).isEqualTo(401);
        assertThat(api.headers().firstValue("Content-Type").orElse("")).contains("problem+json");
    }

    @Test
    void servesTheApiDescriptionAndItsUiNextToTheVaadinApp() throws Exception {
        HttpResponse<String> spec = get("/api/docs/openapi.json");
        assertThat(spec.statusCode()).isEqualTo(200);
        assertThat(spec.body()).contains("\"/api/projects/{projectId}/runs\"");
        HttpResponse<String> ui = get("/api/docs/swagger-ui/index.html");
        assertThat(ui.statusCode()).isEqualTo(200);
        assertThat(ui.body()).contains("swagger-ui");
        assertThat(get("/api/docs/swagger-ui/swagger-ui-bundle.js").statusCode()).isEqualTo(200);
        assertThat(get("/actuator/prometheus").statusCode()).as("administrators only").isEqualTo(401);
    }
}
