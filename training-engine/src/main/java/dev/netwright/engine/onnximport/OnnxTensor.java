package dev.netwright.engine.onnximport;

import ai.onnx.proto.OnnxMl.TensorProto;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * A constant of the graph (an initializer, a Constant node or a folded value): float values for weights, integers
 * for shapes, axes and indexes. Exactly one of {@code floats} and {@code longs} is set.
 */
record OnnxTensor(long[] dims, float[] floats, long[] longs) {

    static OnnxTensor ofFloats(float[] values, long... dims) {
        return new OnnxTensor(dims, values, null);
    }

    static OnnxTensor ofLongs(long[] values, long... dims) {
        return new OnnxTensor(dims, null, values);
    }

    static OnnxTensor of(TensorProto t) {
        long[] dims = t.getDimsList().stream().mapToLong(Long::longValue).toArray();
        int n = (int) Arrays.stream(dims).reduce(1, (a, b) -> a * b);
        ByteBuffer raw = t.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
        boolean hasRaw = t.getRawData().size() > 0;
        return switch (t.getDataType()) {
            case TensorProto.DataType.FLOAT_VALUE -> {
                float[] v = new float[n];
                if (hasRaw) {
                    raw.asFloatBuffer().get(v);
                } else {
                    for (int i = 0; i < n; i++) {
                        v[i] = t.getFloatData(i);
                    }
                }
                yield ofFloats(v, dims);
            }
            case TensorProto.DataType.DOUBLE_VALUE -> {
                float[] v = new float[n];
                for (int i = 0; i < n; i++) {
                    v[i] = (float) (hasRaw ? raw.getDouble(8 * i) : t.getDoubleData(i));
                }
                yield ofFloats(v, dims);
            }
            case TensorProto.DataType.INT64_VALUE -> {
                long[] v = new long[n];
                if (hasRaw) {
                    raw.asLongBuffer().get(v);
                } else {
                    for (int i = 0; i < n; i++) {
                        v[i] = t.getInt64Data(i);
                    }
                }
                yield ofLongs(v, dims);
            }
            case TensorProto.DataType.INT32_VALUE, TensorProto.DataType.INT8_VALUE, TensorProto.DataType.UINT8_VALUE,
                 TensorProto.DataType.BOOL_VALUE -> {
                long[] v = new long[n];
                for (int i = 0; i < n; i++) {
                    v[i] = hasRaw ? (t.getDataType() == TensorProto.DataType.INT32_VALUE ? raw.getInt(4 * i)
                            : raw.get(i)) : t.getInt32Data(i);
                }
                yield ofLongs(v, dims);
            }
            default -> throw new IllegalArgumentException("tensor '" + t.getName() + "' has data type "
                    + TensorProto.DataType.forNumber(t.getDataType()) + ", which import does not read");
        };
    }

    int rank() {
        return dims.length;
    }

    int size() {
        return floats != null ? floats.length : longs.length;
    }

    float[] asFloats() {
        if (floats != null) {
            return floats;
        }
        float[] f = new float[longs.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = longs[i];
        }
        return f;
    }

    long[] asLongs() {
        if (longs != null) {
            return longs;
        }
        long[] l = new long[floats.length];
        for (int i = 0; i < l.length; i++) {
            l[i] = (long) floats[i];
        }
        return l;
    }

    /** The single value of a scalar (or one-element) constant. */
    double scalar() {
        if (size() != 1) {
            throw new IllegalArgumentException("expected a single value, got " + size());
        }
        return floats != null ? floats[0] : longs[0];
    }

    /** The transpose of a matrix. */
    OnnxTensor transposed() {
        int r = (int) dims[0];
        int c = (int) dims[1];
        float[] in = asFloats();
        float[] out = new float[in.length];
        for (int i = 0; i < r; i++) {
            for (int j = 0; j < c; j++) {
                out[j * r + i] = in[i * c + j];
            }
        }
        return ofFloats(out, c, r);
    }

    OnnxTensor scaled(double factor) {
        float[] in = asFloats();
        float[] out = new float[in.length];
        for (int i = 0; i < in.length; i++) {
            out[i] = (float) (in[i] * factor);
        }
        return ofFloats(out, dims);
    }

    OnnxTensor reshaped(long... newDims) {
        return new OnnxTensor(newDims, floats, longs);
    }
}
