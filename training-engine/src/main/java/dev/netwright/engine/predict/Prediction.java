package dev.netwright.engine.predict;

import java.util.List;
import java.util.Map;

/**
 * The model's answer for one sample.
 *
 * @param label         the predicted class name (classifiers), else null
 * @param classIndex    its index in the class list (classifiers), else -1
 * @param probabilities class name to probability in class order (classifiers), else empty
 * @param values        the raw outputs: probabilities for classifiers, predicted values for regression
 */
public record Prediction(String label, int classIndex, Map<String, Double> probabilities, List<Double> values) {
    public Prediction {
        // the predictor's own views are immutable already; anything else is copied
        probabilities = probabilities instanceof ClassProbabilities ? probabilities
                : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(probabilities));
        values = values instanceof OutputValues ? values : List.copyOf(values);
    }
}
