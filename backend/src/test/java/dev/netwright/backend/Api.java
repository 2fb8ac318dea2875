package dev.netwright.backend;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A small HTTP client for the REST API, acting as one browser (cookie jar) or one script (bearer token). */
public final class Api {
    public static final JsonMapper JSON = JsonMapper.builder().build();

    /** An answer: status, parsed JSON body (or null) and the raw text. */
    public record Res(int status, JsonNode json, String text, HttpResponse<String> raw) {
        public String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }

        public String str(String field) {
            return json.get(field).asString();
        }

        public UUID id() {
            return UUID.fromString(json.get("id").asString());
        }
    }

    private final String base;
    private final HttpClient http;
    private final CookieManager cookies = new CookieManager();
    private final Map<String, String> headers = new java.util.LinkedHashMap<>();
    private String bearer;
    private boolean csrf = true;

    public Api(int port) {
        this.base = "http://localhost:" + port;
        this.http = HttpClient.newBuilder().cookieHandler(cookies).build();
    }

    public Api bearer(String token) {
        this.bearer = token;
        return this;
    }

    /**
     * Like a browser page's script, a session client echoes the {@code XSRF-TOKEN} cookie in the {@code X-XSRF-TOKEN}
     * header; {@code false} makes it a forged cross-site request that cannot read the cookie.
     */
    public Api csrf(boolean send) {
        this.csrf = send;
        return this;
    }

    /** A header sent with every request (e.g. X-Forwarded-For, as a reverse proxy would add). */
    public Api header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    /** The value of one of this client's cookies, or null. */
    public String cookie(String name) {
        return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals(name))
                .map(java.net.HttpCookie::getValue).findFirst().orElse(null);
    }

    public Res get(String path) {
        return send(request(path).GET());
    }

    /** A GET whose answer is read to its end in the background (e.g. an event stream); headers as name, value. */
    public java.util.concurrent.CompletableFuture<HttpResponse<String>> getAsync(String path, String... headers) {
        HttpRequest.Builder b = request(path).GET();
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return http.sendAsync(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * A GET of an event stream that stays open: only its status is read and the stream closed at once (an answer of
     * 400 or more ends, so it is fetched again whole, as {@link #get} does). The result carries no headers.
     */
    public Res openStream(String path) {
        try {
            HttpResponse<java.io.InputStream> r = http.send(request(path).GET().build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            r.body().close();
            return r.statusCode() >= 400 ? get(path) : new Res(r.statusCode(), null, "", null);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A GET returning the raw bytes (downloads). */
    public HttpResponse<byte[]> getBytes(String path) {
        try {
            return http.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public Res delete(String path) {
        return send(request(path).DELETE());
    }

    public Res post(String path, Object body) {
        return send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body instanceof String s ? s : JSON.writeValueAsString(body))));
    }

    public Res put(String path, Object body) {
        return send(request(path).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
    }

    public Res patch(String path, Object body) {
        return send(request(path).header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
    }

    /** Any request: a method, a path, and a body of the given content type (null for none). */
    public Res send(String method, String path, String contentType, byte[] body) {
        HttpRequest.Builder b = request(path);
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        return send(b.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    /** A multipart/form-data upload with one file part named {@code file}. */
    public Res upload(String path, String fileName, byte[] content) {
        String boundary = "----nw" + UUID.randomUUID();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            out.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                    + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            out.write(content);
            out.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return send(request(path).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(out.toByteArray())));
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path));
        if (bearer != null) {
            b.header("Authorization", "Bearer " + bearer);
        }
        String token = cookie("XSRF-TOKEN");
        if (csrf && token != null) {
            b.header("X-XSRF-TOKEN", token);
        }
        headers.forEach(b::header);
        return b;
    }

    private Res send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> r = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode json = null;
            String type = r.headers().firstValue("Content-Type").orElse("");
            if (type.contains("json") && !r.body().isEmpty()) {
                json = JSON.readTree(r.body());
            }
            return new Res(r.statusCode(), json, r.body(), r);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }
}
