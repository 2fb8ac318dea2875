package dev.netwright.backend.run;

import java.util.List;

/**
 * What a user may change on a run (PATCH /api/runs/{id}): its name and its tags. A field left out (null) stays as
 * it is; {@code tags} replaces the whole list (an empty list removes them all). Limits: {@link RunLabels}.
 */
public record RunUpdate(String name, List<String> tags) {
}
