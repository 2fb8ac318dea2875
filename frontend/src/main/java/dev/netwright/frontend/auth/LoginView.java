package dev.netwright.frontend.auth;

import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouterLink;
import com.vaadin.flow.server.VaadinServletRequest;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import dev.netwright.backend.api.ApiException;
import dev.netwright.backend.security.ThrottledLogin;
import dev.netwright.frontend.ui.UiErrors;

/** Sign in with user name (or e-mail) and password; a locked account is told how long to wait. */
@Route(value = "login", autoLayout = false)
@PageTitle("Sign in · Netwright")
@AnonymousAllowed
public class LoginView extends VerticalLayout {

    LoginView(ThrottledLogin accounts) {
        addClassName("nw-auth");
        TextField login = new TextField("User name or e-mail");
        PasswordField password = new PasswordField("Password");
        login.getElement().setAttribute("data-testid", "login-name");
        password.getElement().setAttribute("data-testid", "login-password");
        Span error = new Span();
        error.addClassName("nw-form-error");
        error.getElement().setAttribute("data-testid", "login-error");
        error.setVisible(false);
        Button signIn = new Button("Sign in", e -> {
            try {
                String address = VaadinServletRequest.getCurrent().getRemoteAddr();
                SignIn.signIn(accounts.login(login.getValue(), password.getValue(), address));
                UI.getCurrent().getPage().setLocation("/");
            } catch (ApiException ex) {
                error.setText(UiErrors.sentence(ex));
                error.setVisible(true);
                password.clear();
                password.focus();
            }
        });
        signIn.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        signIn.addClickShortcut(Key.ENTER);
        signIn.getElement().setAttribute("data-testid", "sign-in");
        login.setWidthFull();
        password.setWidthFull();
        signIn.setWidthFull();
        login.focus();

        Div card = new Div(new H1("Sign in to Netwright"), login, password, error, signIn,
                new Paragraph(new Span("No account yet? "), new RouterLink("Create one", SignupView.class)));
        card.addClassName("nw-auth-card");
        add(card);
        setSizeFull();
        setAlignItems(Alignment.CENTER);
        setJustifyContentMode(JustifyContentMode.CENTER);
    }
}
