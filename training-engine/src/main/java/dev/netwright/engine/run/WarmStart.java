package dev.netwright.engine.run;

import dev.netwright.engine.compile.GraphBlock;

/** Transfer learning for a run: copy weights from a saved model by node id and shape, then freeze chosen nodes. */
final class WarmStart {
    private WarmStart() {
    }

    /** @param resumed the run goes on from its checkpoint: its weights are there, only the freezing is redone */
    static void apply(RunRequest request, GraphBlock block, RunListener listener, boolean resumed) {
        request.warmStart().filter(dir -> !resumed).ifPresent(dir -> {
            try (TrainedModel previous = TrainedModel.load(dir)) {
                WeightTransfer.Report report = WeightTransfer.copy(previous.block(), block);
                listener.onMessage("warm start from " + dir + ": copied " + report.copied()
                        + (report.skipped().isEmpty() ? "" : ", skipped (shape changed) " + report.skipped()));
            }
        });
        if (!request.frozenNodes().isEmpty()) {
            WeightTransfer.freeze(block, request.frozenNodes(), true);
            listener.onMessage("frozen nodes: " + request.frozenNodes());
        }
    }
}
