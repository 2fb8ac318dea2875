package dev.netwright.backend.run;

import dev.netwright.engine.api.RunStatus;
import java.util.UUID;

/**
 * Which of a project's runs a list shows, and in which order. Null fields do not filter: {@code name} is a
 * case-insensitive part of the run's name, {@code tag} one of its tags, {@code designId} the design it trained.
 */
public record RunFilter(String name, String tag, RunStatus status, UUID designId, RunSort sort) {
    public static final RunFilter ALL = new RunFilter(null, null, null, null, RunSort.NEWEST);

    public RunFilter {
        name = name == null || name.isBlank() ? null : name.strip();
        tag = tag == null || tag.isBlank() ? null : RunLabels.tag(tag, "'tag'");
        sort = sort == null ? RunSort.NEWEST : sort;
    }

    public static RunFilter status(RunStatus status) {
        return new RunFilter(null, null, status, null, RunSort.NEWEST);
    }
}
