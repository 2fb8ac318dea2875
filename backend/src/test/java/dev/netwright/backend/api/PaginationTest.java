package dev.netwright.backend.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netwright.backend.Api;
import dev.netwright.backend.run.RunTestSupport;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Every list answers {items, page, size, total, next}: following {@code next} visits each item exactly once. */
class PaginationTest extends RunTestSupport {

    @Test
    void followingNextVisitsEveryItemOnceAndKeepsFilters() {
        Api owner = newUser("pages");
        UUID[] pd = projectWithDesign(owner);
        for (int i = 0; i < 4; i++) {
            assertThat(owner.post("/api/projects/" + pd[0] + "/designs", Api.map("name", "d" + i)).status())
                    .isEqualTo(201);
        }
        assertThat(walk(owner, "/api/projects/" + pd[0] + "/designs?size=2", 5, 3)).hasSize(5);

        String parked = uniqueQueue("pages");
        for (int i = 0; i < 3; i++) {
            created(createRun(owner, pd[0], pd[1], parked, 0, 1, 50));
        }
        UUID cancelled = created(createRun(owner, pd[0], pd[1], parked, 0, 1, 50));
        assertThat(owner.post("/api/runs/" + cancelled + "/cancel", "").status()).isEqualTo(200);
        assertThat(walk(owner, "/api/projects/" + pd[0] + "/runs?status=queued&size=2", 3, 2))
                .doesNotContain(cancelled.toString());
        assertThat(walk(owner, "/api/projects/" + pd[0] + "/runs?size=3", 4, 2)).contains(cancelled.toString());

        // beyond the end: an empty page that still says how many there are
        Api.Res beyond = owner.get("/api/projects/" + pd[0] + "/designs?page=7&size=2");
        assertThat(beyond.json().get("items").size()).isZero();
        assertThat(beyond.json().get("total").asInt()).isEqualTo(5);
        assertThat(beyond.json().has("next")).isFalse();
        // defaults
        Api.Res first = owner.get("/api/projects/" + pd[0] + "/designs");
        assertThat(first.json().get("page").asInt()).isZero();
        assertThat(first.json().get("size").asInt()).isEqualTo(PageRequest.DEFAULT_SIZE);
        assertThat(first.json().has("next")).isFalse();
    }

    @Test
    void outOfRangePagesAreClearBadRequests() {
        Api owner = newUser("pages-bad");
        UUID ws = workspace(owner, "p");
        for (String query : List.of("size=0", "size=201", "page=-1", "page=x", "size=1.5")) {
            for (String path : List.of("/api/workspaces", "/api/workspaces/" + ws + "/members",
                    "/api/workspaces/" + ws + "/audit", "/api/tokens", "/api/invitations")) {
                Api.Res r = owner.get(path + "?" + query);
                assertThat(r.status()).as(path + "?" + query + " -> " + r.text()).isEqualTo(400);
                assertThat(r.header("Content-Type")).contains("application/problem+json");
                assertThat(r.str("detail")).containsAnyOf("'size'", "'page'");
            }
        }
        UUID project = project(owner, ws);
        Api.Res status = owner.get("/api/projects/" + project + "/runs?status=sleeping");
        assertThat(status.status()).isEqualTo(400);
        assertThat(status.str("detail")).contains("'status'").contains("queued");
    }

    /** Follows next links from {@code path}, checking the totals and page sizes; returns the ids seen. */
    private static List<String> walk(Api api, String path, int total, int expectedPages) {
        List<String> seen = new ArrayList<>();
        String next = path;
        int pages = 0;
        while (next != null) {
            Api.Res r = api.get(next);
            assertThat(r.status()).as(r.text()).isEqualTo(200);
            JsonNode page = r.json();
            assertThat(page.get("total").asInt()).as(next).isEqualTo(total);
            assertThat(page.get("items").size()).isLessThanOrEqualTo(page.get("size").asInt());
            page.get("items").forEach(i -> seen.add(i.get("id").asString()));
            next = page.has("next") ? page.get("next").asString() : null;
            pages++;
        }
        assertThat(pages).isEqualTo(expectedPages);
        assertThat(seen).hasSize(total).doesNotHaveDuplicates();
        return seen;
    }
}
