package dev.netwright.engine.export;

import ai.djl.nn.Block;
import dev.netwright.designer.analysis.Analysis;
import dev.netwright.designer.analysis.DesignAnalyzer;
import dev.netwright.designer.analysis.NodeReport;
import dev.netwright.designer.block.BlockExpander;
import dev.netwright.designer.block.BlockExpansion;
import dev.netwright.designer.block.BlockLibrary;
import dev.netwright.designer.block.BuiltInBlocks;
import dev.netwright.designer.catalog.LayerCatalog;
import dev.netwright.designer.model.Design;
import dev.netwright.engine.compile.GraphBlock;
import dev.netwright.engine.compile.LayerSpec;
import java.io.IOException;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A compiled network's weights as the state dict of the module {@link PyTorchCode} writes for it: keys
 * {@code <node name>.<parameter>} ({@code <instance>.<inner node>.<parameter>} inside a block instance, nested
 * blocks nesting further; prefixed with the network name for a GAN), PyTorch's layouts.
 */
final class PyTorchWeights {
    private final LayerCatalog catalog;

    public PyTorchWeights() {
        this(LayerCatalog.standard());
    }

    public PyTorchWeights(LayerCatalog catalog) {
        this.catalog = catalog;
    }

    /** The state dict of one initialised network of {@code design} (for a GAN, named {@code network}). */
    Map<String, Tensor> stateDict(Design original, String network, GraphBlock block) {
        BlockLibrary library = BlockLibrary.of(original.blocks()).before(BuiltInBlocks.library());
        BlockExpansion expansion = new BlockExpander(BuiltInBlocks.library()).expand(original);
        Design design = expansion.flat();
        Analysis analysis = new DesignAnalyzer(catalog).analyze(design);
        String prefix = PyTorchCode.weightPrefix(design, network);
        Map<String, Tensor> state = new LinkedHashMap<>();
        Map<String, Block> blocks = block.nodeBlocks();
        for (NodeReport n : analysis.nodes()) {
            Block b = blocks.get(n.nodeId());
            if (b == null) {
                continue;
            }
            LayerSpec spec = PyTorchCode.spec(catalog, analysis, n);
            Map<String, Tensor> entries = new LinkedHashMap<>();
            PyTorchLayers.find(n.type()).orElseThrow().weights().read(b, spec, entries);
            // an inner layer of a block instance sits in the instance's sub-module: stage1.conv1.weight
            String name = prefix + PyTorchBlockClasses.modulePath(original, expansion, library, n.nodeId()) + ".";
            entries.forEach((k, v) -> state.put(name + k, v));
        }
        return state;
    }

    /** The weights of the given networks ({@code model}, or a GAN's {@code generator}/{@code discriminator}) as .npz. */
    public byte[] npz(Design design, Map<String, GraphBlock> networks) {
        return Npz.write(stateDicts(design, networks));
    }

    /** Writes the weights as .npz to {@code out}, streamed (a large model's file is never one array in memory). */
    public void npz(Design design, Map<String, GraphBlock> networks, OutputStream out) throws IOException {
        Npz.write(stateDicts(design, networks), out);
    }

    private Map<String, Tensor> stateDicts(Design design, Map<String, GraphBlock> networks) {
        Map<String, Tensor> all = new LinkedHashMap<>();
        networks.forEach((network, block) -> all.putAll(stateDict(design, network, block)));
        return all;
    }
}
