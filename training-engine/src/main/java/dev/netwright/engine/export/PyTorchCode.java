package dev.netwright.engine.export;

import dev.netwright.designer.analysis.Analysis;
import dev.netwright.designer.analysis.DesignAnalyzer;
import dev.netwright.designer.analysis.NetworkReport;
import dev.netwright.designer.analysis.NodeReport;
import dev.netwright.designer.block.BlockExpander;
import dev.netwright.designer.block.BlockExpansion;
import dev.netwright.designer.block.BlockLibrary;
import dev.netwright.designer.block.BuiltInBlocks;
import dev.netwright.designer.catalog.LayerCatalog;
import dev.netwright.designer.catalog.LayerKind;
import dev.netwright.designer.model.Design;
import dev.netwright.designer.model.Edge;
import dev.netwright.designer.model.Node;
import dev.netwright.designer.model.Shape;
import dev.netwright.engine.compile.LayerSpec;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes a design as a readable PyTorch file: one {@code nn.Module} class named after the design (two for a GAN,
 * generator and discriminator), module attributes named after the node ids, every output shape in a comment, a
 * {@code build()} function and {@code load_weights()} for the weights file {@link PyTorchWeights} writes. Output
 * activations are part of the module, so a classifier returns probabilities as the platform's predictions do.
 * Block instances are sub-modules of one class per block definition and version ({@link PyTorchBlockClasses}).
 */
public final class PyTorchCode {
    private final LayerCatalog catalog;

    public PyTorchCode() {
        this(LayerCatalog.standard());
    }

    PyTorchCode(LayerCatalog catalog) {
        this.catalog = catalog;
    }

    /**
     * The Python source; the design must be valid. Each block instance is a sub-module of its block's class
     * ({@link PyTorchBlockClasses}); the layers and counts are those of the design's expansion.
     */
    public String generate(Design design) {
        BlockLibrary library = BlockLibrary.of(design.blocks()).before(BuiltInBlocks.library());
        BlockExpansion expansion = new BlockExpander(BuiltInBlocks.library()).expand(design);
        Analysis analysis = new DesignAnalyzer(catalog).analyze(design);
        if (!analysis.valid()) {
            throw new IllegalArgumentException("design '" + design.name() + "' has problems, fix them first: "
                    + analysis.errors().stream().map(p -> p.message()).toList());
        }
        PythonNames names = new PythonNames(design);
        Set<PyTorchHelper> helpers = EnumSet.noneOf(PyTorchHelper.class);
        String named = PythonNames.className(design.name());
        // a design called after a helper class must not replace it
        String base = java.util.Arrays.stream(PyTorchHelper.values()).anyMatch(h -> h.pythonName().equals(named))
                || named.equals("F") ? named + "Net" : named;
        List<String> classes = new ArrayList<>();
        List<String> classNames = new ArrayList<>();
        for (NetworkReport network : analysis.networks()) {
            classNames.add(design.isGan() ? base + capitalised(network.name()) : base);
        }
        Set<String> taken = new HashSet<>(classNames);
        taken.add("F");
        java.util.Arrays.stream(PyTorchHelper.values()).forEach(h -> taken.add(h.pythonName()));
        PyTorchBlockClasses blocks = new PyTorchBlockClasses(catalog, library, analysis, helpers, taken);
        for (int i = 0; i < classNames.size(); i++) {
            classes.add(moduleClass(design, expansion, analysis, analysis.networks().get(i), names,
                    classNames.get(i), helpers, blocks));
        }
        StringBuilder s = new StringBuilder();
        s.append(header(analysis, classNames));
        s.append("import math\n\nimport numpy\nimport torch\nimport torch.nn.functional as F\nfrom torch import nn\n");
        for (PyTorchHelper h : helpers) {
            s.append("\n\n").append(h.source());
        }
        for (String c : blocks.sources()) {
            s.append("\n\n").append(c);
        }
        for (String c : classes) {
            s.append("\n\n").append(c);
        }
        s.append("\n\n").append(build(analysis.design(), classNames)).append("\n\n").append(LOAD_WEIGHTS);
        return s.toString();
    }

