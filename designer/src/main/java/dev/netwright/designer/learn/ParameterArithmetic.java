package dev.netwright.designer.learn;

import dev.netwright.designer.analysis.Analysis;
import dev.netwright.designer.analysis.NodeReport;
import dev.netwright.designer.catalog.LayerCatalog;
import dev.netwright.designer.catalog.LayerKind;
import dev.netwright.designer.catalog.LayerParams;
import dev.netwright.designer.model.Shape;
import dev.netwright.designer.summary.SummaryTable;
import java.util.ArrayList;
import java.util.List;

/** Each layer's parameter count as a formula, and the sum that gives the total (784 × 16 + 16 = 12,560 ...). */
public final class ParameterArithmetic {
    private ParameterArithmetic() {
    }

    /** One layer's line: its formula and the count it evaluates to. */
    public record Line(String nodeId, String type, String formula, long parameters) {
        public String text() {
            return formula + " = " + SummaryTable.thousands(parameters);
        }
    }

    /** The explanation of a design's count: one line per layer with parameters, then the sum. */
    public record Explanation(List<Line> lines, String sum, long total) {
    }

    public static Explanation explain(Analysis analysis) {
        LayerCatalog catalog = LayerCatalog.standard();
        List<Line> lines = new ArrayList<>();
        for (NodeReport n : analysis.nodes()) {
            if (n.outputShape() == null || n.cost().totalParams() == 0) {
                continue;
            }
            LayerKind kind = catalog.find(n.type()).orElseThrow();
            LayerParams params = catalog.check(kind, analysis.design().node(n.nodeId()).orElseThrow().params()).params();
            List<Shape> inputs = n.inputs().stream().map(id -> analysis.node(id).orElseThrow().outputShape()).toList();
            lines.add(new Line(n.nodeId(), n.type(), kind.parameterFormula(inputs, n.outputShape(), params),
                    n.cost().totalParams()));
        }
        long total = analysis.totals().totalParams();
        String sum = String.join(" + ", lines.stream().map(l -> SummaryTable.thousands(l.parameters())).toList())
                + " = " + SummaryTable.thousands(total);
        return new Explanation(lines, sum, total);
    }
}
