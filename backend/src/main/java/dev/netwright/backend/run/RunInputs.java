package dev.netwright.backend.run;

import dev.netwright.backend.api.ApiException;
import dev.netwright.backend.api.FieldProblem;
import dev.netwright.backend.dataset.BuiltInDataset;
import dev.netwright.designer.format.DesignFormatException;
import dev.netwright.designer.format.DesignJson;
import dev.netwright.designer.model.Design;
import dev.netwright.engine.api.InvalidSettingException;
import dev.netwright.engine.api.TrainingSettings;
import dev.netwright.engine.worker.DatasetRef;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Checks what a run or a sweep is asked to train (design version, dataset, settings) against a project. Both
 * start training from the same request fields, so a bad one gets the same 400 naming the field either way.
 */
@Component
public class RunInputs {

    /** A stored, valid design version that may be trained. */
    public record TrainableVersion(UUID id, int number, String content, String designName) {
    }

    private final JdbcClient jdbc;

    RunInputs(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The design's version {@code version} (null: its latest) in the project, refused if it has errors. */
    public TrainableVersion trainableVersion(UUID projectId, UUID designId, Integer version) {
        record Row(TrainableVersion version, boolean valid, int errors) {
        }
        Row row = jdbc.sql("""
                SELECT v.id, v.number, v.content, d.name, v.valid, v.error_count FROM design_versions v
                JOIN designs d ON d.id = v.design_id
                WHERE d.id = ? AND d.project_id = ? AND d.deleted_at IS NULL
                  AND v.number = coalesce(?, d.latest_version)""")
                .params(designId, projectId, version)
                .query((rs, i) -> new Row(new TrainableVersion(rs.getObject(1, UUID.class), rs.getInt(2),
                        rs.getString(3), rs.getString(4)), rs.getBoolean(5), rs.getInt(6))).optional()
                .orElseThrow(() -> ApiException.badRequest("'designId'/'version': no such design version in this "
                        + "project"));
        if (!row.valid()) {
            throw ApiException.badRequest("design version " + row.version().number() + " has " + row.errors()
                    + " validation error(s) and cannot be trained; fix and save it first");
        }
        return row.version();
    }

    /** The stored design of a version (stored versions are valid documents). */
    public Design design(TrainableVersion version) {
        try {
            return new DesignJson().read(version.content());
        } catch (DesignFormatException e) {
            throw new IllegalStateException("stored version " + version.number() + " is not readable", e);
        }
    }

    /** Checks a dataset reference against the project; a bad one is a 400 naming the field. */
    public DatasetRef dataset(UUID projectId, DatasetRef ref) {
        if (ref == null || (ref.builtin() == null) == (ref.datasetId() == null)) {
            throw ApiException.badRequest("'dataset' needs exactly one of 'builtin' (e.g. \"iris\") or 'datasetId'");
        }
        if (ref.usesBuiltin() && (ref.text() != null || ref.series() != null)) {
            throw ApiException.badRequest("'dataset." + (ref.text() != null ? "text" : "series") + "' is for an "
                    + "uploaded CSV or TSV dataset ('datasetId'), not a built-in one");
        }
        if (ref.usesBuiltin()) {
            BuiltInDataset b = BuiltInDataset.ALL.stream().filter(d -> d.id().equals(ref.builtin())).findFirst()
                    .orElseThrow(() -> ApiException.badRequest("'dataset.builtin': no built-in dataset '"
                            + ref.builtin() + "'; GET /api/datasets/builtin lists them"));
            if (ref.limit() != null && ref.limit() < 0) {
                throw ApiException.badRequest("'dataset.limit' must be 0 (all) or more");
            }
            return new DatasetRef(b.id(), ref.limit(), null, null, b.task().equals("regression"));
        }
        UUID datasetId;
        try {
            datasetId = UUID.fromString(ref.datasetId());
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("'dataset.datasetId' is not a dataset id");
        }
        String kind = jdbc.sql("SELECT kind FROM datasets WHERE id = ? AND project_id = ? AND deleted_at IS NULL")
                .params(datasetId, projectId).query(String.class).optional()
                .orElseThrow(() -> ApiException.badRequest("'dataset.datasetId': no such dataset in this project"));
        if ((ref.text() != null || ref.series() != null) && kind.equals("IMAGE_ZIP")) {
            throw ApiException.badRequest("'dataset." + (ref.text() != null ? "text" : "series") + "' needs a CSV or "
                    + "TSV dataset, not an image archive");
        }
        if (ref.text() != null && ref.series() != null) {
            throw ApiException.badRequest("'dataset': give 'text' (classify texts) or 'series' (forecast), not both");
        }
        if (ref.series() == null && !kind.equals("IMAGE_ZIP")
                && (ref.targetColumn() == null || ref.targetColumn().isBlank())) {
            throw ApiException.badRequest("'dataset.targetColumn' is required for a table: the column to predict");
        }
        return new DatasetRef(null, null, datasetId.toString(), ref.series() == null ? ref.targetColumn() : null,
                ref.regressionTask(), ref.text(), ref.series());
    }

    /** The settings to train with (defaults when absent), refused with the engine's reason when inconsistent. */
    public TrainingSettings settings(TrainingSettings requested, DatasetRef dataset) {
        TrainingSettings settings = requested == null ? TrainingSettings.DEFAULTS : requested;
        try {
            settings.toConfig(dataset.regressionTask());
        } catch (InvalidSettingException e) {
            throw ApiException.badRequest("'config': " + e.getMessage(), Map.of("errors",
                    List.of(new FieldProblem("config." + e.field(), e.getMessage()))));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("'config': " + e.getMessage());
        }
        return settings;
    }
}
