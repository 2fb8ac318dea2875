package dev.netwright.engine.train;


import java.util.Optional;
import java.util.function.Consumer;

/** Ends the run when a batch's loss or gradients are NaN or infinite: further steps cannot recover. */
final class DivergenceCheck implements LoopListener<EpochLoop.BatchResult, Object> {
    private static final System.Logger LOG = System.getLogger(DivergenceCheck.class.getName());
    private final Consumer<String> messages;

    public DivergenceCheck(Consumer<String> messages) {
        this.messages = messages;
    }

    @Override
    public Optional<Stop> afterBatch(LoopState state, int batch, EpochLoop.BatchResult result) {
        if (result.isFinite()) {
            return Optional.empty();
        }
        String failure = "diverged at epoch " + state.epoch() + " batch " + (batch + 1)
                + ", try a lower learning rate";
        messages.accept(failure);
        LOG.log(System.Logger.Level.WARNING, failure);
        return Optional.of(new Stop(TrainingStatus.DIVERGED, Optional.of(failure)));
    }
}
