package dev.netwright.engine.search;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Tree-structured Parzen Estimator (Bergstra et al. 2011), univariate: after {@code startupTrials} random trials,
 * the finished trials are split into the best {@code gamma} share ("good") and the rest; per parameter a Parzen
 * density is fitted to each group, candidates are drawn from the good density, and the candidate with the highest
 * good/bad density ratio is proposed. Numbers live in [0, 1] (log scale for log ranges) internally.
 */
public final class TpeSampler implements Sampler {
    private final SearchSpace space;
    private final Direction direction;
    private final long seed;
    private final int startupTrials;
    private final int candidates;
    private final double gamma;

    public TpeSampler(SearchSpace space, Direction direction, long seed) {
        this(space, direction, seed, 10, 24, 0.25);
    }

    TpeSampler(SearchSpace space, Direction direction, long seed, int startupTrials, int candidates,
                      double gamma) {
        this.space = space;
        this.direction = direction;
        this.seed = seed;
        this.startupTrials = startupTrials;
        this.candidates = candidates;
        this.gamma = gamma;
    }

    @Override
    public Optional<Map<String, Object>> next(List<Trial> history) {
        List<Trial> done = history.stream().filter(t -> t.state() == Trial.State.COMPLETED
                && t.objective().isPresent()).sorted(Comparator.comparingDouble(
                t -> direction.loss(t.objective().getAsDouble()))).toList();
        if (done.size() < startupTrials) {
            return new RandomSampler(space, seed).next(history);
        }
        SplittableRandom random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + history.size() + 7919);
        int good = Math.min(25, Math.max(1, (int) Math.ceil(gamma * done.size())));
        List<Trial> below = done.subList(0, good);
        List<Trial> above = new ArrayList<>(done.subList(good, done.size()));
        // pruned trials stopped because they looked bad: they inform the "bad" density
        history.stream().filter(t -> t.state() == Trial.State.PRUNED).forEach(above::add);
        Map<String, Object> params = new LinkedHashMap<>();
        space.parameters().forEach((name, domain) -> params.put(name, switch (domain) {
            case Domain.Categorical c -> categorical(c, name, below, above, random);
            case Domain.IntRange r -> toInt(r, numeric(unitValues(name, domain, below), unitValues(name, domain, above),
                    random));
            case Domain.RealRange r -> fromUnit(r, numeric(unitValues(name, domain, below),
                    unitValues(name, domain, above), random));
        }));
        return Optional.of(params);
    }

    /** Draws candidates from the good Parzen density and keeps the one with the best good/bad ratio. */
    private double numeric(double[] good, double[] bad, SplittableRandom random) {
        Parzen l = new Parzen(good);
        Parzen g = new Parzen(bad);
        double best = Double.NaN;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < candidates; i++) {
            double x = l.sample(random);
            double score = l.logDensity(x) - g.logDensity(x);
            if (score > bestScore) {
                bestScore = score;
                best = x;
            }
        }
        return best;
    }

    private Object categorical(Domain.Categorical c, String name, List<Trial> below, List<Trial> above,
                               SplittableRandom random) {
        double[] l = counts(c, name, below);
        double[] g = counts(c, name, above);
        double[] cumulative = new double[l.length];
        double sum = Arrays.stream(l).sum();
        for (int i = 0; i < l.length; i++) {
            cumulative[i] = (i == 0 ? 0 : cumulative[i - 1]) + l[i] / sum;
        }
        int best = 0;
        double bestScore = Double.NEGATIVE_INFINITY;
        double gSum = Arrays.stream(g).sum();
        for (int k = 0; k < candidates; k++) {
            double u = random.nextDouble();
            int i = 0;
            while (i < cumulative.length - 1 && u > cumulative[i]) {
                i++;
            }
            double score = Math.log(l[i] / sum) - Math.log(g[i] / gSum);
            if (score > bestScore) {
                bestScore = score;
                best = i;
            }
        }
        return c.values().get(best);
    }

    /** Observation counts per category plus a prior of one, so unseen values keep a chance. */
    private static double[] counts(Domain.Categorical c, String name, List<Trial> trials) {
        double[] n = new double[c.values().size()];
        Arrays.fill(n, 1.0);
        for (Trial t : trials) {
            int i = c.values().indexOf(t.params().get(name));
            if (i >= 0) {
                n[i]++;
            }
        }
        return n;
    }

    private static double[] unitValues(String name, Domain domain, List<Trial> trials) {
        return trials.stream().map(t -> t.params().get(name)).filter(v -> v instanceof Number)
                .mapToDouble(v -> toUnit(domain, ((Number) v).doubleValue())).toArray();
    }

    static double toUnit(Domain domain, double v) {
        return switch (domain) {
            case Domain.IntRange r -> r.log() ? (Math.log(v) - Math.log(r.low())) / (Math.log(r.high() + 1e-9)
                    - Math.log(r.low()) + 1e-12) : (v - r.low()) / Math.max(1e-12, r.high() - r.low());
            case Domain.RealRange r -> r.log() ? (Math.log(v) - Math.log(r.low())) / (Math.log(r.high())
                    - Math.log(r.low())) : (v - r.low()) / (r.high() - r.low());
            case Domain.Categorical c -> throw new IllegalArgumentException("categorical");
        };
    }

    private static double fromUnit(Domain.RealRange r, double u) {
        u = Math.min(1, Math.max(0, u));
        return r.log() ? Math.exp(Math.log(r.low()) + u * (Math.log(r.high()) - Math.log(r.low())))
                : r.low() + u * (r.high() - r.low());
    }

    private static int toInt(Domain.IntRange r, double u) {
        u = Math.min(1, Math.max(0, u));
        double x = r.log() ? Math.exp(Math.log(r.low()) + u * (Math.log(r.high()) - Math.log(r.low())))
                : r.low() + u * (r.high() - r.low());
        return (int) Math.min(r.high(), Math.max(r.low(), Math.round(x)));
    }

    /**
     * A mixture of Gaussians on [0, 1], one per observation plus a wide prior at the centre; each bandwidth is the
     * larger gap to its sorted neighbours, clipped (Bergstra's heuristic).
     */
    static final class Parzen {
        private final double[] mu;
        private final double[] sigma;

        Parzen(double[] observations) {
            double[] sorted = observations.clone();
            Arrays.sort(sorted);
            int n = sorted.length;
            mu = new double[n + 1];
            sigma = new double[n + 1];
            double minSigma = 1.0 / Math.min(100, n + 1);
            for (int i = 0; i < n; i++) {
                double left = i == 0 ? sorted[i] : sorted[i] - sorted[i - 1];
                double right = i == n - 1 ? 1 - sorted[i] : sorted[i + 1] - sorted[i];
                mu[i] = sorted[i];
                sigma[i] = Math.min(1.0, Math.max(minSigma, Math.max(left, right)));
            }
            mu[n] = 0.5;
            sigma[n] = 1.0;
        }

        double sample(SplittableRandom random) {
            int k = random.nextInt(mu.length);
            for (int attempt = 0; attempt < 100; attempt++) {
                double x = mu[k] + sigma[k] * gaussian(random);
                if (x >= 0 && x <= 1) {
                    return x;
                }
            }
            return Math.min(1, Math.max(0, mu[k]));
        }

        double logDensity(double x) {
            double sum = 0;
            for (int k = 0; k < mu.length; k++) {
                // each component truncated to [0, 1]: divide by its mass inside
                double mass = phi((1 - mu[k]) / sigma[k]) - phi(-mu[k] / sigma[k]);
                double z = (x - mu[k]) / sigma[k];
                sum += Math.exp(-0.5 * z * z) / (sigma[k] * Math.sqrt(2 * Math.PI)) / Math.max(mass, 1e-12);
            }
            return Math.log(sum / mu.length + 1e-300);
        }

        private static double gaussian(SplittableRandom random) {
            double u1 = Math.max(random.nextDouble(), 1e-300);
            double u2 = random.nextDouble();
            return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
        }

        /** Standard normal cumulative distribution (Abramowitz-Stegun 7.1.26 on erf). */
        private static double phi(double z) {
            double x = Math.abs(z) / Math.sqrt(2);
            double t = 1 / (1 + 0.3275911 * x);
            double erf = 1 - (((((1.061405429 * t - 1.453152027) * t) + 1.421413741) * t - 0.284496736) * t
                    + 0.254829592) * t * Math.exp(-x * x);
            return z >= 0 ? 0.5 * (1 + erf) : 0.5 * (1 - erf);
        }
    }
}
