package dev.netwright.frontend.ui;

import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.ErrorParameter;
import com.vaadin.flow.router.HasErrorParameter;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.router.RouterLink;
import dev.netwright.frontend.workspace.HomeView;
import jakarta.annotation.security.PermitAll;
import jakarta.servlet.http.HttpServletResponse;

/** Things that do not exist and things the user may not see look the same, as in the REST API. */
public class NotFoundException extends RuntimeException {
    public NotFoundException(String message) {
        super(message);
    }

    /** For {@code event.rerouteToError(NotFoundException.class, message)}: Vaadin makes the instance itself. */
    public NotFoundException() {
        super();
    }

    /** The page shown for it. */
    @PermitAll
    public static class Page extends Div implements HasErrorParameter<NotFoundException> {
        @Override
        public int setErrorParameter(BeforeEnterEvent event, ErrorParameter<NotFoundException> parameter) {
            removeAll();
            addClassName("nw-page");
            add(new H2("Not found"), new Paragraph(parameter.getCustomMessage()
                    + ". It may have been deleted, or you are not a member of its workspace."),
                    new RouterLink("Back to your workspaces", HomeView.class));
            return HttpServletResponse.SC_NOT_FOUND;
        }
    }
}
