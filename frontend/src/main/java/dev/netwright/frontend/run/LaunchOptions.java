package dev.netwright.frontend.run;

import dev.netwright.backend.run.RunService;
import dev.netwright.engine.worker.DatasetRef;
import dev.netwright.engine.worker.JobSettings;
import java.util.UUID;

/**
 * What the launch dialog's fields hold, one value per field. Kept apart from the Vaadin components so that the
 * mapping to the service's request (and so to the engine's settings) is a plain function that can be tested.
 *
 * @param builtinDataset  id of a built-in dataset, or null when {@code uploadedDataset} is set
 * @param uploadedDataset id of an uploaded dataset of the project, or null
 * @param targetColumn    the column to predict (uploaded tables only)
 * @param regression      whether the uploaded table's target is a number to predict
 * @param limit           built-in datasets: use only the first N training samples (0: all)
 * @param loss            engine loss id, or "auto" (cross-entropy for classes, MSE for values)
 * @param earlyStopping   patience in epochs, 0 for off
 * @param devices         the worker's devices to train on, e.g. "gpu0,gpu1" (data-parallel); blank: automatic
 */
public record LaunchOptions(String builtinDataset, UUID uploadedDataset, String targetColumn, boolean regression,
                            int limit, int epochs, int batchSize, String optimizer, double learningRate,
                            double weightDecay, String loss, String schedule, int stepEpochs, double gamma,
                            double warmupEpochs, double l1, double l2, double clipNorm, double clipValue,
                            int earlyStopping, String monitor, double minDelta, int seed, double validationFraction,
                            boolean flip, int shift, double noise, String devices) {

    /** The dialog's starting values: the engine's defaults, a small number of epochs for a first look. */
    public static LaunchOptions defaults(String builtinDataset) {
        return new LaunchOptions(builtinDataset, null, null, false, 0, 10, 32, "adam", 1e-3, 0, "auto", "constant", 5,
                0.5, 0, 0, 0, 0, 0, 0, "val-loss", 0, 42, 0.1, false, 0, 0, "");
    }

    /** The request {@link RunService#create} checks and queues (the same one the REST API receives). */
    public RunService.CreateRun toCreateRun(UUID designId, int version) {
        DatasetRef dataset = uploadedDataset != null
                ? new DatasetRef(null, null, uploadedDataset.toString(), blankToNull(targetColumn), regression)
                : new DatasetRef(builtinDataset, limit > 0 ? limit : null, null, null, null);
        JobSettings settings = new JobSettings(epochs, batchSize, optimizer, learningRate, weightDecay,
                "auto".equals(loss) ? null : loss, seed, validationFraction,
                earlyStopping > 0 ? earlyStopping : null, earlyStopping > 0 ? monitor : null, schedule, stepEpochs,
                gamma, warmupEpochs, l1, l2, clipNorm, clipValue, earlyStopping > 0 ? minDelta : null, flip, shift,
                noise, blankToNull(devices));
        return new RunService.CreateRun(designId, version, dataset, settings, null, null, null);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
