package dev.netwright.engine.onnximport;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Evaluates operators whose inputs are all constants (Constant nodes, shape arithmetic PyTorch emits for
 * {@code x.view(x.size(0), -1)}, casts), so the graph that remains is layers only.
 */
final class ConstantFolding {
    private static final Set<String> FOLDABLE = Set.of("Constant", "Identity", "Cast", "Unsqueeze", "Squeeze",
            "Concat", "Gather", "Reshape", "Flatten", "Add", "Sub", "Mul", "Div", "Neg", "Sqrt", "Transpose",
            "Dropout", "ConstantOfShape", "Slice");

    private ConstantFolding() {
    }

    static boolean folds(String op) {
        return FOLDABLE.contains(op);
    }

    /** The folded value, or null when this form is not evaluated. */
    static OnnxTensor fold(NodeProto n, List<OnnxTensor> in) {
        return switch (n.getOpType()) {
            case "Constant" -> constant(n);
            case "Identity", "Dropout" -> in.get(0);
            case "Cast" -> cast(n, in.get(0));
            case "Unsqueeze", "Squeeze" -> in.get(0).reshaped(squeezed(n, in));
            case "Reshape" -> reshape(in.get(0), in.get(1).asLongs());
            case "Flatten" -> flatten(n, in.get(0));
            case "Concat" -> concat(n, in);
            case "Gather" -> gather(n, in.get(0), in.get(1));
            case "Add", "Sub", "Mul", "Div" -> arithmetic(n.getOpType(), in.get(0), in.get(1));
            case "Neg" -> map(in.get(0), v -> -v);
            case "Sqrt" -> map(in.get(0), Math::sqrt);
            case "Transpose" -> in.get(0).rank() == 2 ? in.get(0).transposed() : in.get(0).rank() < 2 ? in.get(0) : null;
            case "ConstantOfShape" -> constantOfShape(n, in.get(0));
            case "Slice" -> slice(in);
            default -> null;
        };
    }

    private static OnnxTensor constant(NodeProto n) {
        for (AttributeProto a : n.getAttributeList()) {
            switch (a.getName()) {
                case "value" -> {
                    return OnnxTensor.of(a.getT());
                }
                case "value_float" -> {
                    return OnnxTensor.ofFloats(new float[] {a.getF()});
                }
                case "value_floats" -> {
                    float[] v = new float[a.getFloatsCount()];
                    for (int i = 0; i < v.length; i++) {
                        v[i] = a.getFloats(i);
                    }
                    return OnnxTensor.ofFloats(v, v.length);
                }
                case "value_int" -> {
                    return OnnxTensor.ofLongs(new long[] {a.getI()});
                }
                case "value_ints" -> {
                    long[] v = a.getIntsList().stream().mapToLong(Long::longValue).toArray();
                    return OnnxTensor.ofLongs(v, v.length);
                }
                default -> {
                }
            }
        }
        return null;
    }

    private static OnnxTensor constantOfShape(NodeProto n, OnnxTensor shape) {
        long[] dims = shape.asLongs();
        int size = (int) Arrays.stream(dims).reduce(1, (a, b) -> a * b);
        AttributeProto value = NodeAttributes.attr(n, "value");
        OnnxTensor v = value == null ? OnnxTensor.ofFloats(new float[] {0f}) : OnnxTensor.of(value.getT());
        if (v.floats() != null) {
            float[] out = new float[size];
            Arrays.fill(out, v.floats()[0]);
            return OnnxTensor.ofFloats(out, dims);
        }
        long[] out = new long[size];
        Arrays.fill(out, v.longs()[0]);
        return OnnxTensor.ofLongs(out, dims);
    }

