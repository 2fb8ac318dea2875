package dev.netwright.frontend.run;

import com.vaadin.flow.component.html.Div;
import dev.netwright.engine.api.MetricKind;
import tools.jackson.databind.JsonNode;

/**
 * The live training curves of one run. Supervised runs: loss (per batch and per epoch, validation), accuracy or MAE,
 * learning rate and throughput. GAN runs: discriminator and generator losses and the discriminator's scores. The x
 * axis is the epoch, fractional within an epoch, so batch and epoch points share it.
 */
final class RunCharts extends Div {
    private final LiveChart loss = new LiveChart("chart-loss", "Loss", "epoch", "loss", "train (batches)",
            "train (epoch)", "validation");
    private final LiveChart quality = new LiveChart("chart-quality", "Accuracy", "epoch", "accuracy", "train",
            "validation");
    private final LiveChart rate = new LiveChart("chart-lr", "Learning rate", "epoch", "rate",
            "learning rate").logScale();
    private final LiveChart speed = new LiveChart("chart-throughput", "Throughput", "epoch", "samples/s",
            "samples/s");
    private final LiveChart ganLoss = new LiveChart("chart-gan-loss", "GAN losses", "epoch", "loss",
            "discriminator", "generator", "discriminator per batch", "generator per batch");
    private final LiveChart ganScores = new LiveChart("chart-gan-scores", "Discriminator scores", "epoch", "D(x)",
            "real", "generated");
    private boolean gan;
    private boolean regression;
    private boolean live;

    RunCharts() {
        addClassName("nw-run-charts");
        getElement().setAttribute("data-testid", "run-charts");
    }

    /** Takes one BATCH or EPOCH point (others are ignored). */
    void accept(MetricKind kind, JsonNode p) {
        switch (kind) {
            case BATCH -> {
                double x = p.path("epoch").asInt() - 1 + p.path("batch").asDouble()
                        / Math.max(1, p.path("batchesPerEpoch").asInt());
                if (p.has("discriminatorLoss")) { // a GAN step: both losses live from the first batch
                    gan = true;
                    ganLoss.add(2, x, Payloads.number(p, "discriminatorLoss"));
                    if (!Double.isNaN(Payloads.number(p, "generatorLoss"))) {
                        ganLoss.add(3, x, Payloads.number(p, "generatorLoss"));
                    }
                    return;
                }
                loss.add(0, x, Payloads.number(p, "loss"));
                rate.add(0, x, Payloads.number(p, "learningRate"));
                speed.add(0, x, Payloads.number(p, "samplesPerSecond"));
            }
            case EPOCH -> {
                double x = p.path("epoch").asInt();
                if (p.has("discriminatorLoss")) {
                    gan = true;
                    ganLoss.add(0, x, Payloads.number(p, "discriminatorLoss"));
                    ganLoss.add(1, x, Payloads.number(p, "generatorLoss"));
                    ganScores.add(0, x, Payloads.number(p, "realScore"));
                    ganScores.add(1, x, Payloads.number(p, "fakeScore"));
                    return;
                }
                JsonNode train = p.path("train");
                JsonNode val = p.path("validation");
                loss.add(1, x, Payloads.number(train, "loss"));
                loss.add(2, x, Payloads.number(val, "loss"));
                if (!Double.isNaN(Payloads.number(train, "mae")) && Double.isNaN(Payloads.number(train, "accuracy"))) {
                    regression = true;
                    quality.retitle("Mean absolute error", "MAE");
                }
                String metric = regression ? "mae" : "accuracy";
                quality.add(0, x, Payloads.number(train, metric));
                quality.add(1, x, Payloads.number(val, metric));
            }
            default -> {
            }
        }
    }

    /** Shows the history collected so far and appends from now on; GAN runs show only their own charts. */
    void goLive() {
        if (live) {
            return;
        }
        live = true;
        // a GAN's trainer reports per epoch only: its learning-rate and throughput charts would stay empty
        LiveChart[] shown = gan ? new LiveChart[] {ganLoss, ganScores}
                : new LiveChart[] {loss, quality, rate, speed};
        for (LiveChart c : shown) {
            c.goLive();
            add(c.component());
        }
    }

    boolean isLive() {
        return live;
    }

    /** A run that became a GAN or regression run after going live (history was empty) needs its layout again. */
    boolean needsRelayout(MetricKind kind, JsonNode p) {
        return live && (kind == MetricKind.EPOCH || kind == MetricKind.BATCH) && ((!gan && p.has("discriminatorLoss"))
                || (!regression && !gan && !Double.isNaN(Payloads.number(p.path("train"), "mae"))
                && Double.isNaN(Payloads.number(p.path("train"), "accuracy"))));
    }

    void relayout() {
        removeAll();
        live = false;
        goLive();
    }
}
