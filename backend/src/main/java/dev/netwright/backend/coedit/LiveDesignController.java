package dev.netwright.backend.coedit;

import dev.netwright.backend.api.ApiException;
import dev.netwright.backend.security.AppUser;
import dev.netwright.designer.coedit.DesignPatch;
import dev.netwright.designer.format.DesignJson;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * The live working state of a design over REST: read it, read its op log, and send edits (as the designer does),
 * ordered and checked exactly like the designer's.
 */
@RestController
class LiveDesignController {
    private final LiveDesignService live;
    private final DesignJson json = new DesignJson();

    LiveDesignController(LiveDesignService live) {
        this.live = live;
    }

    record StateView(long seq, int fromVersion, boolean canEdit, JsonNode design) {
    }

    record EditRequest(UUID clientId, JsonNode ops) {
    }

    record EditView(long seq, JsonNode applied, JsonNode conflicts, JsonNode design) {
    }

    record LoggedView(long seq, String author, UUID clientId, JsonNode ops, JsonNode conflicts, OffsetDateTime at) {
    }

    @GetMapping("/api/designs/{designId}/live")
    StateView state(@AuthenticationPrincipal AppUser user, @PathVariable UUID designId) {
        LiveViews.State s = live.open(user, designId);
        return new StateView(s.seq(), s.fromVersion(), s.canEdit(), json.toTree(s.design()));
    }

    @PostMapping("/api/designs/{designId}/live/ops")
    EditView edit(@AuthenticationPrincipal AppUser user, @PathVariable UUID designId,
                  @RequestBody(required = false) EditRequest request) {
        live.checkCanEdit(user, designId); // outsiders and viewers learn nothing from how their request was written
        if (request == null || request.ops() == null) {
            throw ApiException.badRequest("send {\"ops\": [...]}: the edits to apply, in order");
        }
        DesignPatch patch;
        try {
            patch = live.patchJson().read(request.ops());
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
        LiveViews.Submitted s = live.submit(user, designId,
                request.clientId() == null ? UUID.randomUUID() : request.clientId(), patch);
        return new EditView(s.seq(), live.patchJson().write(s.applied()),
                live.patchJson().writeConflicts(s.conflicts()), json.toTree(s.design()));
    }

    @GetMapping("/api/designs/{designId}/live/ops")
    List<LoggedView> log(@AuthenticationPrincipal AppUser user, @PathVariable UUID designId,
                         @RequestParam(defaultValue = "0") long after, @RequestParam(defaultValue = "1000") int limit) {
        return live.log(user, designId, after, limit).stream().map(e -> new LoggedView(e.seq(), e.author(),
                e.clientId(), live.patchJson().write(e.applied()), live.patchJson().writeConflicts(e.conflicts()),
                e.at())).toList();
    }
}
