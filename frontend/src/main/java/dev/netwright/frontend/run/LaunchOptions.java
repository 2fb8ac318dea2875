package dev.netwright.frontend.run;

import dev.netwright.backend.run.RunService;
import dev.netwright.engine.api.TrainingSettings;
import dev.netwright.engine.worker.DatasetRef;
import java.util.UUID;

/**
 * What the launch dialog's fields hold: the data to train on and the run's {@link TrainingSettings}. Kept apart from
 * the Vaadin components so that the mapping to the service's request is a plain function that can be tested.
 *
 * @param builtinDataset  id of a built-in dataset, or null when {@code uploadedDataset} is set
 * @param uploadedDataset id of an uploaded dataset of the project, or null
 * @param targetColumn    the column to predict (uploaded tables only)
 * @param regression      whether the uploaded table's target is a number to predict
 * @param limit           built-in datasets: use only the first N training samples (0: all; the service refuses
 *                        a negative one, which is sent as it is rather than dropped)
 * @param settings        the training settings, already checked by the record
 */
public record LaunchOptions(String builtinDataset, UUID uploadedDataset, String targetColumn, boolean regression,
                            int limit, TrainingSettings settings) {

    /** The dialog's starting values: the record's defaults on a built-in dataset, all of it. */
    public static LaunchOptions defaults(String builtinDataset) {
        return new LaunchOptions(builtinDataset, null, null, false, 0, TrainingSettings.DEFAULTS);
    }

    /** The request {@link RunService#create} checks and queues (the same one the REST API receives). */
    public RunService.CreateRun toCreateRun(UUID designId, int version) {
        DatasetRef dataset = uploadedDataset != null
                ? new DatasetRef(null, null, uploadedDataset.toString(), blankToNull(targetColumn), regression)
                : new DatasetRef(builtinDataset, limit != 0 ? limit : null, null, null, null);
        return new RunService.CreateRun(designId, version, dataset, settings, null, null, null);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
