package dev.netwright.engine.train;

import dev.netwright.engine.train.metrics.BatchMetrics;
import dev.netwright.engine.train.metrics.EpochMetrics;
import dev.netwright.engine.train.metrics.EvaluationReport;
import dev.netwright.engine.train.metrics.TrainingListener;

import java.util.ArrayList;
import java.util.List;

/** Keeps everything a run reports. */
class RecordingListener implements TrainingListener {
    final List<BatchMetrics> batches = new ArrayList<>();
    final List<EpochMetrics> epochs = new ArrayList<>();
    final List<EvaluationReport> evaluations = new ArrayList<>();
    final List<String> messages = new ArrayList<>();

    @Override
    public void onBatch(BatchMetrics metrics) {
        batches.add(metrics);
    }

    @Override
    public void onEpoch(EpochMetrics metrics) {
        epochs.add(metrics);
    }

    @Override
    public void onEvaluation(EvaluationReport report) {
        evaluations.add(report);
    }

    @Override
    public void onMessage(String message) {
        messages.add(message);
    }
}