    /** What an analysed node's layer is built from: its checked parameters and its input and output shapes. */
    static LayerSpec spec(LayerCatalog catalog, Analysis analysis, NodeReport n) {
        Node node = analysis.design().node(n.nodeId()).orElseThrow();
        LayerKind kind = catalog.find(node.type()).orElseThrow();
        List<Shape> inputShapes = n.inputs().stream()
                .map(id -> analysis.node(id).orElseThrow().outputShape()).toList();
        return new LayerSpec(n.nodeId(), n.type(), catalog.check(kind, node.params()).params(), inputShapes,
                n.outputShape(), false);
    }

    /**
     * The design's own nodes of one network in an order where every node comes after those it is fed by: the
     * analysis's order, with a block instance where its first inner layer is, and never before its inputs.
     */
    private static List<String> topLevelOrder(Design design, BlockExpansion expansion, Analysis analysis,
                                              NetworkReport network) {
        List<String> candidates = new ArrayList<>();
        for (NodeReport n : analysis.nodes()) {
            String id = expansion.instanceOf().getOrDefault(n.nodeId(), n.nodeId());
            boolean inNetwork = !design.isGan()
                    || network.name().equals(analysis.node(id).orElseThrow().network());
            if (inNetwork && !candidates.contains(id)) {
                candidates.add(id);
            }
        }
        if (!design.hasBlockInstances()) {
            return candidates;
        }
        List<String> order = new ArrayList<>();
        Set<String> done = new HashSet<>();
        while (!candidates.isEmpty()) {
            String next = candidates.stream().filter(id -> design.edges().stream().filter(e -> e.to().equals(id))
                    .allMatch(e -> done.contains(e.from()))).findFirst().orElse(candidates.get(0));
            order.add(next);
            done.add(next);
            candidates.remove(next);
        }
        return order;
    }

    private String header(Analysis analysis, List<String> classNames) {
        Design design = analysis.design();
        StringBuilder s = new StringBuilder("\"\"\"").append(design.name().replace("\"\"\"", "'''"))
                .append(": PyTorch code generated by Netwright from the design of the same name.\n\n");
        if (!design.description().isBlank()) {
            s.append(design.description().replace("\"\"\"", "'''").replace("\\", "\\\\")).append("\n\n");
        }
        for (int i = 0; i < classNames.size(); i++) {
            NetworkReport n = analysis.networks().get(i);
            s.append(classNames.get(i)).append(": input ").append(n.inputShape()).append(" -> output ")
                    .append(n.outputShape()).append(" per sample (batch first), ")
                    .append(String.format("%,d", n.totals().totalParams())).append(" parameters");
            if (n.totals().nonTrainableParams() > 0) {
                s.append(String.format(" (%,d of them batch-norm running statistics)", n.totals().nonTrainableParams()));
            }
            s.append(".\n");
        }
        s.append("\nUsage:\n    model = build()\n");
        if (design.isGan()) {
            s.append("    generator, discriminator = model\n    load_weights(generator, \"weights.npz\", \"generator.\")"
                    + "  # weights exported from a trained run\n");
        } else {
            s.append("    load_weights(model, \"weights.npz\")  # weights exported from a trained run\n"
                    + "    model.eval()\n    outputs = model(inputs)\n");
        }
        s.append("Inputs are what the network itself receives: a trained run's normalisation (model.json) is not part"
                + " of it.\n\"\"\"\n");
        return s.toString();
    }

