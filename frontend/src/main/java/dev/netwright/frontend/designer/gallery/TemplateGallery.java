package dev.netwright.frontend.designer.gallery;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import dev.netwright.designer.model.Design;
import dev.netwright.designer.template.Template;
import dev.netwright.designer.template.Templates;
import java.util.function.Consumer;

/** "New design": a blank canvas or one of the gallery's ready-made designs. */
public final class TemplateGallery extends Dialog {

    public TemplateGallery(Design blank, Consumer<Design> onChoose) {
        setHeaderTitle("New design");
        getElement().setAttribute("data-testid", "template-gallery");
        Div grid = new Div();
        grid.addClassName("nw-gallery");
        grid.add(card("blank", "Blank design", "Start from an empty canvas and drag layers from the palette.", null,
                false, () -> onChoose.accept(blank)));
        for (Template t : Templates.all()) {
            grid.add(card(t.id(), t.title(), t.description(), t.dataset(), t.design().isGan(),
                    () -> onChoose.accept(t.design())));
        }
        add(grid);
        Button cancel = new Button("Cancel", e -> close());
        getFooter().add(cancel);
        setWidth("min(960px, 95vw)");
    }

    private Div card(String id, String title, String description, String dataset, boolean gan, Runnable choose) {
        Div card = new Div();
        card.addClassName("nw-gallery-card");
        card.getElement().setAttribute("data-template", id);
        card.getElement().setAttribute("tabindex", "0");
        card.add(new H4(title), new Paragraph(description));
        Div tags = new Div();
        tags.addClassName("nw-tags");
        if (dataset != null) {
            tags.add(tag("for " + dataset));
        }
        if (gan) {
            tags.add(tag("GAN: generator + discriminator"));
        }
        card.add(tags);
        card.addClickListener(e -> {
            choose.run();
            close();
        });
        card.getElement().addEventListener("keydown", e -> {
            choose.run();
            close();
        }).setFilter("event.key === 'Enter'");
        return card;
    }

    private static Span tag(String text) {
        Span s = new Span(text);
        s.addClassName("nw-tag");
        return s;
    }
}
