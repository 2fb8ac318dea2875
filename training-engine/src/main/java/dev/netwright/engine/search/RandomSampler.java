package dev.netwright.engine.search;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Independent random values per parameter. The random state is derived from the seed and the trial number, so a
 * sweep restarted after a crash proposes the same trials.
 */
public final class RandomSampler implements Sampler {
    private final SearchSpace space;
    private final long seed;

    public RandomSampler(SearchSpace space, long seed) {
        this.space = space;
        this.seed = seed;
    }

    @Override
    public Optional<Map<String, Object>> next(List<Trial> history) {
        SplittableRandom random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + history.size());
        Map<String, Object> params = new LinkedHashMap<>();
        space.parameters().forEach((name, domain) -> params.put(name, sample(domain, random)));
        return Optional.of(params);
    }

    static Object sample(Domain domain, SplittableRandom random) {
        return switch (domain) {
            case Domain.Categorical c -> c.values().get(random.nextInt(c.values().size()));
            case Domain.IntRange r -> r.log()
                    ? (int) Math.min(r.high(), Math.max(r.low(), Math.round(Math.exp(Math.log(r.low())
                    + random.nextDouble() * (Math.log(r.high()) - Math.log(r.low()))))))
                    : r.low() + random.nextInt(r.high() - r.low() + 1);
            case Domain.RealRange r -> r.log()
                    ? Math.exp(Math.log(r.low()) + random.nextDouble() * (Math.log(r.high()) - Math.log(r.low())))
                    : r.low() + random.nextDouble() * (r.high() - r.low());
        };
    }
}
