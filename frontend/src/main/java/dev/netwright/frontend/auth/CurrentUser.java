package dev.netwright.frontend.auth;

import com.vaadin.flow.spring.security.AuthenticationContext;
import dev.netwright.backend.security.AppUser;
import org.springframework.stereotype.Component;

/** The signed-in account for views; every view but login and sign-up requires one, so absence is a bug. */
@Component
public class CurrentUser {
    private final AuthenticationContext context;

    CurrentUser(AuthenticationContext context) {
        this.context = context;
    }

    public AppUser get() {
        return context.getAuthenticatedUser(AppUser.class)
                .orElseThrow(() -> new IllegalStateException("no signed-in user"));
    }

    public void logout() {
        context.logout();
    }
}
