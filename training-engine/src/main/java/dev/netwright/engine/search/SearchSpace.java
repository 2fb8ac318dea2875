package dev.netwright.engine.search;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Named hyperparameters and their domains. Names are free: a training option ({@code learningRate}) or a layer
 * parameter ({@code hidden1.units}, node id then parameter).
 */
public record SearchSpace(Map<String, Domain> parameters) {
    public SearchSpace {
        if (parameters == null || parameters.isEmpty()) {
            throw new IllegalArgumentException("a search space needs at least one parameter");
        }
        parameters = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    }

    public List<String> names() {
        return List.copyOf(parameters.keySet());
    }
}
