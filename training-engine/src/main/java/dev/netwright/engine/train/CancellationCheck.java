package dev.netwright.engine.train;


import java.util.Optional;
import java.util.function.Consumer;

/** Ends the run before the next batch once the flag is set (a user's cancel, or a lost lease). */
final class CancellationCheck implements LoopListener<Object, Object> {
    private final CancellationFlag cancel;
    private final Consumer<String> messages;

    public CancellationCheck(CancellationFlag cancel, Consumer<String> messages) {
        this.cancel = cancel;
        this.messages = messages;
    }

    @Override
    public Optional<Stop> beforeBatch(LoopState state) {
        if (!cancel.isCancelled()) {
            return Optional.empty();
        }
        messages.accept("cancelled in epoch " + state.epoch());
        return Stop.with(TrainingStatus.CANCELLED);
    }
}
