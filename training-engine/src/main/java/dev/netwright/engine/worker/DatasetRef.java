package dev.netwright.engine.worker;

/**
 * Which data a run trains on, as stored with the run: a built-in dataset ({@code builtin}, {@code limit}) or an
 * uploaded one ({@code datasetId}, with {@code targetColumn} and {@code regression} for tables). The worker backend
 * turns it into a {@link dev.netwright.engine.run.DatasetSpec} with a local path.
 */
public record DatasetRef(String builtin, Integer limit, String datasetId, String targetColumn, Boolean regression) {
    public boolean isBuiltin() {
        return builtin != null;
    }

    public boolean isRegression() {
        return Boolean.TRUE.equals(regression);
    }
}
