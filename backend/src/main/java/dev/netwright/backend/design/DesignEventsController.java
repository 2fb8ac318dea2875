package dev.netwright.backend.design;

import dev.netwright.backend.resources.ResourceLimits;
import dev.netwright.backend.resources.StreamSlots;
import dev.netwright.backend.security.AppUser;
import java.io.IOException;
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
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Save notices of a design for clients editing it through the API, as Server-Sent Events: one {@code version}
 * event per version saved or restored from now on, on any app instance (the feed comes from PostgreSQL NOTIFY), so
 * an editor learns at once that its base version is out of date.
 */
@RestController
class DesignEventsController {
    private static final long STREAM_TIMEOUT_MILLIS = 30 * 60_000L;
    private final DesignService designs;
    private final DesignVersionFeed feed;
    private final StreamSlots slots;
    private final ResourceLimits limits;
    /** One daemon thread writes every design stream's keep-alive comments. */
    private static final ScheduledExecutorService KEEP_ALIVE = Executors.newSingleThreadScheduledExecutor(
            r -> Thread.ofPlatform().daemon().name("design-sse-keep-alive").unstarted(r));

    DesignEventsController(DesignService designs, DesignVersionFeed feed, StreamSlots slots, ResourceLimits limits) {
        this.limits = limits;
        this.designs = designs;
        this.feed = feed;
        this.slots = slots;
    }

    @GetMapping(path = "/api/designs/{id}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter events(@AuthenticationPrincipal AppUser user, @PathVariable UUID id) throws IOException {
        designs.get(user, id, null); // viewers and up; 404 for anyone else
        StreamSlots.Slot slot = slots.acquire(user.id());
        SseEmitter emitter = new SseEmitter(STREAM_TIMEOUT_MILLIS);
        AtomicReference<DesignVersionFeed.Subscription> sub = new AtomicReference<>();
        AtomicReference<ScheduledFuture<?>> keepAlive = new AtomicReference<>();
        Runnable end = () -> {
            DesignVersionFeed.Subscription s = sub.getAndSet(null);
            if (s != null) {
                s.close();
            }
            ScheduledFuture<?> k = keepAlive.getAndSet(null);
            if (k != null) {
                k.cancel(false);
            }
            slot.release();
        };
        try {
            sub.set(feed.subscribe(id, saved -> {
                try {
                    emitter.send(SseEmitter.event().id(Integer.toString(saved.version())).name("version")
                            .data(saved, MediaType.APPLICATION_JSON));
                } catch (IOException | IllegalStateException e) {
                    end.run(); // the client went away
                }
            }));
            // an opening comment tells the client the subscription is in place: saves from now on reach it
            emitter.send(SseEmitter.event().comment("subscribed"));
        } catch (IOException | RuntimeException e) {
            end.run();
            throw e;
        }
        // a comment every few seconds: a client that went away is noticed at the next write, not after 30 minutes
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
}
