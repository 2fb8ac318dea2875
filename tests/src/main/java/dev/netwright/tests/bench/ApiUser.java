package dev.netwright.tests.bench;

import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A user signed up afresh on the benchmark's server, calling its REST API with an API token made after sign-up (the
 * session's cookies and CSRF token only serve the token's creation), the way a user's script or a service does.
 */
final class ApiUser {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final String base;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .cookieHandler(new CookieManager()).connectTimeout(Duration.ofSeconds(10)).build();
    private final String token;

    /** Signs up a user named {@code bench-} and a random suffix on the server at {@code base} and makes its token. */
    ApiUser(String base) throws Exception {
        this.base = base;
        String name = "bench-" + UUID.randomUUID().toString().substring(0, 8);
        send("POST", "/api/auth/signup", Map.of("username", name, "email", name + "@example.org",
                "password", "benchmark password"), 201, null);
        token = send("POST", "/api/tokens", Map.of("name", "bench"), 201, null).get("token").asString();
    }

    /** The value of the Authorization header the API's clients send. */
    String authorization() {
        return "Bearer " + token;
    }

    /** A JSON request with the token; its JSON answer (null when empty), which must have status {@code expected}. */
    JsonNode call(String method, String path, Object body, int expected) throws Exception {
        return send(method, path, body, expected, token);
    }

    /** A request to {@code path} with the token, for answers that are not JSON (a download, an event stream). */
    HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", authorization());
    }

    <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> answer) throws Exception {
        return http.send(request, answer);
    }

    private JsonNode send(String method, String path, Object body, int expected, String bearer) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60));
        if (bearer != null) {
            b.header("Authorization", "Bearer " + bearer);
        }
        // the signed-up session answers state changes only with its CSRF token (the XSRF-TOKEN cookie)
        ((CookieManager) http.cookieHandler().orElseThrow()).getCookieStore().getCookies().stream()
                .filter(c -> c.getName().equals("XSRF-TOKEN")).findFirst()
                .ifPresent(c -> b.header("X-XSRF-TOKEN", c.getValue()));
        if (body == null) {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            b.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        }
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != expected) {
            throw new IllegalStateException(method + " " + path + " answered " + r.statusCode() + ": " + r.body());
        }
        return r.body().isEmpty() ? null : JSON.readTree(r.body());
    }
}
