package dev.netwright.backend.design;

import dev.netwright.backend.api.PageRequest;
import dev.netwright.backend.api.Page;
import dev.netwright.backend.api.ApiException;
import dev.netwright.backend.security.AppUser;
import dev.netwright.designer.template.Template;
import dev.netwright.designer.template.Templates;
import dev.netwright.backend.storage.ObjectStorage;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import tools.jackson.databind.JsonNode;

/** Designs, versions, diff, export/import, templates and analysis of unsaved designs. */
@RestController
class DesignController {
    record CreateRequest(String name, String templateId, JsonNode design, String message) {
    }

    record SaveRequest(Integer baseVersion, JsonNode design, String message) {
    }

    record RestoreRequest(Integer baseVersion, String message) {
    }

    record NameRequest(String name) {
    }

    private final DesignService designs;
    private final DesignFormat format;
    private final ImportedDesigns imported;

    DesignController(DesignService designs, DesignFormat format, ImportedDesigns imported) {
        this.designs = designs;
        this.format = format;
        this.imported = imported;
    }

    /** Imports an ONNX file (multipart field {@code file}) as a new design whose first version carries the weights. */
    @PostMapping(path = "/api/projects/{projectId}/designs/import-onnx", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    ImportedDesigns.Imported importOnnx(@AuthenticationPrincipal AppUser user, @PathVariable UUID projectId,
                                        @RequestParam(required = false) String name,
                                        @RequestParam(value = "file", required = false) MultipartFile file)
            throws java.io.IOException {
        if (file == null || file.isEmpty()) {
            throw ApiException.badRequest("'file' is missing or empty: upload an .onnx file as multipart field 'file'");
        }
        return imported.importOnnx(user, projectId, name, file.getOriginalFilename(), file.getBytes());
    }

    /**
     * The weights a version carries (an imported design's first version) as a saved model ZIP; 204 when none. Written
     * on the request's own thread, so that the cached folder is let go when the answer ends however it ends (a body
     * handed to Spring to stream later would keep it from eviction if Spring never ran it).
     */
    @GetMapping("/api/designs/{id}/versions/{number}/weights")
    void weights(@AuthenticationPrincipal AppUser user, @PathVariable UUID id, @PathVariable int number,
                 HttpServletResponse response) throws IOException {
        Optional<ObjectStorage.LocalFile> found = imported.weights(user, id, number);
        if (found.isEmpty()) {
            response.setStatus(HttpStatus.NO_CONTENT.value());
            return;
        }
        try (ObjectStorage.LocalFile dir = found.get()) {
            response.setContentType("application/zip");
            response.setHeader(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                    .filename("design-" + id + "-v" + number + "-model.zip").build().toString());
            imported.zip(dir.path(), response.getOutputStream());
        }
    }

    @PostMapping("/api/projects/{projectId}/designs")
    @ResponseStatus(HttpStatus.CREATED)
    DesignViews.Saved create(@AuthenticationPrincipal AppUser user, @PathVariable UUID projectId,
                             @RequestBody CreateRequest body) {
        boolean hasDesign = body.design() != null && !body.design().isNull();
        if (body.templateId() != null && hasDesign) {
            throw ApiException.badRequest("give either 'templateId' or 'design', not both");
        }
        DesignService.Source source = body.templateId() != null
                ? new DesignService.Source.FromTemplate(body.templateId())
                : hasDesign ? new DesignService.Source.Imported(body.design().toString())
                : new DesignService.Source.Empty();
        return designs.create(user, projectId, body.name(), source, body.message());
    }

    /** Imports a design file as it is (the request body is the netwright-design/1 document). */
    @PostMapping(path = "/api/projects/{projectId}/designs/import", consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    DesignViews.Saved importFile(@AuthenticationPrincipal AppUser user, @PathVariable UUID projectId,
                                 @RequestParam(required = false) String name, @RequestBody(required = false) String file) {
        return designs.create(user, projectId, name, new DesignService.Source.Imported(file), "imported");
    }

    @GetMapping("/api/projects/{projectId}/designs")
    Page<DesignViews.Summary> list(@AuthenticationPrincipal AppUser user, @PathVariable UUID projectId,
                                   @RequestParam(defaultValue = "0") int page,
                                   @RequestParam(defaultValue = "50") int size) {
        return Page.slice(designs.list(user, projectId), new PageRequest(page, size));
    }

    @GetMapping("/api/designs/{id}")
    DesignViews.Detail get(@AuthenticationPrincipal AppUser user, @PathVariable UUID id) {
        return designs.get(user, id, null);
    }

    @PatchMapping("/api/designs/{id}")
    DesignViews.Summary rename(@AuthenticationPrincipal AppUser user, @PathVariable UUID id,
                               @RequestBody NameRequest body) {
        return designs.rename(user, id, body.name());
    }

    @DeleteMapping("/api/designs/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@AuthenticationPrincipal AppUser user, @PathVariable UUID id) {
        designs.delete(user, id);
    }

    @PostMapping("/api/designs/{id}/versions")
    @ResponseStatus(HttpStatus.CREATED)
    DesignViews.Saved save(@AuthenticationPrincipal AppUser user, @PathVariable UUID id,
                           @RequestBody SaveRequest body) {
        String json = body.design() == null || body.design().isNull() ? null : body.design().toString();
        return designs.save(user, id, body.baseVersion(), json, body.message());
    }

    @GetMapping("/api/designs/{id}/versions")
    Page<DesignViews.Version> history(@AuthenticationPrincipal AppUser user, @PathVariable UUID id,
                                      @RequestParam(defaultValue = "0") int page,
                                      @RequestParam(defaultValue = "50") int size) {
        return designs.history(user, id, new PageRequest(page, size));
    }

    @GetMapping("/api/designs/{id}/versions/{number}")
    DesignViews.Detail version(@AuthenticationPrincipal AppUser user, @PathVariable UUID id,
                               @PathVariable int number) {
        return designs.get(user, id, number);
    }

    @PostMapping("/api/designs/{id}/versions/{number}/restore")
    @ResponseStatus(HttpStatus.CREATED)
    DesignViews.Saved restore(@AuthenticationPrincipal AppUser user, @PathVariable UUID id, @PathVariable int number,
                              @RequestBody(required = false) RestoreRequest body) {
        RestoreRequest b = body == null ? new RestoreRequest(null, null) : body;
        return designs.restore(user, id, number, b.baseVersion(), b.message());
    }

    @GetMapping("/api/designs/{id}/block-upgrades")
    List<dev.netwright.backend.block.BlockViews.Upgrade> blockUpgrades(@AuthenticationPrincipal AppUser user,
                                                                        @PathVariable UUID id,
                                                                        @RequestParam(required = false) Integer version) {
        return designs.blockUpgrades(user, id, version);
    }

    @GetMapping("/api/designs/{id}/diff")
    DesignViews.Diff diff(@AuthenticationPrincipal AppUser user, @PathVariable UUID id, @RequestParam int from,
                          @RequestParam int to) {
        return designs.diff(user, id, from, to);
    }

    @GetMapping("/api/designs/{id}/export")
    ResponseEntity<String> export(@AuthenticationPrincipal AppUser user, @PathVariable UUID id,
                                  @RequestParam(required = false) Integer version) {
        DesignService.Export e = designs.export(user, id, version);
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment().filename(e.fileName()).build().toString())
                .body(e.content());
    }

    /** The version (default: latest) as PyTorch code; 400 naming the problems when the design is not valid. */
    @GetMapping("/api/designs/{id}/pytorch")
    ResponseEntity<String> pytorch(@AuthenticationPrincipal AppUser user, @PathVariable UUID id,
                                   @RequestParam(required = false) Integer version) {
        DesignService.Export e = designs.export(user, id, version);
        String code;
        try {
            code = DesignService.pytorchCode(format.read(e.content(), "the stored design"));
        } catch (IllegalArgumentException invalid) {
            throw ApiException.badRequest(invalid.getMessage());
        }
        String file = e.fileName().replaceAll("\\.netwright\\.json$", "").replaceAll("[^A-Za-z0-9_]", "_") + ".py";
        return ResponseEntity.ok().contentType(MediaType.parseMediaType("text/x-python;charset=UTF-8"))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(file).build()
                        .toString())
                .body(code);
    }

    /** Analyses an unsaved design (the request body is the document), for live feedback on the canvas. */
    @PostMapping(path = "/api/analyze", consumes = MediaType.APPLICATION_JSON_VALUE)
    AnalysisView analyze(@RequestBody(required = false) String design) {
        return AnalysisView.of(format.analyzer.analyze(format.read(design, "the request body")));
    }

    @GetMapping("/api/templates")
    List<DesignViews.TemplateInfo> templates() {
        return Templates.all().stream()
                .map(t -> new DesignViews.TemplateInfo(t.id(), t.title(), t.description(), t.dataset())).toList();
    }

    @GetMapping(path = "/api/templates/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    String template(@PathVariable String id) {
        Template t = Templates.find(id).orElseThrow(() -> ApiException.notFound("template '" + id + "'"));
        return format.write(t.design());
    }
}
