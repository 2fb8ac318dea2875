package dev.netwright.frontend.run;

import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import java.util.List;

/** A run's tags as small labels, in lists and on the run page. */
public final class RunTagsView extends FlexLayout {
    public RunTagsView(List<String> tags) {
        addClassName("nw-tags");
        getElement().setAttribute("data-testid", "run-tags");
        tags.forEach(t -> {
            Span tag = new Span(t);
            tag.addClassName("nw-tag");
            add(tag);
        });
    }
}
