package dev.netwright.engine.search;

import dev.netwright.designer.catalog.LayerCatalog;
import dev.netwright.designer.model.Design;
import dev.netwright.designer.model.Node;
import dev.netwright.engine.train.config.GanConfig;
import dev.netwright.engine.train.config.GradientClipping;
import dev.netwright.engine.train.config.OptimizerConfig;
import dev.netwright.engine.train.config.OptimizerKind;
import dev.netwright.engine.train.config.TrainingConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Applies a trial's hyperparameters: {@code nodeId.param} names set a layer parameter of the design, other names a
 * training option (learningRate, batchSize, epochs, optimizer, weightDecay, momentum, l1, l2, clipNorm,
 * labelSmoothing).
 */
public final class SweepParameters {
    public static final List<String> TRAINING_OPTIONS = List.of("learningRate", "batchSize", "epochs", "optimizer",
            "weightDecay", "momentum", "l1", "l2", "clipNorm", "labelSmoothing");

    private SweepParameters() {
    }

    /** A design and its training settings for one trial. */
    public record Applied(Design design, TrainingConfig config) {
    }

    /** Checks every name before a sweep starts, so a typo fails at once instead of in trial 7. */
    public static void check(SearchSpace space, Design design) {
        for (String name : space.names()) {
            int dot = name.indexOf('.');
            if (dot < 0) {
                if (!TRAINING_OPTIONS.contains(name)) {
                    throw new IllegalArgumentException("unknown hyperparameter '" + name + "': use a training option ("
                            + String.join(", ", TRAINING_OPTIONS) + ") or nodeId.parameter");
                }
                continue;
            }
            String nodeId = name.substring(0, dot);
            String param = name.substring(dot + 1);
            Node node = design.node(nodeId).orElseThrow(() -> new IllegalArgumentException("hyperparameter '" + name
                    + "': the design has no node '" + nodeId + "'"));
            var kind = LayerCatalog.standard().find(node.type()).orElseThrow();
            if (kind.params().stream().noneMatch(p -> p.name().equals(param))) {
                throw new IllegalArgumentException("hyperparameter '" + name + "': " + node.type() + " has no parameter '"
                        + param + "'");
            }
        }
    }

    public static Applied apply(Design design, TrainingConfig config, Map<String, Object> params) {
        List<Node> nodes = new ArrayList<>(design.nodes());
        TrainingConfig.Builder b = config.toBuilder();
        OptimizerConfig optimizer = config.optimizer();
        double l1 = config.regularization().l1();
        double l2 = config.regularization().l2();
        for (Map.Entry<String, Object> e : params.entrySet()) {
            String name = e.getKey();
            Object v = e.getValue();
            int dot = name.indexOf('.');
            if (dot >= 0) {
                String nodeId = name.substring(0, dot);
                for (int i = 0; i < nodes.size(); i++) {
                    if (nodes.get(i).id().equals(nodeId)) {
                        nodes.set(i, nodes.get(i).withParam(name.substring(dot + 1), v));
                    }
                }
                continue;
            }
            switch (name) {
                case "learningRate" -> optimizer = optimizer.withLearningRate(number(v));
                case "weightDecay" -> optimizer = optimizer.withWeightDecay(number(v));
                case "momentum" -> optimizer = optimizer.withMomentum(number(v));
                case "optimizer" -> optimizer = OptimizerConfig.defaults(OptimizerKind.valueOf(
                        v.toString().toUpperCase(Locale.ROOT))).withLearningRate(optimizer.learningRate())
                        .withWeightDecay(optimizer.weightDecay());
                case "batchSize" -> b.batchSize((int) number(v));
                case "epochs" -> b.epochs((int) number(v));
                case "l1" -> l1 = number(v);
                case "l2" -> l2 = number(v);
                case "clipNorm" -> b.clipping(GradientClipping.byNorm(number(v)));
                case "labelSmoothing" -> b.gan(new GanConfig(config.gan().discriminatorSteps(), number(v),
                        config.gan().latentSize(), config.gan().sampleCount()));
                default -> throw new IllegalArgumentException("unknown hyperparameter '" + name + "'");
            }
        }
        b.optimizer(optimizer).regularization(l1, l2);
        return new Applied(design.withNodes(nodes), b.build());
    }

    private static double number(Object v) {
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        throw new IllegalArgumentException("expected a number, got " + v);
    }
}
