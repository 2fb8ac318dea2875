package dev.netwright.backend.learn;

import dev.netwright.backend.security.AppUser;
import org.springframework.stereotype.Service;

import java.util.UUID;
import java.util.function.Consumer;

/**
 * The learn pages' computations: the playground's training, the vanishing-gradient experiment and the trained
 * weights the inspector shows. They train with the engine in this process, within the server-wide cap of
 * {@link LearnTrainings}; the views only start, pause and stop them and draw what comes back.
 */
@Service
public class LearnService {
    private final LearnTrainings trainings;
    private final RunWeights runWeights;

    LearnService(LearnTrainings trainings, RunWeights runWeights) {
        this.trainings = trainings;
        this.runWeights = runWeights;
    }

    /**
     * The playground's data for these settings, ready to show and to {@link #train}.
     *
     * @throws IllegalArgumentException when the data set cannot be loaded
     */
    public PlaygroundRun playground(PlaygroundSettings settings) {
        return new PlaygroundRun(settings);
    }

    /**
     * Trains a playground network on a training thread. {@code frames} and {@code ended} (with whether it was
     * stopped) are called on that thread; {@code failed} gets what the training threw.
     *
     * @throws LearnTrainings.BusyException when the server already runs as many learn trainings as it allows
     */
    public LearnTrainings.Running train(PlaygroundRun run, PauseGate gate, Consumer<PlaygroundRun.Frame> frames,
                                        Consumer<Boolean> ended, Consumer<RuntimeException> failed) {
        return trainings.start("playground on " + run.settingsSummary(), cancel -> {
            run.run(cancel, gate, frames);
            ended.accept(cancel.isCancelled());
        }, failed);
    }

    /**
     * Runs the vanishing-gradient experiment on a training thread; callbacks as for {@link #train}.
     *
     * @throws LearnTrainings.BusyException when the server already runs as many learn trainings as it allows
     */
    public LearnTrainings.Running runGradientExperiment(GradientExperiment experiment,
                                                        GradientExperiment.Progress progress,
                                                        Consumer<Boolean> ended, Consumer<RuntimeException> failed) {
        return trainings.start("vanishing gradients", cancel -> {
            experiment.run(progress, cancel);
            ended.accept(cancel.isCancelled());
        }, failed);
    }

    /**
     * A finished run's design and trained Dense weights, for the inspector.
     *
     * @throws dev.netwright.backend.api.ApiException not found for runs the user cannot see
     * @throws IllegalArgumentException when the run has no trained model yet, or its model cannot be read
     */
    public TrainedWeights.Loaded trainedWeights(AppUser user, UUID runId) {
        return runWeights.load(user, runId);
    }
}
