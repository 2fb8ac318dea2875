package dev.netwright.backend.samples;

import dev.netwright.backend.api.ApiException;
import dev.netwright.backend.run.RunAccess;
import dev.netwright.backend.security.AppUser;
import dev.netwright.backend.workspace.Role;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** A GAN run's per-epoch pictures of generated samples, for members of its workspace (viewers up). */
@RestController
class RunSamplesController {
    private final RunAccess access;
    private final RunSampleStore samples;

    RunSamplesController(RunAccess access, RunSampleStore samples) {
        this.access = access;
        this.samples = samples;
    }

    record Listing(List<SamplePictureInfo> samples) {
    }

    @GetMapping("/api/runs/{id}/samples")
    Listing list(@AuthenticationPrincipal AppUser user, @PathVariable UUID id) {
        access.require(user, id, Role.VIEWER);
        return new Listing(samples.list(id));
    }

    @GetMapping("/api/runs/{id}/samples/{epoch}")
    ResponseEntity<byte[]> picture(@AuthenticationPrincipal AppUser user, @PathVariable UUID id,
                                   @PathVariable int epoch) {
        access.require(user, id, Role.VIEWER);
        byte[] png = samples.picture(id, epoch)
                .orElseThrow(() -> ApiException.notFound("samples of epoch " + epoch + " of run " + id));
        return ResponseEntity.ok().contentType(MediaType.IMAGE_PNG)
                .header(HttpHeaders.CONTENT_DISPOSITION, "inline; filename=\"run-" + id + "-epoch-" + epoch + ".png\"")
                .body(png);
    }
}
