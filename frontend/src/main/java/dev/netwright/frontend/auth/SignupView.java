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
import com.vaadin.flow.component.textfield.EmailField;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouterLink;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import dev.netwright.backend.api.ApiException;
import com.vaadin.flow.server.VaadinServletRequest;
import dev.netwright.backend.NetwrightProperties;
import dev.netwright.backend.security.AccountService;
import dev.netwright.backend.security.ClientAddress;
import dev.netwright.backend.security.SignupOrigin;
import dev.netwright.frontend.ui.UiErrors;

/** Creates an account and signs it in. The service makes the very first account the administrator. */
@Route(value = "signup", autoLayout = false)
@PageTitle("Create an account · Netwright")
@AnonymousAllowed
public class SignupView extends VerticalLayout {

    SignupView(AccountService accounts) {
        addClassName("nw-auth");
        TextField username = new TextField("User name");
        username.setHelperText("3 to 32 letters, digits, '.', '_' or '-'");
        EmailField email = new EmailField("E-mail");
        TextField displayName = new TextField("Display name (optional)");
        PasswordField password = new PasswordField("Password");
        password.setHelperText("At least 10 characters");
        var request = VaadinServletRequest.getCurrent().getHttpServletRequest();
        AccountService.SignupRules rules = accounts.rules(ClientAddress.isLocal(request));
        // the first account from another machine needs the set-up token from the server's log
        TextField setupToken = new TextField("Set-up token");
        setupToken.setHelperText("The first account is the administrator: copy the one-time set-up token from the "
                + "server's log");
        setupToken.setVisible(rules.setupTokenNeeded());
        setupToken.getElement().setAttribute("data-testid", "signup-setup-token");
        TextField invitation = new TextField("Invitation code");
        invitation.setHelperText("Sign-up on this server is by invitation: an administrator gives you the code");
        invitation.setVisible(!rules.firstAccount() && rules.mode() == NetwrightProperties.Signup.INVITATION);
        invitation.getElement().setAttribute("data-testid", "signup-invitation");
        username.getElement().setAttribute("data-testid", "signup-username");
        email.getElement().setAttribute("data-testid", "signup-email");
        password.getElement().setAttribute("data-testid", "signup-password");
        Span error = new Span();
        error.addClassName("nw-form-error");
        error.getElement().setAttribute("data-testid", "signup-error");
        error.setVisible(false);
        Button create = new Button("Create account", e -> {
            try {
                SignIn.signIn(accounts.signUp(username.getValue().strip(), email.getValue().strip(),
                        displayName.getValue(), password.getValue(), SignupOrigin.of(
                                VaadinServletRequest.getCurrent().getHttpServletRequest(), setupToken.getValue(),
                                invitation.getValue())));
                UI.getCurrent().getPage().setLocation("/");
            } catch (ApiException ex) {
                error.setText(UiErrors.sentence(ex));
                error.setVisible(true);
            }
        });
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        create.addClickShortcut(Key.ENTER);
        create.getElement().setAttribute("data-testid", "create-account");
        for (var f : new com.vaadin.flow.component.HasSize[] {username, email, displayName, password, setupToken,
                invitation, create}) {
            f.setWidthFull();
        }
        Div card = new Div(new H1("Create your Netwright account"), username, email, displayName, password,
                setupToken, invitation, error,
                create, new Paragraph(new Span("Have an account? "), new RouterLink("Sign in", LoginView.class)));
        card.addClassName("nw-auth-card");
        add(card);
        setSizeFull();
        setAlignItems(Alignment.CENTER);
        setJustifyContentMode(JustifyContentMode.CENTER);
    }
}
