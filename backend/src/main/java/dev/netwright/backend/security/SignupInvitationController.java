package dev.netwright.backend.security;

import dev.netwright.backend.api.Page;
import dev.netwright.backend.api.PageRequest;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/admin/signup-invitations}: administrators hand out sign-up codes (sign-up by invitation). */
@RestController
class SignupInvitationController {
    record SignupInvitationRequest(String email, Integer expiresInDays) {
    }

    record CreatedSignupInvitation(SignupInvitations.SignupInvitation invitation, String code, String note) {
    }

    private final SignupInvitations invitations;

    SignupInvitationController(SignupInvitations invitations) {
        this.invitations = invitations;
    }

    @PostMapping("/api/admin/signup-invitations")
    @ResponseStatus(HttpStatus.CREATED)
    CreatedSignupInvitation create(@AuthenticationPrincipal AppUser admin,
                                   @RequestBody(required = false) SignupInvitationRequest body) {
        SignupInvitations.Created created = invitations.create(admin, body == null ? null : body.email(),
                body == null ? null : body.expiresInDays());
        return new CreatedSignupInvitation(created.invitation(), created.code(),
                "give this code to the person who signs up ('invitationCode'); it is shown only once and works once");
    }

    @GetMapping("/api/admin/signup-invitations")
    Page<SignupInvitations.SignupInvitation> list(@RequestParam(defaultValue = "0") int page,
                                            @RequestParam(defaultValue = "50") int size) {
        return Page.slice(invitations.list(), new PageRequest(page, size));
    }

    @DeleteMapping("/api/admin/signup-invitations/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void revoke(@AuthenticationPrincipal AppUser admin, @PathVariable UUID id) {
        invitations.revoke(admin, id);
    }
}
