package dev.netwright.frontend.designer.live;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import dev.netwright.backend.coedit.LiveDesignFeed;
import dev.netwright.designer.coedit.Conflict;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Who else has the design open (a badge with initials per tab, their name and selection on hover), and the edits of
 * this tab that did not apply as meant: each is shown once as a notice with the value that won, and all of them
 * stay listed behind the counter.
 */
public final class LivePresence extends HorizontalLayout {
    private static final String[] COLOURS = {"#2563eb", "#16a34a", "#db2777", "#9333ea", "#ea580c", "#0891b2"};
    private final Div users = new Div();
    private final Button notices = new Button();
    private final List<String> messages = new ArrayList<>();

    public LivePresence() {
        addClassName("nw-live");
        setSpacing(false);
        setAlignItems(FlexComponent.Alignment.CENTER);
        getElement().setAttribute("data-testid", "live-presence");
        users.getElement().setAttribute("data-testid", "live-users");
        users.getStyle().set("display", "flex").set("gap", "2px");
        notices.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
        notices.getElement().setAttribute("data-testid", "live-notices");
        notices.setTooltipText("Your edits that met another editor's first");
        notices.addClickListener(e -> openList());
        count();
        add(users, notices);
    }

    public void show(List<LiveDesignFeed.Presence> others) {
        users.removeAll();
        for (int i = 0; i < others.size(); i++) {
            LiveDesignFeed.Presence p = others.get(i);
            Span badge = new Span(initials(p.user()));
            badge.getElement().setAttribute("data-testid", "live-user");
            badge.getElement().setAttribute("data-user", p.user());
            badge.getElement().setAttribute("data-selection", String.join(",", p.selection()));
            badge.getElement().setAttribute("title", p.user() + (p.canEdit() ? " (editing" : " (watching")
                    + (p.selection().isEmpty() ? ")" : ", selected " + String.join(", ", p.selection()) + ")"));
            badge.getStyle().set("display", "inline-flex").set("align-items", "center").set("justify-content", "center")
                    .set("width", "1.8em").set("height", "1.8em").set("border-radius", "50%")
                    .set("font-size", "0.75rem").set("color", "#fff")
                    .set("background", COLOURS[Math.floorMod(p.user().hashCode(), COLOURS.length)])
                    .set("opacity", p.canEdit() ? "1" : "0.6");
            users.add(badge);
        }
    }

    /** Tells the user about edits that did not apply as meant (never silently dropped). */
    public void conflicts(List<Conflict> conflicts) {
        for (Conflict c : conflicts) {
            messages.add(c.message());
            Notification n = Notification.show(capitalised(c.message()), 6000, Notification.Position.BOTTOM_END);
            n.addThemeVariants(c.dropped() ? NotificationVariant.LUMO_WARNING : NotificationVariant.LUMO_CONTRAST);
            n.getElement().setAttribute("data-testid", "live-conflict");
        }
        count();
    }

    private void count() {
        notices.setText(messages.isEmpty() ? "" : "⚠ " + messages.size());
        notices.setVisible(!messages.isEmpty());
        notices.getElement().setAttribute("data-count", String.valueOf(messages.size()));
    }

    private void openList() {
        Dialog d = new Dialog();
        d.setHeaderTitle("Edits that met another editor's first");
        UnorderedList list = new UnorderedList();
        list.getElement().setAttribute("data-testid", "live-notice-list");
        for (String m : messages) {
            list.add(new ListItem(capitalised(m)));
        }
        d.add(list);
        d.getFooter().add(new Button("Close", e -> d.close()));
        d.open();
    }

    private static String capitalised(String s) {
        return s.isEmpty() ? s : s.substring(0, 1).toUpperCase(Locale.ROOT) + s.substring(1);
    }

    private static String initials(String name) {
        String letters = name.replaceAll("[^\\p{L}\\p{N}]", "");
        return (letters.isEmpty() ? "?" : letters.substring(0, Math.min(2, letters.length())))
                .toUpperCase(Locale.ROOT);
    }
}
