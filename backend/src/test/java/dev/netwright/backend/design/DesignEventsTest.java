package dev.netwright.backend.design;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netwright.backend.Api;
import dev.netwright.backend.ApiTestBase;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** {@code GET /api/designs/{id}/events}: save notices for API editors, members only. */
class DesignEventsTest extends ApiTestBase {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private record Stream2(int status, List<String> lines, Thread reader) {
    }

    private Stream2 open(String token, UUID design) throws Exception {
        List<String> lines = new CopyOnWriteArrayList<>();
        int[] status = {0};
        Thread t = Thread.ofPlatform().daemon().start(() -> {
            try {
                HttpResponse<Stream<String>> r = HTTP.send(HttpRequest.newBuilder(
                                URI.create("http://localhost:" + port + "/api/designs/" + design + "/events"))
                        .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofLines());
                status[0] = r.statusCode();
                r.body().forEach(lines::add);
            } catch (IOException | java.io.UncheckedIOException | InterruptedException e) {
                lines.add("closed");
            }
        });
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (status[0] == 0 && System.nanoTime() < end) {
            Thread.sleep(20);
        }
        return new Stream2(status[0], lines, t);
    }

    @Test
    void aSaveByAnotherMemberReachesTheSubscribedEditorAndOutsidersGetNothing() throws Exception {
        Api owner = newUser("events-owner");
        Api member = newUser("events-member");
        Api outsider = newUser("events-outsider");
        UUID ws = workspace(owner, "events");
        addMember(owner, ws, member, "editor");
        UUID project = project(owner, ws);
        Api.Res created = owner.post("/api/projects/" + project + "/designs", Api.map("templateId", "lenet-cnn"));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        UUID design = UUID.fromString(created.str("designId"));

        Stream2 denied = open(outsider.post("/api/tokens", Api.map("name", "t")).str("token"), design);
        assertThat(denied.status()).isEqualTo(404);

        Stream2 editor = open(member.post("/api/tokens", Api.map("name", "t")).str("token"), design);
        assertThat(editor.status()).isEqualTo(200);
        waitFor(editor, ":subscribed");
        JsonNode content = owner.get("/api/designs/" + design).json().get("content");
        Api.Res saved = owner.post("/api/designs/" + design + "/versions",
                Api.map("baseVersion", 1, "design", content, "message", "second"));
        assertThat(saved.status()).as(saved.text()).isEqualTo(201);
        waitFor(editor, "event:version");
        String data = editor.lines().get(editor.lines().indexOf("event:version") + 1);
        assertThat(data).startsWith("data:").contains("\"version\":2").contains("\"message\":\"second\"")
                .contains("\"author\":\"" + username(owner) + "\"");
        editor.reader().interrupt();
    }

    private static void waitFor(Stream2 s, String line) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (s.lines().stream().noneMatch(l -> l.replace(" ", "").equals(line))) {
            assertThat(System.nanoTime()).as("'%s' within 20 s; got %s", line, s.lines()).isLessThan(end);
            Thread.sleep(20);
        }
    }
}
