package dev.netwright.engine.search;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every combination, in a fixed order (the last parameter varies fastest). Continuous ranges are cut into
 * {@code pointsPerRange} evenly spaced values (log-spaced for log ranges); integer ranges list every integer up to
 * that many, spaced otherwise.
 */
final class GridSampler implements Sampler {
    private final List<String> names;
    private final List<List<Object>> axes;

    public GridSampler(SearchSpace space, int pointsPerRange) {
        if (pointsPerRange < 2) {
            throw new IllegalArgumentException("a grid needs at least 2 points per range, got " + pointsPerRange);
        }
        this.names = space.names();
        this.axes = new ArrayList<>();
        for (String name : names) {
            axes.add(values(space.parameters().get(name), pointsPerRange));
        }
    }

    static List<Object> values(Domain domain, int points) {
        return switch (domain) {
            case Domain.Categorical c -> c.values();
            case Domain.IntRange r -> {
                List<Object> v = new ArrayList<>();
                if (r.high() - r.low() + 1 <= points) {
                    for (int i = r.low(); i <= r.high(); i++) {
                        v.add(i);
                    }
                } else {
                    for (int i = 0; i < points; i++) {
                        double t = (double) i / (points - 1);
                        double x = r.log() ? Math.exp(Math.log(r.low()) + t * (Math.log(r.high()) - Math.log(r.low())))
                                : r.low() + t * (r.high() - r.low());
                        int value = (int) Math.round(x);
                        if (!v.contains(value)) {
                            v.add(value);
                        }
                    }
                }
                yield v;
            }
            case Domain.RealRange r -> {
                List<Object> v = new ArrayList<>();
                for (int i = 0; i < points; i++) {
                    double t = (double) i / (points - 1);
                    // the ends exactly as given, whatever rounding exp/log would do to them
                    v.add(i == 0 ? r.low() : i == points - 1 ? r.high() : r.log()
                            ? Math.exp(Math.log(r.low()) + t * (Math.log(r.high()) - Math.log(r.low())))
                            : r.low() + t * (r.high() - r.low()));
                }
                yield v;
            }
        };
    }

    /** Number of combinations. */
    public long size() {
        long n = 1;
        for (List<Object> axis : axes) {
            n *= axis.size();
        }
        return n;
    }

    @Override
    public Optional<Map<String, Object>> next(List<Trial> history) {
        long index = history.size();
        if (index >= size()) {
            return Optional.empty();
        }
        Map<String, Object> params = new LinkedHashMap<>();
        for (int i = names.size() - 1; i >= 0; i--) {
            List<Object> axis = axes.get(i);
            params.put(names.get(i), axis.get((int) (index % axis.size())));
            index /= axis.size();
        }
        Map<String, Object> ordered = new LinkedHashMap<>();
        names.forEach(n -> ordered.put(n, params.get(n)));
        return Optional.of(ordered);
    }
}
