package dev.netwright.backend.api;

/** One invalid input: where ({@code field} or a JSON path such as {@code $.nodes[2].params.units}) and why. */
public record FieldProblem(String path, String reason) {
}