    /** Slice (opset 10+: starts, ends, axes, steps as inputs), negative steps included. */
    private static OnnxTensor slice(List<OnnxTensor> in) {
        OnnxTensor data = in.get(0);
        long[] starts = in.get(1).asLongs();
        long[] ends = in.get(2).asLongs();
        long[] axes = in.size() > 3 && in.get(3) != null ? in.get(3).asLongs() : null;
        long[] steps = in.size() > 4 && in.get(4) != null ? in.get(4).asLongs() : null;
        int rank = data.rank();
        long[] dims = data.dims();
        long[] from = new long[rank];
        long[] step = new long[rank];
        long[] count = dims.clone();
        Arrays.fill(step, 1);
        for (int i = 0; i < starts.length; i++) {
            int axis = (int) (axes == null ? i : axes[i] < 0 ? axes[i] + rank : axes[i]);
            long size = dims[axis];
            long st = steps == null ? 1 : steps[i];
            long b = starts[i] < 0 ? starts[i] + size : starts[i];
            long e = ends[i] < 0 ? ends[i] + size : ends[i];
            if (st > 0) {
                b = Math.max(0, Math.min(b, size));
                e = Math.max(0, Math.min(e, size));
                count[axis] = Math.max(0, (e - b + st - 1) / st);
            } else {
                b = Math.max(-1, Math.min(b, size - 1));
                e = Math.max(-1, Math.min(e, size - 1));
                count[axis] = Math.max(0, (b - e + (-st) - 1) / (-st));
            }
            from[axis] = b;
            step[axis] = st;
        }
        int total = (int) Arrays.stream(count).reduce(1, (a, b) -> a * b);
        long[] strides = new long[rank];
        for (int a = rank - 1, acc = 1; a >= 0; a--) {
            strides[a] = acc;
            acc *= (int) dims[a];
        }
        float[] outF = data.floats() != null ? new float[total] : null;
        long[] outL = data.floats() == null ? new long[total] : null;
        long[] index = new long[rank];
        for (int k = 0; k < total; k++) {
            long rest = k;
            long source = 0;
            for (int a = rank - 1; a >= 0; a--) {
                index[a] = rest % count[a];
                rest /= count[a];
                source += (from[a] + index[a] * step[a]) * strides[a];
            }
            if (outF != null) {
                outF[k] = data.floats()[(int) source];
            } else {
                outL[k] = data.longs()[(int) source];
            }
        }
        return outF != null ? OnnxTensor.ofFloats(outF, count) : OnnxTensor.ofLongs(outL, count);
    }

    private static OnnxTensor cast(NodeProto n, OnnxTensor x) {
        long to = NodeAttributes.intAttr(n, "to", TensorProto.DataType.FLOAT_VALUE);
        if (to == TensorProto.DataType.FLOAT_VALUE || to == TensorProto.DataType.DOUBLE_VALUE) {
            return OnnxTensor.ofFloats(x.asFloats(), x.dims());
        }
        return OnnxTensor.ofLongs(x.asLongs(), x.dims());
    }

    private static long[] squeezed(NodeProto n, List<OnnxTensor> in) {
        long[] axes = in.size() > 1 && in.get(1) != null ? in.get(1).asLongs() : NodeAttributes.longs(n, "axes");
        List<Long> dims = new ArrayList<>(Arrays.stream(in.get(0).dims()).boxed().toList());
        if (n.getOpType().equals("Squeeze")) {
            if (axes.length == 0) {
                dims.removeIf(d -> d == 1);
            } else {
                int rank = dims.size();
                Arrays.stream(axes).map(a -> a < 0 ? a + rank : a).boxed().sorted(java.util.Comparator.reverseOrder())
                        .forEach(a -> dims.remove((int) (long) a));
            }
        } else {
            int rank = dims.size() + axes.length;
            Arrays.stream(axes).map(a -> a < 0 ? a + rank : a).sorted().forEach(a -> dims.add((int) a, 1L));
        }
        return dims.stream().mapToLong(Long::longValue).toArray();
    }

    private static OnnxTensor reshape(OnnxTensor x, long[] target) {
        long[] dims = target.clone();
        long known = 1;
        int inferred = -1;
        for (int i = 0; i < dims.length; i++) {
            if (dims[i] == 0) {
                dims[i] = x.dims()[i];
            }
            if (dims[i] == -1) {
                inferred = i;
            } else {
                known *= dims[i];
            }
        }
        if (inferred >= 0) {
            dims[inferred] = x.size() / known;
        }
        return x.reshaped(dims);
    }

