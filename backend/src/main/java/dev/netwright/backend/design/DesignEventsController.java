package dev.netwright.backend.design;

import dev.netwright.backend.security.AppUser;
import dev.netwright.backend.sse.EventStreams;
import java.io.IOException;
import java.util.UUID;
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
    private final DesignService designs;
    private final DesignVersionFeed feed;
    private final EventStreams streams;

    DesignEventsController(DesignService designs, DesignVersionFeed feed, EventStreams streams) {
        this.designs = designs;
        this.feed = feed;
        this.streams = streams;
    }

    @GetMapping(path = "/api/designs/{id}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter events(@AuthenticationPrincipal AppUser user, @PathVariable UUID id) throws IOException {
        designs.get(user, id, null); // viewers and up; 404 for anyone else
        // the opening comment tells the client the subscription is in place: saves from now on reach it
        return streams.open(user.id(), "subscribed", sink -> feed.subscribe(id, saved ->
                sink.send(SseEmitter.event().id(Integer.toString(saved.version())).name("version")
                        .data(saved, MediaType.APPLICATION_JSON))));
    }
}
