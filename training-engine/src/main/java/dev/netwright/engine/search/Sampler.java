package dev.netwright.engine.search;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Proposes the next trial's hyperparameters from the trials so far; empty when it has nothing left to propose. */
public interface Sampler {
    Optional<Map<String, Object>> next(List<Trial> history);
}
