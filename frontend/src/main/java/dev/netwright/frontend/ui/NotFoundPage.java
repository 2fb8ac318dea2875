package dev.netwright.frontend.ui;

import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.ErrorParameter;
import com.vaadin.flow.router.HasErrorParameter;
import com.vaadin.flow.router.ParentLayout;
import com.vaadin.flow.router.RouterLink;
import dev.netwright.frontend.layout.MainLayout;
import dev.netwright.frontend.workspace.HomeView;
import jakarta.annotation.security.PermitAll;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The not-found page, inside the app's frame with a way back, answered with HTTP 404. Two causes share it: a record
 * that does not exist or is not the user's ({@link Missing}) and an address no view answers ({@link UnknownAddress}).
 */
public abstract class NotFoundPage extends VerticalLayout {

    NotFoundPage() {
        addClassName("nw-page");
        getElement().setAttribute("data-testid", "not-found");
    }

    int draw(String explanation) {
        removeAll();
        RouterLink back = new RouterLink("Back to your workspaces", HomeView.class);
        back.getElement().setAttribute("data-testid", "not-found-back");
        Paragraph text = new Paragraph(explanation);
        text.getElement().setAttribute("data-testid", "not-found-text");
        add(new H2("Not found"), text, back);
        return HttpServletResponse.SC_NOT_FOUND;
    }

    /** A run, design, project, sweep or model that does not exist or that the user may not see. */
    @ParentLayout(MainLayout.class)
    @PermitAll
    public static class Missing extends NotFoundPage implements HasErrorParameter<NotFoundException> {
        @Override
        public int setErrorParameter(BeforeEnterEvent event, ErrorParameter<NotFoundException> parameter) {
            String what = parameter.getCustomMessage();
            return draw(what.substring(0, 1).toUpperCase(java.util.Locale.ROOT) + what.substring(1)
                    + ". It may have been deleted, or you are not a member of its workspace.");
        }
    }

    /** An address that no page answers, e.g. {@code /no/such/page}. */
    @ParentLayout(MainLayout.class)
    @PermitAll
    public static class UnknownAddress extends NotFoundPage
            implements HasErrorParameter<com.vaadin.flow.router.NotFoundException> {
        @Override
        public int setErrorParameter(BeforeEnterEvent event,
                                     ErrorParameter<com.vaadin.flow.router.NotFoundException> parameter) {
            return draw("There is no page at /" + event.getLocation().getPath()
                    + ". Check the address, or start again from your workspaces.");
        }
    }
}
