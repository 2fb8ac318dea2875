package dev.netwright.backend.inference;

import dev.netwright.backend.security.AppUser;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.UUID;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import tools.jackson.databind.JsonNode;

/** {@code /api/models/{id}}: a succeeded run's trained model, to describe, predict with, or generate from. */
@RestController
class ModelController {
    private final PredictionService service;

    ModelController(PredictionService service) {
        this.service = service;
    }

    /** Request body of {@code generate}: how many samples and the noise seed (random when absent). */
    record GenerateRequest(Integer n, Long seed) {
    }

    @GetMapping("/api/models/{id}")
    ModelViews.Model describe(@AuthenticationPrincipal AppUser user, @PathVariable UUID id) {
        return service.describe(user, id);
    }

    /** {@code {"inputs": [...]}} or {@code {"input": ...}}, read by {@link PredictionBodyConverter}. */
    @PostMapping(path = "/api/models/{id}/predict", consumes = MediaType.APPLICATION_JSON_VALUE)
    ModelViews.Predictions predict(@AuthenticationPrincipal AppUser user, @PathVariable UUID id,
                                   @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(
                                           schema = @Schema(implementation = JsonNode.class)))
                                   @RequestBody PredictionBody body) {
        return service.predict(user, id, body);
    }

    /** The file with predictions appended, streamed to the client as the rows are predicted. */
    @PostMapping(path = "/api/models/{id}/predict-csv", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    void predictCsv(@AuthenticationPrincipal AppUser user, @PathVariable UUID id,
                    @RequestParam("file") MultipartFile file, HttpServletResponse response) throws IOException {
        String name = file.getOriginalFilename() == null ? "input.csv" : file.getOriginalFilename();
        String lower = name.toLowerCase(Locale.ROOT);
        char separator = lower.endsWith(".tsv") || lower.endsWith(".tab") ? '\t' : ',';
        String base = name.replaceAll("\\.(csv|tsv|tab|txt)$", "").replaceAll("[^A-Za-z0-9._-]", "_");
        try {
            service.predictCsv(user, id, file, separator, () -> {
                response.setContentType(new MediaType("text", separator == '\t' ? "tab-separated-values" : "csv",
                        StandardCharsets.UTF_8).toString());
                response.setHeader(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename(base + "-predictions." + (separator == '\t' ? "tsv" : "csv")).build().toString());
                return response.getOutputStream();
            });
        } catch (UncheckedIOException e) {
            throw e.getCause(); // the client stopped reading; nothing more to answer
        }
    }

    @PostMapping("/api/models/{id}/generate")
    ModelViews.Generated generate(@AuthenticationPrincipal AppUser user, @PathVariable UUID id,
                                  @RequestBody(required = false) GenerateRequest body) {
        int n = body == null || body.n() == null ? 16 : body.n();
        long seed = body == null || body.seed() == null ? new java.security.SecureRandom().nextInt(Integer.MAX_VALUE)
                : body.seed();
        return service.generate(user, id, n, seed);
    }
}
