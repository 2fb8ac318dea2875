package dev.netwright.backend.run;

import dev.netwright.backend.api.ApiException;
import dev.netwright.backend.metrics.MetricRecord;
import dev.netwright.backend.metrics.RunMetricsFeed;
import dev.netwright.backend.metrics.RunMetricsStore;
import dev.netwright.backend.security.AppUser;
import dev.netwright.backend.sse.EventStreams;
import dev.netwright.backend.workspace.Role;
import dev.netwright.engine.api.MetricKind;
import java.io.IOException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A run's metric history (paged) and its live stream as Server-Sent Events. */
@RestController
class RunEventsController {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    record Point(long seq, MetricKind kind, OffsetDateTime at, JsonNode payload) {
    }

    record Page(List<Point> points, Long nextAfter) {
    }

    private final RunAccess access;
    private final RunMetricsStore store;
    private final RunMetricsFeed feed;
    private final EventStreams streams;

    RunEventsController(RunAccess access, RunMetricsStore store, RunMetricsFeed feed, EventStreams streams) {
        this.streams = streams;
        this.access = access;
        this.store = store;
        this.feed = feed;
    }

    /** Points after {@code after} (a seq), oldest first; {@code nextAfter} fetches the next page. */
    @GetMapping("/api/runs/{id}/metrics")
    Page metrics(@AuthenticationPrincipal AppUser user, @PathVariable UUID id,
                 @RequestParam(defaultValue = "0") long after, @RequestParam(defaultValue = "500") int limit,
                 @RequestParam(required = false) String kind) {
        access.require(user, id, Role.VIEWER);
        int size = Math.clamp(limit, 1, 5000);
        List<Point> points = store.after(id, after, size, kind == null ? null : metricKind(kind))
                .stream().map(RunEventsController::point).toList();
        return new Page(points, points.size() == size ? points.getLast().seq() : null);
    }

    /**
     * History after {@code Last-Event-ID} (or {@code ?after=}), then live points; the stream ends after the run's
     * final STATUS event. Event id = seq, event name = kind, data = the point as JSON. Idle streams carry a
     * keep-alive comment; a user may hold only so many streams at once (429 beyond).
     */
    @GetMapping(path = "/api/runs/{id}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter events(@AuthenticationPrincipal AppUser user, @PathVariable UUID id,
                      @RequestHeader(name = "Last-Event-ID", required = false) Long lastEventId,
                      @RequestParam(required = false) Long after) throws IOException {
        access.require(user, id, Role.VIEWER);
        long from = lastEventId != null ? lastEventId : after != null ? after : 0;
        return streams.open(user.id(), null, sink -> feed.subscribe(id, from, r -> {
            sink.send(SseEmitter.event().id(Long.toString(r.seq())).name(r.kind().name())
                    .data(JSON.writeValueAsString(point(r)), MediaType.APPLICATION_JSON));
            if (r.isTerminal()) {
                sink.complete();
            }
        }));
    }

    private static MetricKind metricKind(String text) {
        try {
            return MetricKind.valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("'kind': unknown metric kind '" + text + "'; one of "
                    + java.util.Arrays.toString(MetricKind.values()));
        }
    }

    private static Point point(MetricRecord r) {
        return new Point(r.seq(), r.kind(), r.at(), JSON.readTree(r.payload()));
    }
}
