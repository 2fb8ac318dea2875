package dev.netwright.engine.export;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;

/** A copy of a trained array: row-major values and dimensions. */
record Tensor(float[] values, long[] dims) {
    static Tensor of(Parameter p) {
        return of(p.getArray());
    }

    static Tensor of(NDArray a) {
        return new Tensor(a.toType(ai.djl.ndarray.types.DataType.FLOAT32, false).toFloatArray(),
                a.getShape().getShape());
    }

    /** Rows {@code from} (inclusive) to {@code to} (exclusive) along the first axis. */
    Tensor rows(long from, long to) {
        long rowSize = values.length / dims[0];
        float[] out = java.util.Arrays.copyOfRange(values, (int) (from * rowSize), (int) (to * rowSize));
        long[] d = dims.clone();
        d[0] = to - from;
        return new Tensor(out, d);
    }

    /** The transpose of a matrix (MatMul wants [in, out] where DJL keeps [out, in]). */
    Tensor transposed() {
        int r = (int) dims[0];
        int c = (int) dims[1];
        float[] out = new float[values.length];
        for (int i = 0; i < r; i++) {
            for (int j = 0; j < c; j++) {
                out[j * r + i] = values[i * c + j];
            }
        }
        return new Tensor(out, new long[] {c, r});
    }

    String add(OnnxGraph g, String what) {
        return g.floats(what, values, dims);
    }

    /** Tensors of equal trailing dimensions stacked along the first axis (PyTorch's fused q, k, v projection). */
    static Tensor concatRows(java.util.List<Tensor> parts) {
        int n = parts.stream().mapToInt(t -> t.values.length).sum();
        float[] out = new float[n];
        long rows = 0;
        int at = 0;
        for (Tensor t : parts) {
            System.arraycopy(t.values, 0, out, at, t.values.length);
            at += t.values.length;
            rows += t.dims[0];
        }
        long[] d = parts.get(0).dims.clone();
        d[0] = rows;
        return new Tensor(out, d);
    }
}
