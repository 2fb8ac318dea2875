package dev.netwright.backend.api;

import java.net.URI;
import java.util.Map;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;

/** Builds RFC 9457 problem details with Netwright's conventions. */
public final class Problems {
    private Problems() {
    }

    public static ProblemDetail of(HttpStatusCode status, String detail, String instance, Map<String, Object> props) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(status, detail);
        if (instance != null) {
            p.setInstance(URI.create(instance));
        }
        props.forEach(p::setProperty);
        return p;
    }
}
