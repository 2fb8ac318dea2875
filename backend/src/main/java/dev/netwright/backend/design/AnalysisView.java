package dev.netwright.backend.design;

import dev.netwright.designer.analysis.Analysis;
import dev.netwright.designer.analysis.NetworkReport;
import dev.netwright.designer.analysis.NodeReport;
import dev.netwright.designer.analysis.Problem;
import dev.netwright.designer.analysis.Totals;
import dev.netwright.designer.model.Shape;
import java.util.List;

/**
 * The designer's analysis as the canvas needs it: per-node shapes, parameter counts and problems, and totals.
 * {@code nodes} are the layers of the expansion (block instances replaced by their inner layers, ids
 * {@code instance/inner}); {@code blockInstances} are the instances drawn collapsed.
 */
public record AnalysisView(boolean valid, long errorCount, long warningCount, List<NodeView> nodes,
                           List<Problem> problems, List<NetworkView> networks, TotalsView totals,
                           List<NodeView> blockInstances) {

    public record NodeView(String id, String type, String network, List<String> inputs, int[] outputShape,
                           long trainableParams, long nonTrainableParams, long multiplyAdds, long activationBytes,
                           List<Problem> problems) {
    }

    public record NetworkView(String name, String inputNodeId, String outputNodeId, int[] inputShape,
                              int[] outputShape, TotalsView totals) {
    }

    public record TotalsView(long trainableParams, long nonTrainableParams, long totalParams, long multiplyAdds,
                             long activationBytesPerSample, long parameterBytes) {
        static TotalsView of(Totals t) {
            return new TotalsView(t.trainableParams(), t.nonTrainableParams(), t.totalParams(), t.multiplyAdds(),
                    t.activationBytesPerSample(), t.parameterBytes());
        }
    }

    static AnalysisView of(Analysis a) {
        long errors = a.problems().stream().filter(Problem::isError).count();
        return new AnalysisView(a.valid(), errors, a.problems().size() - errors,
                a.nodes().stream().map(AnalysisView::node).toList(), a.problems(),
                a.networks().stream().map(AnalysisView::network).toList(), TotalsView.of(a.totals()),
                a.blockInstances().stream().map(AnalysisView::node).toList());
    }

    private static NodeView node(NodeReport n) {
        return new NodeView(n.nodeId(), n.type(), n.network(), n.inputs(), dims(n.outputShape()),
                n.cost().trainableParams(), n.cost().nonTrainableParams(), n.cost().multiplyAdds(),
                n.activationBytes(), n.problems());
    }

    private static NetworkView network(NetworkReport n) {
        return new NetworkView(n.name(), n.inputNodeId(), n.outputNodeId(), dims(n.inputShape()),
                dims(n.outputShape()), TotalsView.of(n.totals()));
    }

    private static int[] dims(Shape s) {
        return s == null ? null : s.dims();
    }
}
