package dev.netwright.frontend.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.server.ServiceInitEvent;
import com.vaadin.flow.server.VaadinServiceInitListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Unexpected server errors reach the user as one sentence in a notification; the stack trace goes to the log only.
 */
@Component
class FriendlyErrors implements VaadinServiceInitListener {
    private static final Logger LOG = LoggerFactory.getLogger(FriendlyErrors.class);

    @Override
    public void serviceInit(ServiceInitEvent event) {
        event.getSource().addSessionInitListener(init -> init.getSession().setErrorHandler(error -> {
            LOG.error("Unexpected error in the web UI", error.getThrowable());
            UI ui = UI.getCurrent();
            if (ui != null) {
                Notification n = Notification.show("Something went wrong and your last action was not applied. "
                        + "Please try again; if it keeps happening, reload the page.", 8000,
                        Notification.Position.BOTTOM_CENTER);
                n.addThemeVariants(NotificationVariant.LUMO_ERROR);
            }
        }));
    }
}
