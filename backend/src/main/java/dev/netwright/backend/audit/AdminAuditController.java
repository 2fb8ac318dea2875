package dev.netwright.backend.audit;

import dev.netwright.backend.api.PageRequest;
import dev.netwright.backend.api.Page;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Account-level audit events for administrators (the path is restricted to ROLE_ADMIN by the security chain). */
@RestController
class AdminAuditController {
    private final AuditLog audit;

    AdminAuditController(AuditLog audit) {
        this.audit = audit;
    }

    @GetMapping("/api/admin/audit")
    Page<AuditEntry> accountEvents(@RequestParam(defaultValue = "0") int page,
                                   @RequestParam(defaultValue = "50") int size) {
        return audit.accountEvents(new PageRequest(page, size));
    }
}
