package dev.netwright.frontend.learn;

import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Nav;
import java.util.List;

/** The learn pages' own menu, shown at the top of each, with the current page marked. */
public final class LearnNav extends Nav {
    /** One learn page: its route under the context path and its title. */
    public record Page(String route, String title) {
    }

    public static final Page INSPECTOR = new Page("learn/inspector", "Forward pass");
    public static final Page PARAMETERS = new Page("learn/parameters", "Parameter arithmetic");
    public static final Page ACTIVATIONS = new Page("learn/activations", "Activations");
    public static final Page GRADIENTS = new Page("learn/gradients", "Vanishing gradients");
    public static final Page PLAYGROUND = new Page("learn/playground", "Playground");
    public static final List<Page> ALL = List.of(INSPECTOR, PARAMETERS, ACTIVATIONS, GRADIENTS, PLAYGROUND);

    public LearnNav(Page current) {
        addClassName("nw-learn-nav");
        getElement().setAttribute("data-testid", "learn-nav");
        add(new Anchor("learn", "Learn"));
        for (Page p : ALL) {
            Anchor a = new Anchor(p.route(), p.title());
            if (p.equals(current)) {
                a.addClassName("nw-current");
                a.getElement().setAttribute("aria-current", "page");
            }
            add(a);
        }
    }

    public static H2 title(Page page) {
        return new H2(page.title());
    }
}
