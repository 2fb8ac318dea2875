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
import org.springframework.web.bind.annotation.PatchMapping;
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

    /**
     * A page of the project's runs. Filters: {@code status}, {@code name} (part of the run's name, any case),
     * {@code tag}, {@code designId}; {@code sort}: newest (default), oldest, name, accuracy, loss or rmse (best first).
     */
    @GetMapping("/api/projects/{projectId}/runs")
    Page<RunView> list(@AuthenticationPrincipal AppUser user, @PathVariable UUID projectId,
                       @RequestParam(required = false) String status,
                       @RequestParam(required = false) String name,
                       @RequestParam(required = false) String tag,
                       @RequestParam(required = false) UUID designId,
                       @RequestParam(required = false) String sort,
                       @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
        PageRequest request = new PageRequest(page, size);
        RunFilter filter = new RunFilter(name, tag, status == null ? null : state(status), designId,
                sort == null ? RunSort.NEWEST : RunSort.parse(sort));
        return runs.list(user, projectId, filter, request);
    }

    /** The tags used on the project's runs, most used first. */
    @GetMapping("/api/projects/{projectId}/run-tags")
    List<String> tags(@AuthenticationPrincipal AppUser user, @PathVariable UUID projectId) {
        return runs.tags(user, projectId);
    }

    /** Renames or re-tags a run: {@code {"name": "...", "tags": ["..."]}}, either field alone. */
    @PatchMapping("/api/runs/{id}")
    RunView update(@AuthenticationPrincipal AppUser user, @PathVariable UUID id, @RequestBody RunUpdate body) {
        return runs.update(user, id, body);
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
