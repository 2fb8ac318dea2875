package dev.netwright.engine.cli;

import dev.netwright.engine.train.metrics.ClassMetrics;
import dev.netwright.engine.train.metrics.ClassificationReport;
import dev.netwright.engine.train.metrics.EvaluationReport;
import dev.netwright.engine.train.metrics.RegressionReport;
import java.io.PrintWriter;
import java.util.Locale;

/** Prints a test evaluation: accuracy, per-class table and confusion matrix, or regression errors. */
final class Reporting {
    private Reporting() {
    }

    private static String shorten(String name) {
        return name.length() <= 12 ? name : name.substring(0, 11) + ".";
    }

    static void print(PrintWriter out, EvaluationReport report) {
        switch (report) {
            case ClassificationReport c -> {
                out.printf(Locale.ROOT, "test: accuracy %.4f  loss %.4f  macro-F1 %.4f  (%,d samples)%n", c.accuracy(),
                        c.loss(), c.macroF1(), c.samples());
                out.printf(Locale.ROOT, "  %-20s %9s %9s %9s %8s%n", "class", "precision", "recall", "F1", "support");
                for (ClassMetrics m : c.perClass()) {
                    out.printf(Locale.ROOT, "  %-20s %9.4f %9.4f %9.4f %8d%n", m.className(), m.precision(),
                            m.recall(), m.f1(), m.support());
                }
                out.println("confusion matrix (rows: true class, columns: predicted):");
                int n = c.confusion().size();
                StringBuilder header = new StringBuilder(String.format(Locale.ROOT, "  %-12s", ""));
                for (int j = 0; j < n; j++) {
                    header.append(String.format(Locale.ROOT, " %7s", shorten(c.confusion().classNames().get(j))));
                }
                out.println(header);
                for (int i = 0; i < n; i++) {
                    StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "  %-12s",
                            shorten(c.confusion().classNames().get(i))));
                    for (int j = 0; j < n; j++) {
                        row.append(String.format(Locale.ROOT, " %7d", c.confusion().count(i, j)));
                    }
                    out.println(row);
                }
            }
            case RegressionReport r -> out.printf(Locale.ROOT, "test: MAE %.4f  RMSE %.4f  R^2 %.4f  (%,d samples)%n",
                    r.mae(), r.rmse(), r.r2(), r.samples());
        }
    }
}
