package dev.netwright.engine.train;

import ai.djl.Model;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The two networks' checkpoint folders ({@link GanTrainer#GENERATOR}, {@link GanTrainer#DISCRIMINATOR}); as a
 * listener, writes both {@code last} checkpoints (parameters, optimizer state, counters) after every epoch.
 */
final class GanCheckpoints implements LoopListener<Object, Object> {
    final CheckpointStore generator;
    final CheckpointStore discriminator;
    private Model g;
    private Model d;
    private ParameterUpdater gu;
    private ParameterUpdater du;

    GanCheckpoints(Path dir) {
        generator = new CheckpointStore(dir.resolve(GanTrainer.GENERATOR));
        discriminator = new CheckpointStore(dir.resolve(GanTrainer.DISCRIMINATOR));
    }

    /** The networks and updaters to save, once they exist. */
    void bind(Model generatorModel, Model discriminatorModel, ParameterUpdater generatorUpdater,
              ParameterUpdater discriminatorUpdater) {
        this.g = generatorModel;
        this.d = discriminatorModel;
        this.gu = generatorUpdater;
        this.du = discriminatorUpdater;
    }

    @Override
    public Optional<Stop> afterEpoch(LoopState state, Object summary) {
        PlateauReducer.State noPlateau = new PlateauReducer.State(1.0, 0, Double.NaN);
        generator.save(CheckpointStore.Slot.LAST, g, new RunState(state.epoch(), state.globalStep(), gu.steps(), 0,
                Double.NaN, 0, noPlateau), gu.exportState());
        discriminator.save(CheckpointStore.Slot.LAST, d, new RunState(state.epoch(), state.globalStep(), du.steps(),
                0, Double.NaN, 0, noPlateau), du.exportState());
        return Optional.empty();
    }
}
