package dev.netwright.frontend.designer.panel;

import dev.netwright.designer.block.BlockDefinition;
import dev.netwright.designer.block.BlockInstance;
import dev.netwright.designer.block.BlockParam;
import dev.netwright.designer.catalog.LayerCategory;
import dev.netwright.designer.catalog.LayerCost;
import dev.netwright.designer.catalog.LayerKind;
import dev.netwright.designer.catalog.LayerParams;
import dev.netwright.designer.catalog.ParamSpec;
import dev.netwright.designer.catalog.ParamType;
import dev.netwright.designer.catalog.ShapeException;
import dev.netwright.designer.model.Shape;
import java.util.ArrayList;
import java.util.List;

/**
 * How the property panel shows a block instance: the pinned version (changing it upgrades the instance) and the
 * block's exposed parameters. Shapes and counts come from the analysis of the expansion, never from here.
 */
public record BlockInstanceKind(BlockDefinition block, int latestVersion) implements LayerKind {

    @Override
    public String type() {
        return "Block " + block.name() + " v" + block.version();
    }

    @Override
    public LayerCategory category() {
        return LayerCategory.CORE;
    }

    @Override
    public String description() {
        return (block.description().isBlank() ? "A block" : block.description()) + ". Inputs: "
                + String.join(", ", block.inputs()) + (latestVersion > block.version()
                ? ". Version " + latestVersion + " is available: set version to upgrade." : ".");
    }

    @Override
    public List<ParamSpec> params() {
        List<ParamSpec> specs = new ArrayList<>();
        specs.add(new ParamSpec(BlockInstance.VERSION, ParamType.INT, block.version(), false, 1.0,
                (double) Math.max(latestVersion, block.version()), false, null,
                "pinned version of " + block.name() + " (newest: " + latestVersion + ")"));
        for (BlockParam p : block.params()) {
            specs.add(new ParamSpec(p.name(), p.type(), p.defaultValue(), false, p.type() == ParamType.INT ? 1.0 : null,
                    null, false, p.type() == ParamType.CHOICE ? List.of(String.valueOf(p.defaultValue())) : null,
                    p.description()));
        }
        return specs;
    }

    @Override
    public int minInputs() {
        return block.inputs().size();
    }

    @Override
    public int maxInputs() {
        return block.inputs().size();
    }

    @Override
    public Shape outputShape(List<Shape> inputs, LayerParams params) throws ShapeException {
        throw new ShapeException("a block's output shape comes from the analysis of its expansion",
                "analyse the design");
    }

    @Override
    public LayerCost cost(List<Shape> inputs, Shape output, LayerParams params) {
        return LayerCost.FREE;
    }
}