    private String moduleClass(Design original, BlockExpansion expansion, Analysis analysis, NetworkReport network,
                               PythonNames names, String className, Set<PyTorchHelper> helpers,
                               PyTorchBlockClasses blocks) {
        Design design = analysis.design();
        StringBuilder init = new StringBuilder();
        StringBuilder forward = new StringBuilder();
        String input = names.of(network.inputNodeId());
        forward.append("        ").append(input).append(" = x.reshape(x.shape[0], ")
                .append(PyTorchLayers.joined(network.inputShape().dims())).append(")  # ")
                .append(batched(network.inputShape())).append('\n');
        Map<String, String> variables = new HashMap<>();
        variables.put(network.inputNodeId(), input);
        for (String id : topLevelOrder(original, expansion, analysis, network)) {
            if (id.equals(network.inputNodeId())) {
                continue;
            }
            NodeReport n = analysis.node(id).orElseThrow();
            if (expansion.refs().containsKey(id)) {
                String name = names.of(id);
                List<String> inputs = original.edges().stream().filter(e -> e.to().equals(id))
                        .sorted(java.util.Comparator.comparingInt(Edge::toPort))
                        .map(e -> variables.get(expansion.outputOf().getOrDefault(e.from(), e.from()))).toList();
                init.append("        self.").append(name).append(" = ")
                        .append(blocks.construct(original, expansion, original.node(id).orElseThrow()))
                        .append(parameterComment(n.cost().totalParams())).append('\n');
                forward.append("        ").append(name).append(" = self.").append(name).append('(')
                        .append(String.join(", ", inputs)).append(")  # ").append(batched(n.outputShape()))
                        .append('\n');
                variables.put(expansion.outputOf().get(id), name);
                continue;
            }
            LayerSpec spec = spec(catalog, analysis, n);
            PyTorchLayer layer = PyTorchLayers.find(n.type()).orElseThrow(() -> new IllegalStateException(
                    "layer type " + n.type() + " has no PyTorch form"));
            String name = names.of(n.nodeId());
            PyTorchLayer.Node py = new PyTorchLayer.Node(name, spec, n.inputs().stream().map(variables::get).toList(),
                    helpers);
            String module = layer.module().apply(py);
            if (module != null) {
                init.append("        self.").append(name).append(" = ").append(module)
                        .append(parameterComment(n.cost().totalParams())).append('\n');
            }
            forward.append("        ").append(name).append(" = ").append(layer.forward().apply(py)).append("  # ")
                    .append(batched(n.outputShape())).append('\n');
            variables.put(n.nodeId(), name);
        }
        forward.append("        return ").append(variables.get(network.outputNodeId())).append('\n');
        String doc = design.isGan() ? "The " + network.name() + " of '" + design.name() + "'."
                : "The network of '" + design.name() + "'.";
        return "class " + className + "(nn.Module):\n    \"\"\"" + doc.replace("\"", "'") + "\"\"\"\n\n"
                + "    def __init__(self):\n        super().__init__()\n" + (init.isEmpty() ? "        pass\n" : init)
                + "\n    def forward(self, x):\n" + forward;
    }

    private static String parameterComment(long params) {
        if (params <= 0) {
            return "";
        }
        return "  # " + String.format("%,d", params) + (params == 1 ? " parameter" : " parameters");
    }

    private static String build(Design design, List<String> classNames) {
        if (design.isGan()) {
            return "def build():\n    \"\"\"A new generator and discriminator with freshly initialised weights.\"\"\"\n"
                    + "    return " + classNames.get(0) + "(), " + classNames.get(1) + "()\n";
        }
        return "def build():\n    \"\"\"A new " + classNames.get(0) + " with freshly initialised weights.\"\"\"\n"
                + "    return " + classNames.get(0) + "()\n";
    }

    private static final String LOAD_WEIGHTS = """
            def load_weights(model, path, prefix=""):
                \"\"\"Loads weights exported by Netwright (a NumPy .npz of state-dict entries) into a built model.\"\"\"
                with numpy.load(path) as stored:
                    state = {key[len(prefix):]: torch.from_numpy(stored[key])
                             for key in stored.files if key.startswith(prefix)}
                result = model.load_state_dict(state, strict=False)
                # batch norm's step counters are not exported; everything else must match
                missing = [k for k in result.missing_keys if not k.endswith("num_batches_tracked")]
                if missing or result.unexpected_keys:
                    raise ValueError(f"weights in {path} do not fit: missing {missing}, unexpected {result.unexpected_keys}")
                return model
            """;

    private static String batched(Shape s) {
        return "[B, " + PyTorchLayers.joined(s.dims()) + "]";
    }

    private static String capitalised(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    /** The network names a GAN design's classes carry; the weights use them as key prefixes. */
    static String weightPrefix(Design design, String network) {
        return design.isGan() ? network + "." : "";
    }
}
