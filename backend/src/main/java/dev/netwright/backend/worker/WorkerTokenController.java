package dev.netwright.backend.worker;

import dev.netwright.backend.api.Page;
import dev.netwright.backend.api.PageRequest;
import org.springframework.web.bind.annotation.RequestParam;
import dev.netwright.backend.security.AppUser;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Worker tokens, administrators only (the /api/admin/** rule in the user API's security chain). */
@RestController
class WorkerTokenController {
    private final WorkerTokens tokens;

    WorkerTokenController(WorkerTokens tokens) {
        this.tokens = tokens;
    }

    record CreateToken(String name, List<String> queues) {
    }

    @PostMapping("/api/admin/worker-tokens")
    @ResponseStatus(HttpStatus.CREATED)
    WorkerTokens.Created create(@AuthenticationPrincipal AppUser admin, @RequestBody CreateToken body) {
        return tokens.create(admin, body.name(), body.queues());
    }

    @GetMapping("/api/admin/worker-tokens")
    Page<WorkerTokens.Token> list(@RequestParam(defaultValue = "0") int page,
                                  @RequestParam(defaultValue = "50") int size) {
        return Page.slice(tokens.list(), new PageRequest(page, size));
    }

    @DeleteMapping("/api/admin/worker-tokens/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void revoke(@AuthenticationPrincipal AppUser admin, @PathVariable UUID id) {
        tokens.revoke(admin, id);
    }
}
