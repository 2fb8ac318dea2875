package dev.netwright.engine.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.netwright.designer.model.Design;
import dev.netwright.designer.template.DesignBuilder;
import dev.netwright.engine.api.TrainingSettings;
import dev.netwright.engine.run.DatasetSpec;
import dev.netwright.engine.run.LocalTrialRunner;
import dev.netwright.engine.run.RunListener;
import dev.netwright.engine.train.config.OptimizerKind;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SweepDriverTest {
    @TempDir
    Path dir;

    private static Design mlp() {
        return DesignBuilder.named("mlp").node("in", "Input", "shape", List.of(2))
                .then("hidden", "Dense", "units", 8, "activation", "relu")
                .then("out", "Dense", "units", 2, "activation", "softmax").build();
    }

    private static TrainingSettings base() {
        return TrainingSettings.of(Map.of("optimizer", "adam", "learningRate", 1e-2, "epochs", 3, "batchSize", 32,
                "seed", 1));
    }

    @Test
    void parametersReachTheDesignAndTheTrainingSettings() {
        SweepParameters.Applied a = SweepParameters.apply(mlp(), base(),
                Map.of("hidden.units", 32, "learningRate", 0.05, "batchSize", 16, "optimizer", "sgd"));
        assertThat(a.design().node("hidden").orElseThrow().params()).containsEntry("units", 32);
        assertThat(a.settings().toConfig(false).optimizer().learningRate()).isEqualTo(0.05);
        assertThat(a.settings().toConfig(false).optimizer().kind()).isEqualTo(OptimizerKind.SGD);
        assertThat(a.settings().toConfig(false).batchSize()).isEqualTo(16);
        SearchSpace typo = new SearchSpace(Map.of("hiden.units", new Domain.Categorical(List.of(1))));
        assertThatThrownBy(() -> SweepParameters.check(typo, mlp())).hasMessageContaining("no node 'hiden'");
        SearchSpace badOption = new SearchSpace(Map.of("lr", new Domain.Categorical(List.of(1))));
        assertThatThrownBy(() -> SweepParameters.check(badOption, mlp())).hasMessageContaining("learningRate");
    }

    @Test
    void driverStopsAtTheBudgetAndPrunesThroughTheReporter() {
        SweepSpec spec = SweepSpec.fromMap(Map.of("method", "random", "objective", "val_loss", "pruner", "median",
                "maxTrials", 7, "parameters", Map.of("learningRate", Map.of("logUniform", List.of(1e-3, 1e-1)))));
        List<Integer> seen = new ArrayList<>();
        // a fake trial whose curve is its number: later trials are worse and get pruned by the median rule
        TrialRunner runner = (number, design, config, reporter) -> {
            int steps = 0;
            for (int step = 1; step <= 4; step++) {
                steps = step;
                if (reporter.report(step, number + step * 0.01)) {
                    return new TrialRunner.Result(Trial.State.PRUNED, OptionalDouble.of(number), OptionalDouble.empty(),
                            steps, null);
                }
            }
            return new TrialRunner.Result(Trial.State.COMPLETED, OptionalDouble.of(number), OptionalDouble.empty(),
                    steps, null);
        };
        SweepDriver.Summary s = new SweepDriver().run(spec, mlp(), base(), false, runner,
                o -> seen.add(o.trial().number()));
        assertThat(seen).containsExactly(0, 1, 2, 3, 4, 5, 6);
        assertThat(s.best().orElseThrow().trial().number()).isZero();
        assertThat(s.trials().get(6).trial().state()).isEqualTo(Trial.State.PRUNED);
        assertThat(s.trials().get(6).result().steps()).isEqualTo(2);
    }

    @Test
    void gridSweepTrainsRealTrialsLocally() {
        SweepSpec spec = SweepSpec.fromMap(Map.of("method", "grid", "objective", "val_accuracy", "maxTrials", 10,
                "secondObjective", "parameters",
                "parameters", Map.of("hidden.units", Map.of("choice", List.of(4, 16)))));
        SweepDriver.Summary s = new SweepDriver().run(spec, mlp(), base(), false, new LocalTrialRunner(
                new DatasetSpec.Builtin("moons", 400), "val_accuracy", Direction.MAXIMIZE, dir, RunListener.NONE),
                o -> { });
        assertThat(s.trials()).hasSize(2).allSatisfy(o -> {
            assertThat(o.trial().state()).isEqualTo(Trial.State.COMPLETED);
            assertThat(o.trial().objective().getAsDouble()).isBetween(0.5, 1.0);
            assertThat(o.trial().intermediate()).hasSize(3);
        });
        assertThat(dir.resolve("trial-1").resolve("model.json")).isRegularFile();
        assertThat(s.paretoFront()).isNotEmpty();
    }

    @Test
    void badSpecsSayWhatIsWrong() {
        assertThatThrownBy(() -> SweepSpec.fromMap(Map.of("parameters", Map.of("lr", Map.of("between", List.of(1, 2))))))
                .hasMessageContaining("unknown range kind 'between'");
        assertThatThrownBy(() -> SweepSpec.fromMap(Map.of("method", "bayes", "parameters",
                Map.of("lr", Map.of("choice", List.of(1)))))).hasMessageContaining("grid, random or tpe");
    }
}
