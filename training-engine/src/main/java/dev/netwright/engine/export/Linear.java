package dev.netwright.engine.export;

import ai.djl.nn.Block;
import java.util.List;

/** A DJL Linear (weight [out, in], optional bias) applied to the last axis of any-rank input. */
final class Linear {
    private Linear() {
    }

    static String apply(OnnxGraph g, Block linear, String x, int rank) {
        Tensor w = Weights.required(linear, "weight");
        Tensor b = Weights.parameter(linear, "bias");
        if (rank == 2) {
            // Gemm computes x W^T + b for [batch, in] directly from DJL's layout
            List<String> in = b == null ? List.of(x, w.add(g, "weight")) : List.of(x, w.add(g, "weight"), b.add(g, "bias"));
            return g.op("Gemm", in, OnnxGraph.Attr.i("transB", 1));
        }
        String y = g.op("MatMul", List.of(x, w.transposed().add(g, "weight")));
        return b == null ? y : g.op("Add", List.of(y, b.add(g, "bias")));
    }
}
