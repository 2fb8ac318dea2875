package dev.netwright.engine.run;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.netwright.designer.model.Design;
import dev.netwright.designer.template.DesignBuilder;
import dev.netwright.engine.compile.CompiledNetwork;
import dev.netwright.engine.compile.DesignCompiler;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WeightTransferTest {
    private static Design mlp(int hidden2, int classes) {
        return DesignBuilder.named("mlp").node("in", "Input", "shape", List.of(8))
                .then("h1", "Dense", "units", 16, "activation", "relu")
                .then("h2", "Dense", "units", hidden2, "activation", "relu")
                .then("out", "Dense", "units", classes).build();
    }

    @Test
    void copiesMatchingNodesSkipsChangedOnesAndFreezes() throws Exception {
        DesignCompiler compiler = new DesignCompiler();
        try (NDManager manager = NDManager.newBaseManager()) {
            CompiledNetwork old = compiler.compile(mlp(16, 3), false);
            CompiledNetwork fresh = compiler.compile(mlp(16, 5), false);
            old.block().initialize(manager, DataType.FLOAT32, new Shape(1, 8));
            fresh.block().initialize(manager, DataType.FLOAT32, new Shape(1, 8));
            WeightTransfer.Report report = WeightTransfer.copy(old.block(), fresh.block());
            assertThat(report.copied()).containsExactly("h1", "h2");
            assertThat(report.skipped()).containsExactly("out");
            float[] a = old.block().nodeBlocks().get("h1").getParameters().get(0).getValue().getArray().toFloatArray();
            float[] b = fresh.block().nodeBlocks().get("h1").getParameters().get(0).getValue().getArray().toFloatArray();
            assertThat(b).containsExactly(a);
            WeightTransfer.freeze(fresh.block(), Set.of("h1"), true);
            assertThat(fresh.block().nodeBlocks().get("h1").getParameters().values())
                    .allSatisfy(p -> assertThat(p.requiresGradient()).isFalse());
            assertThat(fresh.block().nodeBlocks().get("h2").getParameters().values())
                    .allSatisfy(p -> assertThat(p.requiresGradient()).isTrue());
        }
    }
}
