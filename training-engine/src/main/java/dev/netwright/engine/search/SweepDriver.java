package dev.netwright.engine.search;

import dev.netwright.designer.model.Design;
import dev.netwright.engine.api.TrainingSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.Consumer;

/**
 * Runs a sweep one trial after another: asks the sampler for hyperparameters, applies them, runs the trial with the
 * pruner watching its intermediate values, and stops at the trial or time budget or when the sampler is exhausted.
 */
public final class SweepDriver {

    /** One finished trial with what it ran with. */
    public record Outcome(Trial trial, TrialRunner.Result result) {
    }

    /** The sweep's trials and the best one. */
    public record Summary(List<Outcome> trials, Optional<Outcome> best, List<ParetoFront.Point> paretoFront,
                          Duration elapsed) {
    }

    /** @param regression whether the data's target is a value (the loss left to the task follows it) */
    public Summary run(SweepSpec spec, Design design, TrainingSettings base, boolean regression, TrialRunner runner,
                       Consumer<Outcome> onTrial) {
        SweepParameters.check(spec.space(), design);
        Sampler sampler = spec.sampler();
        Pruner pruner = spec.prunerInstance();
        List<Trial> history = new ArrayList<>();
        List<Outcome> outcomes = new ArrayList<>();
        Instant start = Instant.now();
        Instant deadline = spec.maxMinutes() > 0 ? start.plusMillis((long) (spec.maxMinutes() * 60_000)) : null;
        for (int number = 0; number < spec.maxTrials(); number++) {
            if (deadline != null && Instant.now().isAfter(deadline)) {
                break;
            }
            Optional<Map<String, Object>> next = sampler.next(history);
            if (next.isEmpty()) {
                break;
            }
            Map<String, Object> params = next.get();
            SweepParameters.Applied applied = SweepParameters.apply(design, base, params);
            List<Double> intermediate = new ArrayList<>();
            int trialNumber = number;
            TrialRunner.Result result = runner.run(number, applied.design(), applied.settings().toConfig(regression),
                    (step, value) -> {
                        intermediate.add(value);
                        Trial now = new Trial(trialNumber, params, Trial.State.RUNNING, OptionalDouble.empty(),
                                List.copyOf(intermediate));
                        return pruner.shouldPrune(now, step, history);
                    });
            Trial done = new Trial(number, params, result.state(), result.objective(), intermediate);
            history.add(done);
            Outcome outcome = new Outcome(done, result);
            outcomes.add(outcome);
            onTrial.accept(outcome);
        }
        Optional<Outcome> best = outcomes.stream()
                .filter(o -> o.trial().state() == Trial.State.COMPLETED && o.trial().objective().isPresent())
                .min(java.util.Comparator.comparingDouble(o -> spec.direction().loss(o.trial().objective().getAsDouble())));
        List<ParetoFront.Point> front = List.of();
        if (spec.secondObjective().isPresent()) {
            List<ParetoFront.Point> points = outcomes.stream().filter(o -> o.trial().state() == Trial.State.COMPLETED
                    && o.result().objective().isPresent() && o.result().secondObjective().isPresent())
                    .map(o -> new ParetoFront.Point(o.trial().number(), o.result().objective().getAsDouble(),
                            o.result().secondObjective().getAsDouble())).toList();
            front = ParetoFront.of(points, spec.direction(), Direction.MINIMIZE);
        }
        return new Summary(outcomes, best, front, Duration.between(start, Instant.now()));
    }
}
