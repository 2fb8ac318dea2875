package dev.netwright.backend.security;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Where a sign-up comes from and the codes it brings: the client's address (for the throttle), whether it was made
 * on the server's own machine (which may create the first account without more), the one-time set-up token (the
 * first account from anywhere else) and an invitation code (sign-up by invitation).
 */
public record SignupOrigin(String address, boolean local, String setupToken, String invitationCode) {

    /** Code on the server itself: tests, tools run next to the app. */
    public static final SignupOrigin SERVER = new SignupOrigin("server", true, null, null);

    public static SignupOrigin of(HttpServletRequest request, String setupToken, String invitationCode) {
        return new SignupOrigin(ClientAddress.of(request), ClientAddress.isLocal(request), blankToNull(setupToken),
                blankToNull(invitationCode));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
