package dev.netwright.backend.audit;

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
    List<AuditEntry> accountEvents(@RequestParam(required = false) Long before,
                                   @RequestParam(defaultValue = "100") int limit) {
        return audit.accountEvents(before, limit);
    }
}
