package dev.netwright.designer.block;

import dev.netwright.designer.model.Design;
import dev.netwright.designer.template.DesignBuilder;
import java.util.List;
import java.util.Map;

/**
 * For every built-in block: an input shape and parameter values that fit it, as a one-instance design (what the
 * block gallery previews and what the tests compare with the flattened design).
 */
public final class BuiltInBlockExamples {
    public record Example(String block, List<Integer> inputShape, Map<String, Object> values) {
        public Design design() {
            Object[] params = BlockInstance.params(new BlockRef(block, 1), values).entrySet().stream()
                    .flatMap(e -> java.util.stream.Stream.of(e.getKey(), e.getValue())).toArray();
            return DesignBuilder.named(block).node("in", "Input", "shape", inputShape)
                    .then("block", BlockInstance.TYPE, params).build();
        }
    }

    public static final List<Example> ALL = List.of(
            new Example("residual-basic", List.of(16, 8, 8), Map.of("filters", 32, "stride", 2)),
            new Example("residual-identity", List.of(16, 8, 8), Map.of("filters", 16)),
            new Example("residual-bottleneck", List.of(16, 8, 8), Map.of("filters", 8, "outFilters", 32, "stride", 2)),
            new Example("transformer-encoder", List.of(10, 32), Map.of("heads", 4, "dim", 32, "ffDim", 64)),
            new Example("inception-module", List.of(16, 8, 8), Map.of()),
            new Example("vgg-stage", List.of(3, 8, 8), Map.of("filters", 8)),
            new Example("dcgan-up", List.of(16, 4, 4), Map.of("filters", 8)));

    private BuiltInBlockExamples() {
    }
}
