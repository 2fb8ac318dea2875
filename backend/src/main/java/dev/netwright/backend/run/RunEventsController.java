package dev.netwright.backend.run;

import dev.netwright.backend.api.ApiException;
import dev.netwright.backend.metrics.MetricRecord;
import dev.netwright.backend.metrics.RunMetricsFeed;
import dev.netwright.backend.metrics.RunMetricsStore;
import dev.netwright.backend.resources.ResourceLimits;
import dev.netwright.backend.resources.StreamSlots;
import dev.netwright.backend.security.AppUser;
import dev.netwright.backend.workspace.Role;
import dev.netwright.engine.api.MetricKind;
import java.io.IOException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
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
    private static final long STREAM_TIMEOUT_MILLIS = 30 * 60_000L;

    record Point(long seq, MetricKind kind, OffsetDateTime at, JsonNode payload) {
    }

    record Page(List<Point> points, Long nextAfter) {
    }

    private final RunAccess access;
    private final RunMetricsStore store;
    private final RunMetricsFeed feed;
    private final StreamSlots slots;
    private final ResourceLimits limits;

    RunEventsController(RunAccess access, RunMetricsStore store, RunMetricsFeed feed, StreamSlots slots,
                        ResourceLimits limits) {
        this.slots = slots;
        this.limits = limits;
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
                      @RequestParam(required = false) Long after) {
        access.require(user, id, Role.VIEWER);
        long from = lastEventId != null ? lastEventId : after != null ? after : 0;
        StreamSlots.Slot slot = slots.acquire(user.id());
        SseEmitter emitter = new SseEmitter(STREAM_TIMEOUT_MILLIS);
        AtomicReference<RunMetricsFeed.Subscription> sub = new AtomicReference<>();
        AtomicReference<ScheduledFuture<?>> keepAlive = new AtomicReference<>();
        Runnable end = () -> {
            close(sub);
            ScheduledFuture<?> k = keepAlive.get();
            if (k != null) {
                k.cancel(false);
            }
            slot.release();
        };
        RunMetricsFeed.Subscription s;
        try {
            s = feed.subscribe(id, from, r -> {
                try {
                    emitter.send(SseEmitter.event().id(Long.toString(r.seq())).name(r.kind().name())
                            .data(JSON.writeValueAsString(point(r)), MediaType.APPLICATION_JSON));
                    if (r.isTerminal()) {
                        end.run();
                        emitter.complete();
                    }
                } catch (IOException | IllegalStateException e) {
                    end.run(); // the client went away
                }
            });
        } catch (RuntimeException e) {
            slot.release();
            throw e;
        }
        sub.set(s);
        // a comment every few seconds: a client that went away without closing is noticed at the next write
        // (instead of holding its slot and subscription until the stream times out)
        long every = limits.streamKeepAlive().toMillis();
        keepAlive.set(KEEP_ALIVE.scheduleWithFixedDelay(() -> {
            try {
                emitter.send(SseEmitter.event().comment("keep-alive"));
            } catch (IOException | IllegalStateException e) {
                end.run();
                emitter.completeWithError(e);
            }
        }, every, every, TimeUnit.MILLISECONDS));
        emitter.onCompletion(end);
        emitter.onTimeout(end);
        emitter.onError(e -> end.run());
        return emitter;
    }

    private static MetricKind metricKind(String text) {
        try {
            return MetricKind.valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("'kind': unknown metric kind '" + text + "'; one of "
                    + java.util.Arrays.toString(MetricKind.values()));
        }
    }

    /** One daemon thread writes every stream's keep-alive comments; each write is a few bytes. */
    private static final ScheduledExecutorService KEEP_ALIVE = Executors.newSingleThreadScheduledExecutor(
            r -> Thread.ofPlatform().daemon().name("sse-keep-alive").unstarted(r));

    private static void close(AtomicReference<RunMetricsFeed.Subscription> sub) {
        RunMetricsFeed.Subscription s = sub.get();
        if (s != null) {
            s.close();
        }
    }

    private static Point point(MetricRecord r) {
        return new Point(r.seq(), r.kind(), r.at(), JSON.readTree(r.payload()));
    }
}
