package dev.netwright.backend.storage;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Settings under {@code netwright.storage}.
 *
 * @param defaultWorkspaceQuota storage a workspace may use (uploaded datasets and trained models) unless an
 *                              administrator set its own quota
 */
@ConfigurationProperties("netwright.storage")
public record StorageProperties(DataSize defaultWorkspaceQuota) {
    public StorageProperties {
        defaultWorkspaceQuota = defaultWorkspaceQuota == null ? DataSize.ofGigabytes(50) : defaultWorkspaceQuota;
    }
}
