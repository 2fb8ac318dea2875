package dev.netwright.backend.resources;

import dev.netwright.backend.api.BodiesBusy;
import dev.netwright.backend.api.BodyTooLarge;
import dev.netwright.backend.api.ProblemResponses;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Caps the JSON bodies clients send ({@code netwright.limits.max-json-body}): the API's, and the web UI's messages
 * (Vaadin reads each whole, from anyone with a session, signed in or not). A JSON body is read whole into memory
 * (Jackson's tree takes several times the text), so without a cap one huge request could take the server's heap, and
 * with it every other request and the in-process workers. A declared length over the cap is a 413 before anything is
 * read; a body without one (chunked) is counted as it is read and stopped at the cap. Uploads (multipart, with their
 * own cap) and the worker protocol's files (PNG, ZIP) are not JSON and not counted here.
 *
 * <p>Many bodies within the cap at once could take the heap as well, so large ones (from {@link #LARGE} bytes) also
 * share a budget ({@code netwright.limits.max-json-in-flight}), held from when a body arrives until its request is
 * answered: a body that does not fit is a 503 with {@code Retry-After}, refused before it is read when its length is
 * declared, stopped where it passes the budget when it is not. Smaller bodies, the UI's messages and nearly every API
 * call, are never refused for it: the request threads bound what they can hold.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 20)
public class JsonBodyLimit extends OncePerRequestFilter {
    /** Bodies of at least this many bytes count against the budget for bodies in flight. */
    static final long LARGE = 1 << 20;
    private final ResourceLimits limits;
    /** Bytes of large bodies held now, by every request together. */
    private final AtomicLong inFlight = new AtomicLong();

    public JsonBodyLimit(ResourceLimits limits) {
        this.limits = limits;
    }

    static String message(long max) {
        return "the request body is larger than " + max + " bytes, the most a JSON body may have "
                + "(netwright.limits.max-json-body)";
    }

    static String busyMessage(long budget) {
        return "the server is holding as many large request bodies as it may at once (" + budget
                + " bytes, netwright.limits.max-json-in-flight); send it again in a moment";
    }

    /** Bytes of large JSON bodies held now (for tests and operators' checks). */
    long bytesInFlight() {
        return inFlight.get();
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !json(request.getContentType());
    }

    private static boolean json(String contentType) {
        if (contentType == null) {
            return false;
        }
        try {
            MediaType type = MediaType.parseMediaType(contentType);
            return type.isCompatibleWith(MediaType.APPLICATION_JSON) || type.getSubtype().endsWith("+json");
        } catch (InvalidMediaTypeException e) {
            return false; // refused as an unsupported media type before any body is read
        }
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long max = limits.maxJsonBody().toBytes();
        long declared = request.getContentLengthLong();
        if (declared > max) {
            ProblemResponses.write(request, response, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE,
                    message(max) + ": it declares " + declared + " bytes");
            return;
        }
        Share share = new Share(inFlight, limits.maxJsonInFlight().toBytes());
        try {
            if (declared >= LARGE && !share.take(declared)) {
                response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(BodiesBusy.RETRY_AFTER_SECONDS));
                ProblemResponses.write(request, response, HttpServletResponse.SC_SERVICE_UNAVAILABLE,
                        busyMessage(share.budget));
                return;
            }
            chain.doFilter(declared >= 0 ? request : new Counted(request, max, share), response);
        } finally {
            share.release();
        }
    }

    /** One request's share of the budget for large bodies in flight, given back when the request is answered. */
    private static final class Share {
        private final AtomicLong inFlight;
        private final long budget;
        private long held;

        Share(AtomicLong inFlight, long budget) {
            this.inFlight = inFlight;
            this.budget = budget;
        }

        /** Takes {@code bytes} more if they fit in the budget beside every other request's; whether they did. */
        boolean take(long bytes) {
            long now;
            do {
                now = inFlight.get();
                if (now + bytes > budget) {
                    return false;
                }
            } while (!inFlight.compareAndSet(now, now + bytes));
            held += bytes;
            return true;
        }

        void release() {
            inFlight.addAndGet(-held);
            held = 0;
        }
    }

    /** A request whose body stops with {@link BodyTooLarge} after {@code max} bytes. */
    private static final class Counted extends HttpServletRequestWrapper {
        private final long max;
        private final Share share;
        private ServletInputStream counted;

        Counted(HttpServletRequest request, long max, Share share) {
            super(request);
            this.max = max;
            this.share = share;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (counted == null) {
                counted = new CountedStream(super.getInputStream(), max, share);
            }
            return counted;
        }

        /** The counted stream as text (the container's own reader would read around it). */
        @Override
        public BufferedReader getReader() throws IOException {
            String encoding = getCharacterEncoding();
            return new BufferedReader(new InputStreamReader(getInputStream(),
                    encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding)));
        }
    }

    /**
     * A body of unknown length, stopped with {@link BodyTooLarge} past the cap, and with {@link BodiesBusy} where, once
     * large, what it has read no longer fits in the budget for bodies in flight.
     */
    private static final class CountedStream extends ServletInputStream {
        private final ServletInputStream in;
        private final long max;
        private final Share share;
        private long read;
        private long shared;

        CountedStream(ServletInputStream in, long max, Share share) {
            this.in = in;
            this.max = max;
            this.share = share;
        }

        private int count(int n) throws IOException {
            if (n > 0) {
                read += n;
                if (read > max) {
                    throw new BodyTooLarge(message(max));
                }
                if (read >= LARGE) {
                    if (!share.take(read - shared)) {
                        throw new BodiesBusy(busyMessage(share.budget));
                    }
                    shared = read;
                }
            }
            return n;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            return count(in.read(buffer, offset, length));
        }

        @Override
        public boolean isFinished() {
            return in.isFinished();
        }

        @Override
        public boolean isReady() {
            return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
        }
    }
}