    private static OnnxTensor flatten(NodeProto n, OnnxTensor x) {
        long axis = NodeAttributes.intAttr(n, "axis", 1);
        long outer = 1;
        for (int i = 0; i < axis; i++) {
            outer *= x.dims()[i];
        }
        return x.reshaped(outer, x.size() / Math.max(outer, 1));
    }

    private static OnnxTensor concat(NodeProto n, List<OnnxTensor> in) {
        if (in.stream().anyMatch(t -> t.rank() > 1)) {
            return null;
        }
        boolean floats = in.stream().anyMatch(t -> t.floats() != null);
        int total = in.stream().mapToInt(OnnxTensor::size).sum();
        if (floats) {
            float[] out = new float[total];
            int at = 0;
            for (OnnxTensor t : in) {
                System.arraycopy(t.asFloats(), 0, out, at, t.size());
                at += t.size();
            }
            return OnnxTensor.ofFloats(out, total);
        }
        long[] out = new long[total];
        int at = 0;
        for (OnnxTensor t : in) {
            System.arraycopy(t.asLongs(), 0, out, at, t.size());
            at += t.size();
        }
        return OnnxTensor.ofLongs(out, total);
    }

    private static OnnxTensor gather(NodeProto n, OnnxTensor data, OnnxTensor indices) {
        if (data.rank() != 1 || NodeAttributes.intAttr(n, "axis", 0) != 0) {
            return null;
        }
        long[] idx = indices.asLongs();
        long[] out = new long[idx.length];
        float[] outF = new float[idx.length];
        for (int i = 0; i < idx.length; i++) {
            int k = (int) (idx[i] < 0 ? idx[i] + data.size() : idx[i]);
            if (data.floats() != null) {
                outF[i] = data.floats()[k];
            } else {
                out[i] = data.longs()[k];
            }
        }
        return data.floats() != null ? OnnxTensor.ofFloats(outF, indices.dims()) : OnnxTensor.ofLongs(out, indices.dims());
    }

    private static OnnxTensor arithmetic(String op, OnnxTensor a, OnnxTensor b) {
        if (a.size() != b.size() && a.size() != 1 && b.size() != 1) {
            return null; // only element-wise or with a scalar
        }
        OnnxTensor shape = a.size() >= b.size() ? a : b;
        int n = shape.size();
        if (a.floats() == null && b.floats() == null) {
            long[] x = a.asLongs();
            long[] y = b.asLongs();
            long[] out = new long[n];
            for (int i = 0; i < n; i++) {
                long u = x[x.length == 1 ? 0 : i];
                long v = y[y.length == 1 ? 0 : i];
                out[i] = switch (op) {
                    case "Add" -> u + v;
                    case "Sub" -> u - v;
                    case "Mul" -> u * v;
                    default -> v == 0 ? 0 : Math.floorDiv(u, v);
                };
            }
            return OnnxTensor.ofLongs(out, shape.dims());
        }
        float[] x = a.asFloats();
        float[] y = b.asFloats();
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            float u = x[x.length == 1 ? 0 : i];
            float v = y[y.length == 1 ? 0 : i];
            out[i] = switch (op) {
                case "Add" -> u + v;
                case "Sub" -> u - v;
                case "Mul" -> u * v;
                default -> u / v;
            };
        }
        return OnnxTensor.ofFloats(out, shape.dims());
    }

    private static OnnxTensor map(OnnxTensor x, java.util.function.DoubleUnaryOperator f) {
        float[] in = x.asFloats();
        float[] out = new float[in.length];
        for (int i = 0; i < in.length; i++) {
            out[i] = (float) f.applyAsDouble(in[i]);
        }
        return OnnxTensor.ofFloats(out, x.dims());
    }
}
