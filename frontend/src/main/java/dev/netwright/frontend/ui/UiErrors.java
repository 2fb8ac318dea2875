package dev.netwright.frontend.ui;

import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import dev.netwright.backend.api.ApiException;

/** Service refusals in words for people: the services' messages are already sentences, only capitalised here. */
public final class UiErrors {
    private UiErrors() {
    }

    public static String sentence(ApiException e) {
        String m = e.getMessage() == null ? "something went wrong" : e.getMessage();
        return Character.toUpperCase(m.charAt(0)) + m.substring(1) + (m.endsWith(".") ? "" : ".");
    }

    public static void show(ApiException e) {
        error(sentence(e));
    }

    public static void error(String message) {
        Notification n = Notification.show(message, 8000, Notification.Position.BOTTOM_CENTER);
        n.addThemeVariants(NotificationVariant.LUMO_ERROR);
    }

    public static void success(String message) {
        Notification n = Notification.show(message, 3000, Notification.Position.BOTTOM_CENTER);
        n.addThemeVariants(NotificationVariant.LUMO_SUCCESS);
    }

    /** Runs an action that calls a service; a refusal becomes a notification instead of an error page. */
    public static boolean attempt(Runnable action) {
        try {
            action.run();
            return true;
        } catch (ApiException e) {
            show(e);
            return false;
        }
    }
}
