package dev.netwright.backend.security;

import jakarta.servlet.http.HttpServletRequest;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Where a request came from. {@link HttpServletRequest#getRemoteAddr()} is already the real client's address when
 * the request passed a configured trusted proxy ({@link TrustedProxies} rewrites it before anything else runs).
 */
public final class ClientAddress {
    private ClientAddress() {
    }

    /** The client's address, as throttles and the audit log should count it. */
    public static String of(HttpServletRequest request) {
        return request.getRemoteAddr();
    }

    /**
     * Whether the request was made on the server's own machine: from a loopback address and not relayed. A local
     * reverse proxy that is not configured as trusted still marks what it relays with forwarding headers; such a
     * request may come from anywhere, so it does not count as local.
     */
    public static boolean isLocal(HttpServletRequest request) {
        boolean relayed = request.getHeader("X-Forwarded-For") != null || request.getHeader("Forwarded") != null
                || request.getHeader("X-Real-IP") != null;
        return !relayed && isLoopback(request.getRemoteAddr());
    }

    static boolean isLoopback(String address) {
        if (address == null || address.isBlank() || !address.matches("[0-9a-fA-F:.\\[\\]%]+")) {
            return false; // only literal addresses; never resolve a name
        }
        try {
            return InetAddress.getByName(address.replace("[", "").replace("]", "")).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
