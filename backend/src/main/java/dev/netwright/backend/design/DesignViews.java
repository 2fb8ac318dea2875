package dev.netwright.backend.design;

import dev.netwright.designer.diff.DesignDiff;
import java.time.OffsetDateTime;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/** What the design API answers. */
public final class DesignViews {
    private DesignViews() {
    }

    public record Summary(UUID id, UUID projectId, String name, int latestVersion, String createdBy,
                   OffsetDateTime createdAt, OffsetDateTime updatedAt) {
    }

    /**
     * @param restoredFrom the version this one copies, when it was made by a restore
     */
    public record Version(int number, String author, OffsetDateTime createdAt, String message, boolean valid,
                   int errorCount, Integer restoredFrom) {
    }

    /** A design at one version, with its content and analysis. */
    public record Detail(Summary design, Version version, JsonNode content, AnalysisView analysis) {
    }

    /** The answer to a save: the new version and the analysis, whose problems a draft may still have. */
    public record Saved(UUID designId, Version version, AnalysisView analysis) {
    }

    public record Diff(int from, int to, boolean affectsNetwork, DesignDiff changes) {
    }

    public record TemplateInfo(String id, String title, String description, String dataset) {
    }
}
