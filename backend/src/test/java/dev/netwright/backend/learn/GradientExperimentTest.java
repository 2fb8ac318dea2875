package dev.netwright.backend.learn;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netwright.engine.train.CancellationFlag;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The experiment the gradients page runs, end to end on the engine. */
class GradientExperimentTest {

    @Test
    void sigmoidFirstLayerGradientVanishesReluDoesNot() {
        GradientExperiment experiment = GradientExperiment.STANDARD;
        Map<String, List<GradientExperiment.EpochNorms>> seen = new HashMap<>();
        long started = System.nanoTime();
        experiment.run((activation, norms) -> seen.computeIfAbsent(activation, a -> new ArrayList<>()).add(norms),
                new CancellationFlag());
        System.out.printf("gradient experiment (2 x %d epochs, %d samples): %d ms%n", experiment.epochs(),
                experiment.samples(), (System.nanoTime() - started) / 1_000_000);

        assertThat(seen.keySet()).containsExactlyInAnyOrderElementsOf(GradientExperiment.ACTIVATIONS);
        Map<String, Double> ratio = new HashMap<>();
        for (String a : GradientExperiment.ACTIVATIONS) {
            assertThat(seen.get(a)).hasSize(experiment.epochs());
            GradientExperiment.EpochNorms last = seen.get(a).getLast();
            assertThat(last.layers()).hasSize(experiment.depth() + 1);
            ratio.put(a, last.layers().getFirst().norm() / last.layers().getLast().norm());
        }
        System.out.println("first/last layer gradient norm after the last epoch: " + ratio);
        assertThat(ratio.get("sigmoid")).isLessThan(0.01);
        assertThat(ratio.get("relu")).isGreaterThan(100 * ratio.get("sigmoid"));
    }

    @Test
    void cancelledBeforeItStartsTrainsNothing() {
        CancellationFlag cancel = new CancellationFlag();
        cancel.cancel();
        List<GradientExperiment.EpochNorms> seen = new ArrayList<>();
        GradientExperiment.STANDARD.run((a, n) -> seen.add(n), cancel);
        assertThat(seen).isEmpty();
    }
}
