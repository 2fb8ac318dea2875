package dev.netwright.backend.block;

import java.time.OffsetDateTime;
import tools.jackson.databind.JsonNode;

/** What the block library endpoints return. */
public final class BlockViews {
    private BlockViews() {
    }

    /** One block of the library: a workspace block (its newest version) or a built-in one (version 1). */
    public record Summary(String name, int latestVersion, String description, boolean builtIn,
                          OffsetDateTime updatedAt) {
    }

    /** One version of a block with its definition (the {@code blocks[]} element of the design format). */
    public record Detail(String name, int version, int latestVersion, boolean builtIn, String message,
                         String author, OffsetDateTime createdAt, JsonNode definition) {
    }

    /** A block a design uses at {@code pinned} while the library has {@code latest}: an upgrade offer. */
    public record Upgrade(String block, int pinned, int latest, java.util.List<String> instances) {
    }
}
