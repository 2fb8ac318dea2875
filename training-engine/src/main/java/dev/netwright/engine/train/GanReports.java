package dev.netwright.engine.train;


import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Each epoch's GAN metrics and, when previews are on, the generator's samples from the fixed noise. */
final class GanReports implements LoopListener<Object, GanSteps.EpochSums> {
    private static final System.Logger LOG = System.getLogger(GanReports.class.getName());
    private final GanSteps steps;
    private final GanListener listener;
    private final List<GanEpochMetrics> history = new ArrayList<>();
    private Optional<GeneratedSamples> lastSamples = Optional.empty();

    GanReports(GanSteps steps, GanListener listener) {
        this.steps = steps;
        this.listener = listener;
    }

    @Override
    public Optional<Stop> afterEpoch(LoopState state, GanSteps.EpochSums sums) {
        GanEpochMetrics metrics = sums.metrics(state);
        history.add(metrics);
        listener.onEpoch(metrics);
        LOG.log(System.Logger.Level.DEBUG, "GAN {0}", metrics);
        if (steps.hasPreviews()) {
            GeneratedSamples samples = steps.generate(state.epoch());
            lastSamples = Optional.of(samples);
            listener.onSamples(samples);
        }
        return Optional.empty();
    }

    List<GanEpochMetrics> history() {
        return history;
    }

    Optional<GeneratedSamples> lastSamples() {
        return lastSamples;
    }
}
