package dev.netwright.backend.design;

import dev.netwright.designer.diff.DesignDiff;
import java.time.OffsetDateTime;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/** What the design API answers. */
final class DesignViews {
    private DesignViews() {
    }

    record Summary(UUID id, UUID projectId, String name, int latestVersion, String createdBy,
                   OffsetDateTime createdAt, OffsetDateTime updatedAt) {
    }

    /**
     * @param restoredFrom the version this one copies, when it was made by a restore
     */
    record Version(int number, String author, OffsetDateTime createdAt, String message, boolean valid,
                   int errorCount, Integer restoredFrom) {
    }

    /** A design at one version, with its content and analysis. */
    record Detail(Summary design, Version version, JsonNode content, AnalysisView analysis) {
    }

    /** The answer to a save: the new version and the analysis, whose problems a draft may still have. */
    record Saved(UUID designId, Version version, AnalysisView analysis) {
    }

    record Diff(int from, int to, boolean affectsNetwork, DesignDiff changes) {
    }

    record TemplateInfo(String id, String title, String description, String dataset) {
    }
}
