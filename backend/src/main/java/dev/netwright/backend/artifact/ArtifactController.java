package dev.netwright.backend.artifact;

import dev.netwright.backend.api.ApiException;
import dev.netwright.backend.run.RunAccess;
import dev.netwright.backend.security.AppUser;
import dev.netwright.backend.storage.ObjectStorage;
import dev.netwright.backend.workspace.Role;
import dev.netwright.engine.export.PyTorchExport;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import org.springframework.core.io.Resource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * Downloads a run's model (members of its workspace only); streamed from disk, never loaded into memory. Its PyTorch
 * export (code and weights) is repacked on the fly.
 */
@RestController
class ArtifactController {
    private final RunAccess access;
    private final ArtifactStore store;

    ArtifactController(RunAccess access, ArtifactStore store) {
        this.access = access;
        this.store = store;
    }

    @GetMapping("/api/runs/{id}/artifact")
    ResponseEntity<StreamingResponseBody> download(@AuthenticationPrincipal AppUser user, @PathVariable UUID id) {
        access.require(user, id, Role.VIEWER);
        ArtifactStore.Artifact a = store.find(id)
                .orElseThrow(() -> ApiException.notFound("artifact of run " + id + " (it has not succeeded yet)"));
        return ResponseEntity.ok().contentType(MediaType.parseMediaType("application/zip"))
                .contentLength(a.sizeBytes())
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename("run-" + id + "-model.zip").build().toString())
                .header(HttpHeaders.ETAG, "\"" + a.sha256() + "\"")
                .body(out -> {
                    try (InputStream in = store.open(a)) {
                        in.transferTo(out);
                    }
                });
    }

    /** The trained model as PyTorch: a ZIP of the generated {@code model.py} and its {@code weights.npz}, streamed. */
    @GetMapping("/api/runs/{id}/pytorch")
    ResponseEntity<StreamingResponseBody> pytorch(@AuthenticationPrincipal AppUser user, @PathVariable UUID id)
            throws IOException {
        access.require(user, id, Role.VIEWER);
        ArtifactStore.Artifact a = store.find(id)
                .orElseThrow(() -> ApiException.notFound("artifact of run " + id + " (it has not succeeded yet)"));
        List<String> names = List.of(PyTorchExport.CODE, PyTorchExport.WEIGHTS);
        // the cached copy stays until the body is written (with S3 storage its cache is bounded)
        ObjectStorage.LocalFile file = store.localFile(a);
        try (ZipFile artifact = new ZipFile(file.path().toFile())) {
            for (String name : names) {
                if (artifact.getEntry(PyTorchExport.FOLDER + "/" + name) == null) {
                    throw ApiException.notFound("PyTorch export of run " + id
                            + " (its model was saved without one; the run's log says why)");
                }
            }
        } catch (IOException | RuntimeException e) {
            file.close();
            throw e;
        }
        StreamingResponseBody body = stream -> {
            try (file; ZipFile artifact = new ZipFile(file.path().toFile());
                 ZipOutputStream out = new ZipOutputStream(stream)) {
                for (String name : names) {
                    out.putNextEntry(new ZipEntry(name));
                    try (InputStream in = artifact.getInputStream(artifact.getEntry(PyTorchExport.FOLDER + "/" + name))) {
                        in.transferTo(out);
                    }
                    out.closeEntry();
                }
            }
        };
        return ResponseEntity.ok().contentType(MediaType.parseMediaType("application/zip"))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename("run-" + id + "-pytorch.zip").build().toString())
                .body(body);
    }
}
