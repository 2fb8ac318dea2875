package dev.netwright.engine.search;

import dev.netwright.designer.catalog.LayerCatalog;
import dev.netwright.designer.model.Design;
import dev.netwright.designer.model.Node;
import dev.netwright.engine.api.TrainingSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Applies a trial's hyperparameters: {@code nodeId.param} names set a layer parameter of the design, other names a
 * field of the run's {@link TrainingSettings} (any of them; the record reads and checks the value). The command line
 * and the platform vary designs and settings through here alike.
 */
public final class SweepParameters {
    private SweepParameters() {
    }

    /** A design and its training settings for one trial. */
    public record Applied(Design design, TrainingSettings settings) {
    }

    /** Checks every name before a sweep starts, so a typo fails at once instead of in trial 7. */
    public static void check(SearchSpace space, Design design) {
        for (String name : space.names()) {
            int dot = name.indexOf('.');
            if (dot < 0) {
                if (!TrainingSettings.fieldNames().contains(name)) {
                    throw new IllegalArgumentException("unknown hyperparameter '" + name + "': platform runs can vary "
                            + "the training options (" + String.join(", ", TrainingSettings.fieldNames())
                            + "), as the command line can, and layer parameters as nodeId.parameter");
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

    /**
     * The trial's design and settings; throws {@link dev.netwright.engine.api.InvalidSettingException} naming a
     * training option whose value does not fit.
     */
    public static Applied apply(Design design, TrainingSettings base, Map<String, Object> params) {
        List<Node> nodes = new ArrayList<>(design.nodes());
        TrainingSettings settings = base;
        for (Map.Entry<String, Object> e : params.entrySet()) {
            String name = e.getKey();
            int dot = name.indexOf('.');
            if (dot < 0) {
                settings = settings.with(name, e.getValue());
                continue;
            }
            String nodeId = name.substring(0, dot);
            for (int i = 0; i < nodes.size(); i++) {
                if (nodes.get(i).id().equals(nodeId)) {
                    nodes.set(i, nodes.get(i).withParam(name.substring(dot + 1), e.getValue()));
                }
            }
        }
        return new Applied(nodes.equals(design.nodes()) ? design : design.withNodes(nodes), settings);
    }
}
