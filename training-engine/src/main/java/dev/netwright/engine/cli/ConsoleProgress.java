package dev.netwright.engine.cli;

import dev.netwright.engine.data.baseline.BaselineResult;
import dev.netwright.engine.run.PreparedData;
import dev.netwright.engine.run.RunListener;
import dev.netwright.engine.train.GanEpochMetrics;
import dev.netwright.engine.train.metrics.BatchMetrics;
import dev.netwright.engine.train.metrics.EpochMetrics;
import dev.netwright.engine.train.metrics.SplitScores;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;

/** Prints a run's progress for a terminal: a live progress bar on stderr, one line per epoch on stdout. */
final class ConsoleProgress implements RunListener {
    private static final int BAR = 24;
    private final PrintWriter out;
    private final PrintWriter err;
    private final boolean interactive;
    private final int totalEpochs;
    private long lastDraw;
    private long epochStart;

    ConsoleProgress(PrintWriter out, PrintWriter err, boolean interactive, int totalEpochs) {
        this.out = out;
        this.err = err;
        this.interactive = interactive;
        this.totalEpochs = totalEpochs;
    }

    @Override
    public void onPrepared(PreparedData data) {
        out.printf(Locale.ROOT, "data: %,d training, %,d validation, %,d test samples of shape %s%s%n",
                data.train().size(), data.validation().map(v -> v.size()).orElse(0), data.test().size(),
                java.util.Arrays.toString(data.train().sampleShape()),
                data.normaliser().isPresent() ? ", normalised with training-split statistics" : "");
        out.flush();
    }

    @Override
    public void onBaseline(BaselineResult b) {
        out.printf(Locale.ROOT, "linear baseline (%s): test %s %.4f%n", b.modelKind(), b.metricName(), b.value());
        out.flush();
    }

    @Override
    public void onBatch(BatchMetrics m) {
        long now = System.nanoTime();
        if (m.batch() <= 1) {
            epochStart = now;
        }
        if (!interactive || now - lastDraw < 200_000_000L && m.batch() < m.batchesPerEpoch()) {
            return;
        }
        lastDraw = now;
        int filled = (int) Math.round(BAR * (double) m.batch() / Math.max(1, m.batchesPerEpoch()));
        double perBatch = (now - epochStart) / 1e9 / Math.max(1, m.batch());
        long batchesLeft = (m.batchesPerEpoch() - m.batch()) + (long) (totalEpochs - m.epoch()) * m.batchesPerEpoch();
        err.printf(Locale.ROOT, "\repoch %d/%d [%s%s] %d/%d  loss %.4f  lr %.2e  %,.0f samples/s  ETA %s  ",
                m.epoch(), totalEpochs, "#".repeat(filled), "-".repeat(BAR - filled), m.batch(), m.batchesPerEpoch(),
                m.loss(), m.learningRate(), m.samplesPerSecond(),
                duration(Duration.ofMillis((long) (perBatch * batchesLeft * 1000))));
        err.flush();
    }

    @Override
    public void onEpoch(EpochMetrics m) {
        if (interactive) {
            err.print("\r" + " ".repeat(100) + "\r");
            err.flush();
        }
        out.printf(Locale.ROOT, "epoch %d/%d  train %s%s  lr %.2e  %s  ETA %s%s%n", m.epoch(), m.totalEpochs(),
                scores(m.train()), m.validation().map(v -> "  validation " + scores(v)).orElse(""), m.learningRate(),
                duration(m.epochTime()), duration(m.eta()), m.improved() ? "  *" : "");
        out.flush();
    }

    @Override
    public void onEpoch(GanEpochMetrics m) {
        out.printf(Locale.ROOT, "epoch %d/%d  D loss %.4f  G loss %.4f  D(real) %.3f  D(fake) %.3f  %s%n", m.epoch(),
                m.totalEpochs(), m.discriminatorLoss(), m.generatorLoss(), m.realScore(), m.fakeScore(),
                duration(m.epochTime()));
        out.flush();
    }

    @Override
    public void onMessage(String message) {
        out.println("note: " + message);
        out.flush();
    }

    static String scores(SplitScores s) {
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "loss %.4f", s.loss()));
        s.accuracy().ifPresent(a -> b.append(String.format(Locale.ROOT, " accuracy %.4f", a)));
        s.mae().ifPresent(a -> b.append(String.format(Locale.ROOT, " MAE %.4f", a)));
        s.rmse().ifPresent(a -> b.append(String.format(Locale.ROOT, " RMSE %.4f", a)));
        return b.toString();
    }

    static String duration(Duration d) {
        long s = Math.max(0, d.toSeconds());
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60) + (s < 10 ? String.format(Locale.ROOT,
                ".%01d", d.toMillis() / 100 % 10) : "");
    }
}
