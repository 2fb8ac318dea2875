package dev.netwright.backend.resources;

import dev.netwright.backend.api.BodyTooLarge;
import dev.netwright.backend.api.ProblemResponses;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.InvalidMediaTypeException;
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
 * <p>Many bodies within the cap at once could take the heap as well: {@link JsonBodiesInFlight} shares a budget among
 * the large ones, once the sender is known.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 20)
public class JsonBodyLimit extends OncePerRequestFilter {
    private final ResourceLimits limits;

    public JsonBodyLimit(ResourceLimits limits) {
        this.limits = limits;
    }

    static String message(long max) {
        return "the request body is larger than " + max + " bytes, the most a JSON body may have "
                + "(netwright.limits.max-json-body)";
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !json(request.getContentType());
    }

    static boolean json(String contentType) {
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
        chain.doFilter(declared >= 0 ? request : new CountedRequest(request, read -> {
            if (read > max) {
                throw new BodyTooLarge(message(max));
            }
        }), response);
    }
}
