package dev.netwright.backend.sse;

import dev.netwright.backend.resources.ResourceLimits;
import dev.netwright.backend.resources.StreamSlots;
import java.io.IOException;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The one way the API opens a live event stream (Server-Sent Events): it takes one of the user's stream slots (429
 * past {@link ResourceLimits#maxStreamsPerUser()}, across every app instance), subscribes the caller's feed, writes a
 * keep-alive comment every {@link ResourceLimits#streamKeepAlive()} so that a client that went away is noticed at the
 * next write, and on any end (completion, time-out, error, a failed write) closes the subscription, stops the
 * keep-alives and gives the slot back, once.
 */
@Component
public class EventStreams implements DisposableBean {
    private static final long STREAM_TIMEOUT_MILLIS = 30 * 60_000L;

    private final StreamSlots slots;
    private final ResourceLimits limits;
    /** One daemon thread writes every stream's keep-alive comments; each write is a few bytes. */
    private final ScheduledExecutorService keepAlives = Executors.newSingleThreadScheduledExecutor(
            r -> Thread.ofPlatform().daemon().name("sse-keep-alive").unstarted(r));

    EventStreams(StreamSlots slots, ResourceLimits limits) {
        this.slots = slots;
        this.limits = limits;
    }

    /** Where a feed writes its events. */
    public interface Sink {
        /** Sends one event; a client that went away ends the stream (later sends do nothing). */
        void send(SseEmitter.SseEventBuilder event);

        /** Ends the stream after the events sent so far (a run's final status). */
        void complete();
    }

    /** Subscribes a feed that writes to {@code sink}; what it returns is closed when the stream ends. */
    @FunctionalInterface
    public interface Feed {
        AutoCloseable subscribe(Sink sink) throws IOException;
    }

    /**
     * Opens a stream for {@code userId} fed by {@code feed}. With {@code openingComment}, that comment is the first
     * thing sent once the subscription is in place, so a client knows that events from then on reach it.
     */
    public SseEmitter open(UUID userId, String openingComment, Feed feed) throws IOException {
        StreamSlots.Slot slot = slots.acquire(userId);
        Stream stream = new Stream(new SseEmitter(STREAM_TIMEOUT_MILLIS), slot);
        try {
            stream.subscribed(feed.subscribe(stream));
            if (openingComment != null) {
                stream.emitter.send(SseEmitter.event().comment(openingComment));
            }
        } catch (IOException | RuntimeException e) {
            stream.end();
            throw e;
        }
        long every = limits.streamKeepAlive().toMillis();
        stream.keepAlive.set(keepAlives.scheduleWithFixedDelay(stream::keepAlive, every, every,
                TimeUnit.MILLISECONDS));
        if (stream.ended.get()) {
            stream.end(); // ended while the keep-alive was being scheduled: cancel it
        }
        stream.emitter.onCompletion(stream::end);
        stream.emitter.onTimeout(stream::end);
        stream.emitter.onError(e -> stream.end());
        return stream.emitter;
    }

    /** One open stream and what it holds. */
    private static final class Stream implements Sink {
        private final SseEmitter emitter;
        private final StreamSlots.Slot slot;
        private final AtomicBoolean ended = new AtomicBoolean();
        private final AtomicReference<AutoCloseable> subscription = new AtomicReference<>();
        private final AtomicReference<ScheduledFuture<?>> keepAlive = new AtomicReference<>();

        Stream(SseEmitter emitter, StreamSlots.Slot slot) {
            this.emitter = emitter;
            this.slot = slot;
        }

        /** A feed may deliver (and even end the stream) before subscribe returns: then it closes at once. */
        void subscribed(AutoCloseable s) {
            subscription.set(s);
            if (ended.get()) {
                closeSubscription();
            }
        }

        @Override
        public void send(SseEmitter.SseEventBuilder event) {
            if (ended.get()) {
                return;
            }
            try {
                emitter.send(event);
            } catch (IOException | IllegalStateException e) {
                end(); // the client went away
            }
        }

        @Override
        public void complete() {
            end();
            emitter.complete();
        }

        void keepAlive() {
            try {
                emitter.send(SseEmitter.event().comment("keep-alive"));
            } catch (IOException | IllegalStateException e) {
                end();
                emitter.completeWithError(e);
            }
        }

        /** Every way a stream ends comes here; the first one frees what it holds (the later ones find it done). */
        void end() {
            ended.set(true);
            closeSubscription();
            ScheduledFuture<?> k = keepAlive.getAndSet(null);
            if (k != null) {
                k.cancel(false);
            }
            slot.release();
        }

        private void closeSubscription() {
            AutoCloseable s = subscription.getAndSet(null);
            if (s != null) {
                try {
                    s.close();
                } catch (Exception e) {
                    // a subscription that fails to close is gone from the feed all the same
                }
            }
        }
    }

    @Override
    public void destroy() {
        keepAlives.shutdownNow();
    }
}
