package dev.netwright.tests.bench;

import dev.netwright.designer.model.Design;
import dev.netwright.designer.template.DesignBuilder;
import dev.netwright.engine.run.DatasetSpec;
import dev.netwright.engine.run.RunListener;
import dev.netwright.engine.run.RunRequest;
import dev.netwright.engine.run.TrainingRun;
import dev.netwright.engine.search.AshaPruner;
import dev.netwright.engine.search.Direction;
import dev.netwright.engine.search.Domain;
import dev.netwright.engine.search.RandomSampler;
import dev.netwright.engine.search.Sampler;
import dev.netwright.engine.search.SearchSpace;
import dev.netwright.engine.search.TpeSampler;
import dev.netwright.engine.search.Trial;
import dev.netwright.engine.train.CancellationFlag;
import dev.netwright.engine.train.config.LossKind;
import dev.netwright.engine.train.config.OptimizerKind;
import dev.netwright.engine.train.config.TrainingConfig;
import dev.netwright.engine.train.metrics.EpochMetrics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.function.LongFunction;

/**
 * Evidence for the search methods. (1) On the Branin function (known minimum 0.397887), over 20 seeds: how many trials
 * TPE and random search need to get within 1% (and 5%) of the optimum. (2) ASHA on a real random-search sweep
 * (20 MLPs on 3,000 Fashion-MNIST images, 9 epochs each): epochs trained with and without pruning and the best validation accuracy each way.
 */
public final class SearchBenchmark {
    private static final double BRANIN_MIN = 0.397887;

    private SearchBenchmark() {
    }

    static double branin(double x1, double x2) {
        double a = 1;
        double b = 5.1 / (4 * Math.PI * Math.PI);
        double c = 5 / Math.PI;
        double r = 6;
        double s = 10;
        double t = 1 / (8 * Math.PI);
        return a * Math.pow(x2 - b * x1 * x1 + c * x1 - r, 2) + s * (1 - t) * Math.cos(x1) + s;
    }

    /** Trials until the best value is within {@code tolerance} (relative) of the optimum; {@code cap} if never. */
    static int trialsToTarget(Sampler sampler, double tolerance, int cap) {
        List<Trial> history = new ArrayList<>();
        for (int i = 0; i < cap; i++) {
            Map<String, Object> p = sampler.next(history).orElseThrow();
            double y = branin((Double) p.get("x1"), (Double) p.get("x2"));
            if (y <= BRANIN_MIN * (1 + tolerance)) {
                return i + 1;
            }
            history.add(new Trial(i, p, Trial.State.COMPLETED, OptionalDouble.of(y), List.of()));
        }
        return cap;
    }

    static void branin(int seeds, int cap) {
        SearchSpace space = new SearchSpace(Map.of("x1", new Domain.RealRange(-5, 10, false),
                "x2", new Domain.RealRange(0, 15, false)));
        for (double tolerance : new double[] {0.05, 0.01}) {
            double tpe = mean(seed -> new TpeSampler(space, Direction.MINIMIZE, seed), tolerance, seeds, cap);
            double random = mean(seed -> new RandomSampler(space, seed), tolerance, seeds, cap);
            System.out.printf(Locale.ROOT, "Branin, within %.0f%% of the optimum: TPE %.1f trials, random %.1f trials "
                    + "(mean over %d seeds, capped at %d)%n", tolerance * 100, tpe, random, seeds, cap);
        }
    }

    private static double mean(LongFunction<Sampler> sampler, double tolerance, int seeds, int cap) {
        double total = 0;
        for (long seed = 0; seed < seeds; seed++) {
            total += trialsToTarget(sampler.apply(seed), tolerance, cap);
        }
        return total / seeds;
    }

    static Design mlp(int units) {
        return DesignBuilder.named("sweep-mlp").node("in", "Input", "shape", List.of(784))
                .then("hidden", "Dense", "units", units, "activation", "relu")
                .then("out", "Dense", "units", 10, "activation", "softmax").build();
    }

