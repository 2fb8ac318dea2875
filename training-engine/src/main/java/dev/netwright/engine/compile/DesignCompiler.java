package dev.netwright.engine.compile;

import dev.netwright.designer.analysis.Analysis;
import dev.netwright.designer.analysis.DesignAnalyzer;
import dev.netwright.designer.analysis.NetworkReport;
import dev.netwright.designer.analysis.NodeReport;
import dev.netwright.designer.catalog.ActivationFunction;
import dev.netwright.designer.catalog.LayerCatalog;
import dev.netwright.designer.catalog.LayerKind;
import dev.netwright.designer.catalog.LayerParams;
import dev.netwright.designer.model.Design;
import dev.netwright.designer.model.Network;
import dev.netwright.designer.model.Node;
import dev.netwright.designer.model.Shape;
import java.util.ArrayList;
import java.util.List;

/** Turns a valid design into DJL blocks: one network for a supervised design, two for a GAN. */
public final class DesignCompiler {
    private final LayerCatalog catalog;
    private final DesignAnalyzer analyzer;

    public DesignCompiler() {
        this(LayerCatalog.standard());
    }

    DesignCompiler(LayerCatalog catalog) {
        this.catalog = catalog;
        this.analyzer = new DesignAnalyzer(catalog);
    }

    /**
     * Compiles a supervised design.
     *
     * @param foldOutputActivation leave a final softmax or sigmoid out of the block (the loss applies it); the
     *                             returned {@link CompiledNetwork#outputActivation()} says which was left out
     */
    public CompiledNetwork compile(Design design, boolean foldOutputActivation) throws DesignNotTrainableException {
        if (design.isGan()) {
            throw new IllegalArgumentException("'" + design.name() + "' is a GAN design: use compileGan");
        }
        Analysis analysis = checked(design);
        return network(analysis, analysis.networks().get(0), foldOutputActivation);
    }

    /** Compiles both networks of a GAN design; the discriminator's final sigmoid is folded into its loss. */
    public CompiledGan compileGan(Design design) throws DesignNotTrainableException {
        if (!design.isGan()) {
            throw new IllegalArgumentException("'" + design.name() + "' is not a GAN design");
        }
        Analysis analysis = checked(design);
        return new CompiledGan(network(analysis, analysis.network(Network.GENERATOR).orElseThrow(), false),
                network(analysis, analysis.network(Network.DISCRIMINATOR).orElseThrow(), true));
    }

    private Analysis checked(Design design) throws DesignNotTrainableException {
        Analysis analysis = analyzer.analyze(design);
        if (!analysis.valid()) {
            throw new DesignNotTrainableException(analysis.errors());
        }
        return analysis;
    }

    private CompiledNetwork network(Analysis analysis, NetworkReport report, boolean fold) {
        boolean gan = analysis.design().isGan();
        OutputActivation folded = fold ? foldable(analysis, report.outputNodeId()) : OutputActivation.NONE;
        List<GraphBlock.Step> steps = new ArrayList<>();
        for (NodeReport n : analysis.nodes()) {
            if (gan && !report.name().equals(n.network()) || n.nodeId().equals(report.inputNodeId())) {
                continue;
            }
            Node node = analysis.design().node(n.nodeId()).orElseThrow();
            LayerKind kind = catalog.find(node.type()).orElseThrow();
            LayerParams params = catalog.check(kind, node.params()).params();
            List<Shape> inputShapes = n.inputs().stream()
                    .map(id -> analysis.node(id).orElseThrow().outputShape()).toList();
            boolean skip = folded != OutputActivation.NONE && n.nodeId().equals(report.outputNodeId());
            LayerSpec spec = new LayerSpec(n.nodeId(), n.type(), params, inputShapes, n.outputShape(), skip);
            LayerCompiler compiler = LayerCompilers.find(n.type()).orElseThrow(() ->
                    new IllegalStateException("no DJL compiler registered for layer type " + n.type()));
            steps.add(new GraphBlock.Step(n.nodeId(), compiler.compile(spec), n.inputs(), longs(n.outputShape()),
                    inputShapes.stream().map(DesignCompiler::longs).toList()));
        }
        GraphBlock block = new GraphBlock(report.inputNodeId(), longs(report.inputShape()), report.outputNodeId(),
                longs(report.outputShape()), steps);
        return new CompiledNetwork(report.name(), block, report.inputShape(), report.outputShape(), folded,
                report.totals().totalParams());
    }

    /** SOFTMAX or SIGMOID when the output node ends in one (as its activation or as an Activation layer). */
    private OutputActivation foldable(Analysis analysis, String outputNodeId) {
        Node node = analysis.design().node(outputNodeId).orElseThrow();
        LayerKind kind = catalog.find(node.type()).orElseThrow();
        LayerParams params = catalog.check(kind, node.params()).params();
        String function = params.has("function") && "Activation".equals(node.type()) ? params.string("function")
                : params.has("activation") && !kind.type().equals("SimpleRNN")
                && !kind.type().equals("TransformerEncoder") ? params.string("activation") : null;
        if (function == null) {
            return OutputActivation.NONE;
        }
        return switch (ActivationFunction.of(function)) {
            case SOFTMAX -> OutputActivation.SOFTMAX;
            case SIGMOID -> OutputActivation.SIGMOID;
            default -> OutputActivation.NONE;
        };
    }

    static long[] longs(Shape s) {
        int[] d = s.dims();
        long[] l = new long[d.length];
        for (int i = 0; i < d.length; i++) {
            l[i] = d[i];
        }
        return l;
    }
}
