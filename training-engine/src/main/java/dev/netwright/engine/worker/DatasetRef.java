package dev.netwright.engine.worker;

/**
 * Which data a run trains on, as stored with the run: a built-in dataset ({@code builtin}, {@code limit}) or an
 * uploaded one ({@code datasetId}, with {@code targetColumn} and {@code regression} for tables). The worker backend
 * turns it into a {@link dev.netwright.engine.run.DatasetSpec} with a local path.
 */
public record DatasetRef(String builtin, Integer limit, String datasetId, String targetColumn, Boolean regression) {
    // deliberately not named isX(): Jackson would serialise such methods as extra properties
    public boolean usesBuiltin() {
        return builtin != null;
    }

    public boolean regressionTask() {
        return Boolean.TRUE.equals(regression);
    }
}