    /** Validation accuracy after each epoch of one real training. */
    static List<Double> curve(int units, double lr, int epochs, Path dir) throws Exception {
        List<Double> accuracy = new ArrayList<>();
        RunListener listener = new RunListener() {
            @Override
            public void onEpoch(EpochMetrics m) {
                accuracy.add(m.validation().orElseThrow().accuracy().orElseThrow());
            }
        };
        TrainingConfig config = TrainingConfig.builder().loss(LossKind.SOFTMAX_CROSS_ENTROPY)
                .optimizer(OptimizerKind.ADAM, lr).epochs(epochs).batchSize(64).seed(1).validationFraction(0.2)
                .build();
        new TrainingRun().execute(new RunRequest(mlp(units), new DatasetSpec.Builtin("fashion-mnist", 3000), config),
                listener, dir, new CancellationFlag());
        return accuracy;
    }

    static void asha(int trials, int epochs) throws Exception {
        // a random-search sweep as users run it: learning rate log-uniform, hidden width categorical
        SearchSpace space = new SearchSpace(Map.of("lr", new Domain.RealRange(1e-4, 3e-2, true),
                "units", new Domain.Categorical(List.of(32, 64, 128))));
        RandomSampler sampler = new RandomSampler(space, 2026);
        List<Trial> proposed = new ArrayList<>();
        List<List<Double>> curves = new ArrayList<>();
        Path work = Files.createTempDirectory("netwright-sweep");
        for (int i = 0; i < trials; i++) {
            Map<String, Object> p = sampler.next(proposed).orElseThrow();
            proposed.add(new Trial(i, p, Trial.State.RUNNING, OptionalDouble.empty(), List.of()));
            curves.add(curve((Integer) p.get("units"), (Double) p.get("lr"), epochs, work.resolve("t" + i)));
        }
        // replay ASHA asynchronously: trial i decides with what trials 0..i-1 had reported where they stopped
        AshaPruner asha = new AshaPruner(Direction.MAXIMIZE, 1, 3);
        List<Trial> seen = new ArrayList<>();
        int epochsWith = 0;
        double bestWith = 0;
        for (int i = 0; i < curves.size(); i++) {
            List<Double> full = curves.get(i);
            int ran = full.size();
            for (int step = 1; step <= full.size(); step++) {
                Trial now = new Trial(i, Map.of(), Trial.State.RUNNING, OptionalDouble.empty(), full.subList(0, step));
                if (asha.shouldPrune(now, step, seen)) {
                    ran = step;
                    break;
                }
            }
            epochsWith += ran;
            seen.add(new Trial(i, Map.of(), ran == full.size() ? Trial.State.COMPLETED : Trial.State.PRUNED,
                    OptionalDouble.of(full.get(ran - 1)), full.subList(0, ran)));
            if (ran == full.size()) {
                bestWith = Math.max(bestWith, full.get(full.size() - 1));
            }
        }
        int epochsWithout = curves.stream().mapToInt(List::size).sum();
        double bestWithout = curves.stream().mapToDouble(c -> c.get(c.size() - 1)).max().orElse(0);
        System.out.printf(Locale.ROOT, "ASHA (min 1 epoch, factor 3) on %d real trials of %d epochs: %d epochs "
                        + "instead of %d (%.0f%% saved); best validation accuracy %.2f%% with pruning, %.2f%% without "
                        + "(difference %.2f points)%n", curves.size(), epochs, epochsWith, epochsWithout,
                100.0 * (epochsWithout - epochsWith) / epochsWithout, bestWith * 100, bestWithout * 100,
                (bestWithout - bestWith) * 100);
    }

    public static void main(String[] args) throws Exception {
        int seeds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        branin(seeds, 500);
        asha(args.length > 2 ? Integer.parseInt(args[2]) : 20, args.length > 1 ? Integer.parseInt(args[1]) : 9);
    }
}
