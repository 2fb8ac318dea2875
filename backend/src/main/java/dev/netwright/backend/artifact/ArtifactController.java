package dev.netwright.backend.artifact;

import dev.netwright.backend.api.ApiException;
import dev.netwright.backend.run.RunAccess;
import dev.netwright.backend.security.AppUser;
import dev.netwright.backend.workspace.Role;
import java.util.UUID;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** Downloads a run's model (members of its workspace only); streamed from disk, never loaded into memory. */
@RestController
class ArtifactController {
    private final RunAccess access;
    private final ArtifactStore store;

    ArtifactController(RunAccess access, ArtifactStore store) {
        this.access = access;
        this.store = store;
    }

    @GetMapping("/api/runs/{id}/artifact")
    ResponseEntity<Resource> download(@AuthenticationPrincipal AppUser user, @PathVariable UUID id) {
        access.require(user, id, Role.VIEWER);
        ArtifactStore.Artifact a = store.find(id)
                .orElseThrow(() -> ApiException.notFound("artifact of run " + id + " (it has not succeeded yet)"));
        return ResponseEntity.ok().contentType(MediaType.parseMediaType("application/zip"))
                .contentLength(a.sizeBytes())
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename("run-" + id + "-model.zip").build().toString())
                .header(HttpHeaders.ETAG, "\"" + a.sha256() + "\"")
                .body(new FileSystemResource(a.file()));
    }
}
