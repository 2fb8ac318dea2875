package dev.netwright.designer.summary;

import dev.netwright.designer.analysis.Analysis;
import dev.netwright.designer.analysis.NetworkReport;
import dev.netwright.designer.analysis.NodeReport;
import dev.netwright.designer.analysis.Totals;
import java.util.List;
import java.util.Locale;

/** Renders an analysis as the Keras-style layer table users know from {@code model.summary()}. */
public final class SummaryTable {
    private static final String FORMAT = " %-34s %-20s %14s %16s%n";
    private static final int WIDTH = 88;

    private SummaryTable() {
    }

    public static String render(Analysis analysis) {
        StringBuilder out = new StringBuilder();
        out.append("Design: ").append(analysis.design().name()).append(analysis.design().isGan() ? " (GAN)" : "")
                .append('\n');
        for (NetworkReport network : analysis.networks()) {
            List<NodeReport> rows = analysis.nodes().stream()
                    .filter(n -> analysis.design().isGan() ? network.name().equals(n.network()) : true).toList();
            if (analysis.design().isGan()) {
                out.append('\n').append("Network: ").append(network.name()).append('\n');
            }
            out.append("_".repeat(WIDTH)).append('\n');
            out.append(String.format(Locale.ROOT, FORMAT, "Node (type)", "Output shape", "Param #", "Mult-adds"));
            out.append("=".repeat(WIDTH)).append('\n');
            for (NodeReport n : rows) {
                out.append(String.format(Locale.ROOT, FORMAT, n.nodeId() + " (" + n.type() + ")",
                        n.outputShape() == null ? "?" : n.outputShape().toString(),
                        thousands(n.cost().totalParams()), thousands(n.cost().multiplyAdds())));
            }
            out.append("=".repeat(WIDTH)).append('\n');
            if (analysis.design().isGan()) {
                appendTotals(out, network.totals(), network.name() + " ");
            }
        }
        if (analysis.design().isGan()) {
            out.append('\n');
        }
        appendTotals(out, analysis.totals(), "");
        return out.toString();
    }

    private static void appendTotals(StringBuilder out, Totals t, String prefix) {
        String p = prefix.isEmpty() ? "" : capitalise(prefix);
        out.append(p).append(prefix.isEmpty() ? "Total params: " : "total params: ").append(thousands(t.totalParams()))
                .append(" (").append(bytes(t.parameterBytes())).append(")\n");
        out.append(p).append(prefix.isEmpty() ? "Trainable params: " : "trainable params: ")
                .append(thousands(t.trainableParams())).append('\n');
        out.append(p).append(prefix.isEmpty() ? "Non-trainable params: " : "non-trainable params: ")
                .append(thousands(t.nonTrainableParams())).append('\n');
        if (prefix.isEmpty()) {
            out.append("Multiply-adds per sample: ").append(thousands(t.multiplyAdds())).append('\n');
            out.append("Activation memory per sample: ").append(bytes(t.activationBytesPerSample())).append('\n');
            out.append("Training memory estimate (batch 64, Adam): ").append(bytes(t.trainingMemoryBytes(64, 2)))
                    .append('\n');
        }
    }

    private static String capitalise(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    public static String thousands(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    public static String bytes(long b) {
        if (b < 1024) {
            return b + " B";
        }
        String[] units = {"KB", "MB", "GB", "TB"};
        double v = b;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
    }
}
