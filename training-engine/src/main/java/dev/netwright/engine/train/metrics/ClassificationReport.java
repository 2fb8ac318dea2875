package dev.netwright.engine.train.metrics;

import java.util.List;

/**
 * Classification evaluation.
 *
 * @param loss       mean loss
 * @param samples    evaluated samples
 * @param accuracy   share of correct predictions
 * @param perClass   precision / recall / F1 per class, in class-index order
 * @param macroF1    unweighted mean of the per-class F1 scores
 * @param confusion  confusion matrix
 */
public record ClassificationReport(double loss, long samples, double accuracy, List<ClassMetrics> perClass,
                                   double macroF1, ConfusionMatrix confusion) implements EvaluationReport {

    public ClassificationReport {
        perClass = List.copyOf(perClass);
    }
}
