package dev.netwright.engine.export;

import ai.djl.nn.Block;
import dev.netwright.designer.analysis.Analysis;
import dev.netwright.designer.analysis.DesignAnalyzer;
import dev.netwright.designer.analysis.NodeReport;
import dev.netwright.designer.catalog.LayerCatalog;
import dev.netwright.designer.catalog.LayerKind;
import dev.netwright.designer.model.Design;
import dev.netwright.designer.model.Node;
import dev.netwright.designer.model.Shape;
import dev.netwright.engine.compile.GraphBlock;
import dev.netwright.engine.compile.LayerSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A compiled network's weights as the state dict of the module {@link PyTorchCode} writes for it: keys
 * {@code <node name>.<parameter>} (prefixed with the network name for a GAN), PyTorch's layouts.
 */
public final class PyTorchWeights {
    private final LayerCatalog catalog;

    public PyTorchWeights() {
        this(LayerCatalog.standard());
    }

    public PyTorchWeights(LayerCatalog catalog) {
        this.catalog = catalog;
    }

    /** The state dict of one initialised network of {@code design} (for a GAN, named {@code network}). */
    Map<String, Tensor> stateDict(Design design, String network, GraphBlock block) {
        design = PyTorchCode.flat(design);
        Analysis analysis = new DesignAnalyzer(catalog).analyze(design);
        PythonNames names = new PythonNames(design);
        String prefix = PyTorchCode.weightPrefix(design, network);
        Map<String, Tensor> state = new LinkedHashMap<>();
        Map<String, Block> blocks = block.nodeBlocks();
        for (NodeReport n : analysis.nodes()) {
            Block b = blocks.get(n.nodeId());
            if (b == null) {
                continue;
            }
            Node node = design.node(n.nodeId()).orElseThrow();
            LayerKind kind = catalog.find(node.type()).orElseThrow();
            List<Shape> inputShapes = n.inputs().stream()
                    .map(id -> analysis.node(id).orElseThrow().outputShape()).toList();
            LayerSpec spec = new LayerSpec(n.nodeId(), n.type(), catalog.check(kind, node.params()).params(),
                    inputShapes, n.outputShape(), false);
            Map<String, Tensor> entries = new LinkedHashMap<>();
            PyTorchLayers.find(n.type()).orElseThrow().weights().read(b, spec, entries);
            String name = prefix + names.of(n.nodeId()) + ".";
            entries.forEach((k, v) -> state.put(name + k, v));
        }
        return state;
    }

    /** The weights of the given networks ({@code model}, or a GAN's {@code generator}/{@code discriminator}) as .npz. */
    public byte[] npz(Design design, Map<String, GraphBlock> networks) {
        Map<String, Tensor> all = new LinkedHashMap<>();
        networks.forEach((network, block) -> all.putAll(stateDict(design, network, block)));
        return Npz.write(all);
    }
}
