package dev.netwright.backend.sweep;

import dev.netwright.backend.security.AppUser;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Hyperparameter sweeps of a project and their trials (see docs/api.md). */
@RestController
class SweepController {
    private final SweepService sweeps;

    SweepController(SweepService sweeps) {
        this.sweeps = sweeps;
    }

    @PostMapping("/api/projects/{projectId}/sweeps")
    @ResponseStatus(HttpStatus.CREATED)
    SweepView create(@AuthenticationPrincipal AppUser user, @PathVariable UUID projectId,
                     @RequestBody SweepService.CreateSweep body) {
        return sweeps.create(user, projectId, body);
    }

    @GetMapping("/api/projects/{projectId}/sweeps")
    List<SweepView> list(@AuthenticationPrincipal AppUser user, @PathVariable UUID projectId) {
        return sweeps.list(user, projectId);
    }

    @GetMapping("/api/sweeps/{id}")
    SweepView get(@AuthenticationPrincipal AppUser user, @PathVariable UUID id) {
        return sweeps.get(user, id);
    }

    @PostMapping("/api/sweeps/{id}/stop")
    SweepView stop(@AuthenticationPrincipal AppUser user, @PathVariable UUID id) {
        return sweeps.stop(user, id);
    }

    @PostMapping("/api/sweeps/{id}/extend")
    SweepView extend(@AuthenticationPrincipal AppUser user, @PathVariable UUID id,
                     @RequestBody(required = false) SweepService.Extend body) {
        return sweeps.extend(user, id, body);
    }

    @PostMapping("/api/sweeps/{id}/trials/{number}/stop")
    SweepView stopTrial(@AuthenticationPrincipal AppUser user, @PathVariable UUID id, @PathVariable int number) {
        return sweeps.stopTrial(user, id, number);
    }

    @PostMapping("/api/sweeps/{id}/promote")
    SweepView.Promoted promote(@AuthenticationPrincipal AppUser user, @PathVariable UUID id) {
        return sweeps.promote(user, id);
    }
}
