package dev.netwright.frontend.designer;

import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;

/** The designer's one way of telling the user something: errors stay longer than confirmations. */
final class Notices {
    private Notices() {
    }

    static void show(String message, boolean error) {
        Notification n = Notification.show(message, error ? 8000 : 3000, Notification.Position.BOTTOM_CENTER);
        n.addThemeVariants(error ? NotificationVariant.LUMO_ERROR : NotificationVariant.LUMO_SUCCESS);
    }
}
