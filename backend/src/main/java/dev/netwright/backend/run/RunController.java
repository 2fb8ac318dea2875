package dev.netwright.backend.run;

import dev.netwright.backend.api.PageRequest;
import dev.netwright.backend.api.Page;
import dev.netwright.backend.security.AppUser;
import dev.netwright.engine.api.RunStatus;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Runs of a project: create (queue), list, detail, cancel; the workspace's running-runs limit. */
@RestController
class RunController {
    private final RunService runs;

    RunController(RunService runs) {
        this.runs = runs;
    }

    @PostMapping("/api/projects/{projectId}/runs")
    @ResponseStatus(HttpStatus.CREATED)
    RunView create(@AuthenticationPrincipal AppUser user, @PathVariable UUID projectId,
                   @RequestBody RunService.CreateRun body) {
        return runs.create(user, projectId, body);
    }

    @GetMapping("/api/projects/{projectId}/runs")
    Page<RunView> list(@AuthenticationPrincipal AppUser user, @PathVariable UUID projectId,
                       @RequestParam(required = false) String status,
                       @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
        PageRequest request = new PageRequest(page, size);
        return runs.list(user, projectId, status == null ? null : state(status), request);
    }

    private static RunStatus state(String status) {
        try {
            return RunStatus.valueOf(status.toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw dev.netwright.backend.api.ApiException.badRequest("'status' must be one of "
                    + java.util.Arrays.stream(RunStatus.values()).map(RunStatus::name)
                    .collect(java.util.stream.Collectors.joining(", ")).toLowerCase(java.util.Locale.ROOT)
                    + ", not '" + status + "'");
        }
    }

    @GetMapping("/api/runs/{id}")
    RunView get(@AuthenticationPrincipal AppUser user, @PathVariable UUID id) {
        return runs.get(user, id);
    }

    @PostMapping("/api/runs/{id}/cancel")
    RunView cancel(@AuthenticationPrincipal AppUser user, @PathVariable UUID id) {
        return runs.cancel(user, id);
    }

    record RunLimit(int maxRunningRuns) {
    }

    @PutMapping("/api/workspaces/{workspaceId}/run-limit")
    Map<String, Integer> setLimit(@AuthenticationPrincipal AppUser user, @PathVariable UUID workspaceId,
                                  @RequestBody RunLimit body) {
        return Map.of("maxRunningRuns", runs.setRunLimit(user, workspaceId, body.maxRunningRuns()));
    }
}
