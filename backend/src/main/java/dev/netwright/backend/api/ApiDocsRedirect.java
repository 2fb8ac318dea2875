package dev.netwright.backend.api;

import io.swagger.v3.oas.annotations.Hidden;
import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/docs}, the address people type, leads to the Swagger UI (springdoc serves it one level down). */
@RestController
@Hidden
class ApiDocsRedirect {
    @GetMapping("/api/docs")
    ResponseEntity<Void> docs() {
        return ResponseEntity.status(HttpStatus.FOUND).location(URI.create("/api/docs/index.html")).build();
    }
}
