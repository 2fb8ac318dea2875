package dev.netwright.backend.resources;

import dev.netwright.backend.api.BodiesBusy;
import dev.netwright.backend.api.ProblemResponses;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Shares a budget among the large JSON bodies being held at once ({@code netwright.limits.max-json-in-flight}): each
 * body within {@code max-json-body} ({@link JsonBodyLimit}) fits the heap, many at once might not. A body of
 * {@link #LARGE} bytes or more holds its size from when it arrives until its request is answered; one that does not fit
 * is a 503 with {@code Retry-After}, refused before it is read when its length is declared, stopped where it passes the
 * budget when it is not. Smaller bodies, the UI's messages and nearly every API call, are never refused for it: the
 * request threads bound what they can hold.
 *
 * <p>This filter runs after Spring Security's, so a body counts against its sender's account: a request that is not
 * let in is answered before its body is read and holds nothing, and no one account (and not all anonymous senders
 * together, such as the sign-in page's messages) may hold more than half the budget, though always one body of the
 * largest size. A client that declares a large body and sends it slowly thus keeps at most its own account's half
 * waiting; others still have the rest.
 */
@Component
@Order(JsonBodiesInFlight.ORDER)
public class JsonBodiesInFlight extends OncePerRequestFilter {
    /** After Spring Security's filter chain (order -100): the sender is known. */
    static final int ORDER = 0;
    /** Bodies of at least this many bytes count against the budget. */
    static final long LARGE = 1 << 20;
    /** The account of senders who are not signed in, all together. */
    static final String ANONYMOUS = "";
    private final ResourceLimits limits;
    /** Bytes of large bodies held now, by every request together. */
    private final AtomicLong inFlight = new AtomicLong();
    /** Bytes held now per account (absent when none). */
    private final Map<String, Long> byAccount = new ConcurrentHashMap<>();

    public JsonBodiesInFlight(ResourceLimits limits) {
        this.limits = limits;
    }

    static String busyMessage(long budget) {
        return "the server is holding as many large request bodies as it may at once (" + budget
                + " bytes, netwright.limits.max-json-in-flight); send it again in a moment";
    }

    static String accountBusyMessage(long share) {
        return "this account's requests are holding as many large request bodies as one account may at once (" + share
                + " bytes, half of netwright.limits.max-json-in-flight); send it again when they are answered";
    }

    /** Bytes of large JSON bodies held now (for tests and operators' checks). */
    public long bytesInFlight() {
        return inFlight.get();
    }

    /** The most one account may hold: half the budget, but at least one body of the largest size. */
    long accountShare() {
        return Math.max(limits.maxJsonInFlight().toBytes() / 2, limits.maxJsonBody().toBytes());
    }

    /** Whose share a request's body counts against: the signed-in user, or all anonymous senders together. */
    static String account(Authentication who) {
        return who == null || who instanceof AnonymousAuthenticationToken || !who.isAuthenticated() ? ANONYMOUS
                : "user " + who.getName();
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !JsonBodyLimit.json(request.getContentType());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long declared = request.getContentLengthLong();
        if (declared >= 0 && declared < LARGE) {
            chain.doFilter(request, response);
            return;
        }
        Share share = new Share(account(SecurityContextHolder.getContext().getAuthentication()));
        try {
            if (declared >= LARGE) {
                String refused = share.take(declared);
                if (refused != null) {
                    response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(BodiesBusy.RETRY_AFTER_SECONDS));
                    ProblemResponses.write(request, response, HttpServletResponse.SC_SERVICE_UNAVAILABLE, refused);
                    return;
                }
                chain.doFilter(request, response);
            } else {
                chain.doFilter(new CountedRequest(request, read -> {
                    if (read >= LARGE) {
                        String refused = share.growTo(read);
                        if (refused != null) {
                            throw new BodiesBusy(refused);
                        }
                    }
                }), response);
            }
        } finally {
            share.release();
        }
    }

    /** One request's share of the budget, given back when the request is answered. */
    private final class Share {
        private final String account;
        private long held;

        Share(String account) {
            this.account = account;
        }

        /** Holds {@code total} bytes in all; null when it may, else why not. */
        String growTo(long total) {
            return total <= held ? null : take(total - held);
        }

        /**
         * Takes {@code bytes} more if they fit in the account's share and in the budget beside every other request's;
         * null when they did, else why not.
         */
        String take(long bytes) {
            long budget = limits.maxJsonInFlight().toBytes();
            long accountShare = accountShare();
            String[] refused = {null};
            // the account's entry is locked while both are checked and taken, so neither is taken without the other
            byAccount.compute(account, (key, mine) -> {
                long own = mine == null ? 0 : mine;
                if (own + bytes > accountShare) {
                    refused[0] = accountBusyMessage(accountShare);
                    return mine;
                }
                long now;
                do {
                    now = inFlight.get();
                    if (now + bytes > budget) {
                        refused[0] = busyMessage(budget);
                        return mine;
                    }
                } while (!inFlight.compareAndSet(now, now + bytes));
                return own + bytes;
            });
            if (refused[0] == null) {
                held += bytes;
            }
            return refused[0];
        }

        void release() {
            if (held > 0) {
                long given = held;
                byAccount.computeIfPresent(account, (key, mine) -> mine - given == 0 ? null : mine - given);
                inFlight.addAndGet(-given);
                held = 0;
            }
        }
    }
}
