package dev.netwright.frontend.designer.panel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netwright.designer.block.BlockRef;
import dev.netwright.designer.block.BuiltInBlocks;
import dev.netwright.designer.catalog.ParamSpec;
import org.junit.jupiter.api.Test;

class BlockInstanceKindTest {

    @Test
    void thePanelEditsThePinnedVersionAndTheExposedParameters() {
        var residual = BuiltInBlocks.library().find(new BlockRef("residual-basic", 1)).orElseThrow();
        BlockInstanceKind kind = new BlockInstanceKind(residual, 3);
        assertThat(kind.params()).extracting(ParamSpec::name).containsExactly("version", "filters", "stride");
        assertThat(kind.params().get(0).max()).isEqualTo(3.0);
        assertThat(kind.description()).contains("Version 3 is available");
        assertThat(kind.type()).isEqualTo("Block residual-basic v1");
        assertThat(new BlockInstanceKind(residual, 1).description()).doesNotContain("available");
    }
}
