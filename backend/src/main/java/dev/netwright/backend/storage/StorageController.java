package dev.netwright.backend.storage;

import dev.netwright.backend.security.AppUser;
import java.util.UUID;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** A workspace's storage against its quota (owners), and setting the quota (administrators). */
@RestController
class StorageController {
    private final StorageQuotas quotas;

    StorageController(StorageQuotas quotas) {
        this.quotas = quotas;
    }

    /** The answer: bytes used by datasets and by trained models, the quota, and whether it is the default. */
    record StorageView(long usedBytes, long datasetBytes, long artifactBytes, long quotaBytes, boolean quotaIsDefault) {
        static StorageView of(StorageQuotas.Usage u) {
            return new StorageView(u.usedBytes(), u.datasetBytes(), u.artifactBytes(), u.quotaBytes(),
                    u.quotaIsDefault());
        }
    }

    record Quota(Long quotaBytes) {
    }

    @GetMapping("/api/workspaces/{workspaceId}/storage")
    StorageView storage(@AuthenticationPrincipal AppUser user, @PathVariable UUID workspaceId) {
        return StorageView.of(quotas.usage(user, workspaceId));
    }

    @PutMapping("/api/admin/workspaces/{workspaceId}/storage-quota")
    StorageView setQuota(@AuthenticationPrincipal AppUser user, @PathVariable UUID workspaceId,
                         @RequestBody Quota body) {
        return StorageView.of(quotas.setQuota(user, workspaceId, body == null ? null : body.quotaBytes()));
    }
}
