package dev.netwright.backend.block;

import dev.netwright.backend.security.AppUser;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** A workspace's block library: list, create, new version, get one version. */
@RestController
class BlockController {
    record CreateBlockRequest(JsonNode block, String message) {
    }

    record BlockVersionRequest(Integer baseVersion, JsonNode block, String message) {
    }

    private final BlockLibraryService blocks;

    BlockController(BlockLibraryService blocks) {
        this.blocks = blocks;
    }

    @GetMapping("/api/workspaces/{workspaceId}/blocks")
    List<BlockViews.Summary> list(@AuthenticationPrincipal AppUser user, @PathVariable UUID workspaceId) {
        return blocks.list(user, workspaceId);
    }

    @PostMapping("/api/workspaces/{workspaceId}/blocks")
    @ResponseStatus(HttpStatus.CREATED)
    BlockViews.Detail create(@AuthenticationPrincipal AppUser user, @PathVariable UUID workspaceId,
                             @RequestBody CreateBlockRequest body) {
        return blocks.create(user, workspaceId, body.block(), body.message());
    }

    @GetMapping("/api/workspaces/{workspaceId}/blocks/{name}")
    BlockViews.Detail get(@AuthenticationPrincipal AppUser user, @PathVariable UUID workspaceId,
                          @PathVariable String name, @RequestParam(required = false) Integer version) {
        return blocks.get(user, workspaceId, name, version);
    }

    @PostMapping("/api/workspaces/{workspaceId}/blocks/{name}/versions")
    @ResponseStatus(HttpStatus.CREATED)
    BlockViews.Detail newVersion(@AuthenticationPrincipal AppUser user, @PathVariable UUID workspaceId,
                                 @PathVariable String name, @RequestBody BlockVersionRequest body) {
        return blocks.newVersion(user, workspaceId, name, body.baseVersion(), body.block(), body.message());
    }
}
