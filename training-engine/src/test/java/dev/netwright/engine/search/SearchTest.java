package dev.netwright.engine.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

class SearchTest {
    private static final SearchSpace SPACE = new SearchSpace(Map.of(
            "lr", new Domain.RealRange(1e-4, 1e-1, true),
            "units", new Domain.Categorical(List.of(64, 128, 256)),
            "layers", new Domain.IntRange(1, 3, false)));

    private static Trial done(int n, Map<String, Object> params, double objective) {
        return new Trial(n, params, Trial.State.COMPLETED, OptionalDouble.of(objective), List.of());
    }

    private static Trial curve(int n, double... values) {
        List<Double> v = new ArrayList<>();
        for (double x : values) {
            v.add(x);
        }
        return new Trial(n, Map.of(), Trial.State.RUNNING, OptionalDouble.empty(), v);
    }

    @Test
    void gridVisitsEveryCombinationOnceThenStops() {
        GridSampler grid = new GridSampler(SPACE, 4);
        assertThat(grid.size()).isEqualTo(4 * 3 * 3);
        List<Trial> history = new ArrayList<>();
        Set<Map<String, Object>> seen = new HashSet<>();
        while (true) {
            var next = grid.next(history);
            if (next.isEmpty()) {
                break;
            }
            assertThat(seen.add(next.get())).as("no combination twice").isTrue();
            history.add(done(history.size(), next.get(), 0));
        }
        assertThat(seen).hasSize(36);
        assertThat(seen).extracting(m -> m.get("lr")).contains(1e-4, 1e-1);
        assertThat((Double) seen.stream().map(m -> (Double) m.get("lr")).sorted().toList().get(9))
                .isCloseTo(1e-3, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void randomValuesStayInTheirRangesAndLogRangesSpreadOverDecades() {
        RandomSampler random = new RandomSampler(SPACE, 3);
        List<Trial> history = new ArrayList<>();
        int belowMilli = 0;
        for (int i = 0; i < 400; i++) {
            Map<String, Object> p = random.next(history).orElseThrow();
            double lr = (Double) p.get("lr");
            assertThat(lr).isBetween(1e-4, 1e-1);
            assertThat((Integer) p.get("layers")).isBetween(1, 3);
            assertThat(p.get("units")).isIn(64, 128, 256);
            belowMilli += lr < 1e-3 ? 1 : 0;
            history.add(done(i, p, 0));
        }
        // log-uniform: one third of the mass lies in the first of three decades
        assertThat(belowMilli).isBetween(100, 170);
        assertThat(new RandomSampler(SPACE, 3).next(List.of())).isEqualTo(new RandomSampler(SPACE, 3).next(List.of()));
    }

    /** Mean best value after {@code trials} trials over several seeds. */
    private static double meanBest(java.util.function.LongFunction<Sampler> sampler, ToDoubleFunction<Map<String, Object>> f,
                                   int trials, int seeds) {
        double total = 0;
        for (long seed = 0; seed < seeds; seed++) {
            Sampler s = sampler.apply(seed);
            List<Trial> history = new ArrayList<>();
            double best = Double.MAX_VALUE;
            for (int i = 0; i < trials; i++) {
                Map<String, Object> p = s.next(history).orElseThrow();
                double y = f.applyAsDouble(p);
                best = Math.min(best, y);
                history.add(done(i, p, y));
            }
            total += best;
        }
        return total / seeds;
    }

    @Test
    void tpeFindsBetterValuesThanRandomSearchOnASmoothObjective() {
        SearchSpace space = new SearchSpace(Map.of("x", new Domain.RealRange(-5, 5, false),
                "y", new Domain.RealRange(-5, 5, false)));
        ToDoubleFunction<Map<String, Object>> f = p -> Math.pow((Double) p.get("x") - 1.3, 2)
                + Math.pow((Double) p.get("y") + 0.7, 2);
        double tpe = meanBest(seed -> new TpeSampler(space, Direction.MINIMIZE, seed), f, 60, 6);
        double random = meanBest(seed -> new RandomSampler(space, seed), f, 60, 6);
        assertThat(tpe).isLessThan(random);
    }

    @Test
    void tpeHandlesCategoricalAndIntegerParameters() {
        ToDoubleFunction<Map<String, Object>> f = p -> Math.abs(Math.log10((Double) p.get("lr")) + 2)
                + ((Integer) p.get("units") == 128 ? 0 : 1) + Math.abs((Integer) p.get("layers") - 2);
        TpeSampler tpe = new TpeSampler(SPACE, Direction.MINIMIZE, 11);
        List<Trial> history = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            Map<String, Object> p = tpe.next(history).orElseThrow();
            assertThat(p.get("units")).isIn(64, 128, 256);
            assertThat((Integer) p.get("layers")).isBetween(1, 3);
            history.add(done(i, p, f.applyAsDouble(p)));
        }
        long goodLate = history.subList(20, 40).stream().filter(t -> t.params().get("units").equals(128)).count();
        assertThat(goodLate).as("after the start-up trials TPE mostly proposes the better category").isGreaterThan(10);
    }

    @Test
    void medianRuleStopsTrialsWorseThanTheMedianAfterWarmup() {
        MedianPruner pruner = new MedianPruner(Direction.MINIMIZE, 1, 3);
        List<Trial> others = List.of(curve(0, 1.0, 0.8), curve(1, 1.0, 0.6), curve(2, 1.0, 0.7));
        assertThat(pruner.shouldPrune(curve(3, 9.0), 1, others)).as("warm-up step").isFalse();
        assertThat(pruner.shouldPrune(curve(3, 1.0, 0.9), 2, others)).isTrue();
        assertThat(pruner.shouldPrune(curve(3, 1.0, 0.65), 2, others)).isFalse();
        assertThat(pruner.shouldPrune(curve(3, 1.0, 0.9), 2, others.subList(0, 2))).as("too few to compare").isFalse();
        MedianPruner accuracy = new MedianPruner(Direction.MAXIMIZE, 0, 1);
        assertThat(accuracy.shouldPrune(curve(1, 0.5), 1, List.of(curve(0, 0.9)))).isTrue();
    }

    @Test
    void ashaDecidesOnlyAtRungsAndKeepsTheTopThird() {
        AshaPruner asha = new AshaPruner(Direction.MINIMIZE, 1, 3);
        assertThat(asha.isRung(1)).isTrue();
        assertThat(asha.isRung(3)).isTrue();
        assertThat(asha.isRung(9)).isTrue();
        assertThat(asha.isRung(2)).isFalse();
        assertThat(asha.shouldPrune(curve(0, 5.0), 1, List.of())).as("the first trial always goes on").isFalse();
        List<Trial> others = List.of(curve(0, 0.5), curve(1, 0.6), curve(2, 0.7), curve(3, 0.8), curve(4, 0.9));
        assertThat(asha.shouldPrune(curve(5, 0.55), 1, others)).as("2nd of 6: top third").isFalse();
        assertThat(asha.shouldPrune(curve(5, 0.75), 1, others)).isTrue();
        assertThat(asha.shouldPrune(curve(5, 0.75, 0.7), 2, others)).as("step 2 is no rung").isFalse();
        assertThatThrownBy(() -> new AshaPruner(Direction.MINIMIZE, 0, 3)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void paretoFrontKeepsTheUndominated() {
        List<ParetoFront.Point> points = List.of(new ParetoFront.Point(0, 0.90, 1000), new ParetoFront.Point(1, 0.85, 200),
                new ParetoFront.Point(2, 0.80, 500), new ParetoFront.Point(3, 0.92, 5000));
        assertThat(ParetoFront.of(points, Direction.MAXIMIZE, Direction.MINIMIZE)).extracting(ParetoFront.Point::trial)
                .containsExactlyInAnyOrder(0, 1, 3);
    }

    @Test
    void badRangesAreRefused() {
        assertThatThrownBy(() -> new Domain.RealRange(0, 1, true)).hasMessageContaining("low > 0");
        assertThatThrownBy(() -> new Domain.IntRange(5, 1, false)).hasMessageContaining("low <= high");
        assertThatThrownBy(() -> new Domain.Categorical(List.of())).hasMessageContaining("at least one");
    }
}
