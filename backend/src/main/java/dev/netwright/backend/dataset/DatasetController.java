package dev.netwright.backend.dataset;

import dev.netwright.backend.api.PageRequest;
import dev.netwright.backend.api.Page;
import dev.netwright.backend.api.ApiException;
import dev.netwright.backend.api.ControlCharacters;
import dev.netwright.backend.security.AppUser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.io.InputStream;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import org.springframework.core.io.Resource;
import org.springframework.http.HttpStatus;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.MediaTypeFactory;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** Dataset uploads, previews and the built-in list. */
@RestController
class DatasetController {
    record ProjectDatasets(List<BuiltInDataset> builtIn, Page<DatasetService.Dataset> uploads) {
    }

    private final DatasetService datasets;

    DatasetController(DatasetService datasets) {
        this.datasets = datasets;
    }

    @GetMapping("/api/datasets/builtin")
    List<BuiltInDataset> builtIn() {
        return BuiltInDataset.ALL;
    }

    @GetMapping("/api/projects/{projectId}/datasets")
    ProjectDatasets list(@AuthenticationPrincipal AppUser user, @PathVariable UUID projectId,
                         @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
        PageRequest request = new PageRequest(page, size);
        return new ProjectDatasets(BuiltInDataset.ALL, Page.slice(datasets.list(user, projectId), request));
    }

    @PostMapping(path = "/api/projects/{projectId}/datasets", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    DatasetService.Dataset upload(@AuthenticationPrincipal AppUser user, @PathVariable UUID projectId,
                                  @RequestPart(name = "file", required = false) MultipartFile file,
                                  @RequestParam(required = false) String name) throws IOException {
        if (file == null) {
            throw ApiException.badRequest("the multipart form needs a part named 'file' holding the dataset");
        }
        ControlCharacters.require("file", file.getOriginalFilename()); // it names the dataset
        return datasets.upload(user, projectId, name, file.getOriginalFilename(), file.getInputStream());
    }

    @GetMapping("/api/datasets/{id}")
    DatasetService.Dataset get(@AuthenticationPrincipal AppUser user, @PathVariable UUID id) {
        return datasets.get(user, id);
    }

    /** Columns with types and first rows (CSV/TSV), or class folders with counts and sample paths (ZIP). */
    @GetMapping("/api/datasets/{id}/preview")
    Map<String, Object> preview(@AuthenticationPrincipal AppUser user, @PathVariable UUID id) {
        DatasetService.Dataset d = datasets.get(user, id);
        return Map.of("id", d.id(), "kind", d.kind(), "preview", d.summary());
    }

    @GetMapping("/api/datasets/{id}/files")
    ResponseEntity<StreamingResponseBody> file(@AuthenticationPrincipal AppUser user, @PathVariable UUID id,
                                               @RequestParam String path) throws IOException {
        DatasetService.StoredFile file = datasets.file(user, id, path);
        // Uploaded by an editor, read by everyone in the workspace: never rendered as a page of this origin.
        // Only pictures are extracted, and even a "picture" that is really HTML downloads instead of running.
        return ResponseEntity.ok()
                .contentType(MediaTypeFactory.getMediaType(file.name())
                        .filter(t -> "image".equals(t.getType()) && !t.getSubtype().contains("svg"))
                        .orElse(MediaType.APPLICATION_OCTET_STREAM))
                .contentLength(file.size())
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename(file.name(), StandardCharsets.UTF_8).build().toString())
                .header("X-Content-Type-Options", "nosniff")
                .body(out -> {
                    try (InputStream in = file.content()) {
                        in.transferTo(out);
                    }
                });
    }

    @DeleteMapping("/api/datasets/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@AuthenticationPrincipal AppUser user, @PathVariable UUID id) {
        datasets.delete(user, id);
    }
}
