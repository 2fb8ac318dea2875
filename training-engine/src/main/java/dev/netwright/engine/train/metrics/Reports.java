package dev.netwright.engine.train.metrics;

import java.util.ArrayList;
import java.util.List;

/** Computes evaluation reports from plain predictions (no DJL), so the formulas are easy to test. */
public final class Reports {
    private Reports() {
    }

    /** Classification report from predicted and actual class indices. */
    public static ClassificationReport classification(int[] predicted, int[] actual, List<String> classNames,
                                                      double loss) {
        if (predicted.length != actual.length) {
            throw new IllegalArgumentException("predicted and actual differ in length");
        }
        int k = classNames.size();
        long[][] counts = new long[k][k];
        long correct = 0;
        for (int i = 0; i < actual.length; i++) {
            counts[actual[i]][predicted[i]]++;
            if (actual[i] == predicted[i]) {
                correct++;
            }
        }
        List<ClassMetrics> perClass = new ArrayList<>(k);
        double f1Sum = 0;
        for (int c = 0; c < k; c++) {
            long tp = counts[c][c];
            long predictedC = 0;
            long actualC = 0;
            for (int j = 0; j < k; j++) {
                predictedC += counts[j][c];
                actualC += counts[c][j];
            }
            double precision = predictedC == 0 ? 0 : (double) tp / predictedC;
            double recall = actualC == 0 ? 0 : (double) tp / actualC;
            double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
            f1Sum += f1;
            perClass.add(new ClassMetrics(classNames.get(c), precision, recall, f1, actualC));
        }
        double accuracy = actual.length == 0 ? 0 : (double) correct / actual.length;
        return new ClassificationReport(loss, actual.length, accuracy, perClass, k == 0 ? 0 : f1Sum / k,
                new ConfusionMatrix(classNames, counts));
    }

    /** Regression report over all target values (multi-output targets are pooled). */
    public static RegressionReport regression(float[] predicted, float[] actual, double loss) {
        if (predicted.length != actual.length) {
            throw new IllegalArgumentException("predicted and actual differ in length");
        }
        int n = actual.length;
        double mean = 0;
        for (float a : actual) {
            mean += a;
        }
        mean /= Math.max(1, n);
        double abs = 0;
        double sq = 0;
        double tot = 0;
        for (int i = 0; i < n; i++) {
            double e = predicted[i] - actual[i];
            abs += Math.abs(e);
            sq += e * e;
            tot += (actual[i] - mean) * (actual[i] - mean);
        }
        double r2 = tot == 0 ? Double.NaN : 1 - sq / tot;
        return new RegressionReport(loss, n, abs / Math.max(1, n), Math.sqrt(sq / Math.max(1, n)), r2);
    }
}
