package dev.netwright.engine.onnximport;

import ai.onnx.proto.OnnxMl.TensorProto;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.Arrays;

/**
 * A constant of the graph (an initializer, a Constant node or a folded value): float values for weights, integers
 * for shapes, axes and indexes. Exactly one of {@link #floats()} and {@link #longs()} is non-null.
 *
 * <p>Float initializers stored as raw bytes (all of PyTorch's weights) stay a view on the parsed file until their
 * values are asked for: weights go from that view straight into the network ({@link #floatBuffer()}), so a large
 * model's weights are not held a second time as Java arrays. Values asked for are decoded once and kept.
 */
final class OnnxTensor {
    private final long[] dims;
    private final long[] longs;
    /** Little-endian raw float data not decoded yet, or null. */
    private final ByteBuffer raw;
    private float[] floats;

    private OnnxTensor(long[] dims, float[] floats, long[] longs, ByteBuffer raw) {
        this.dims = dims;
        this.floats = floats;
        this.longs = longs;
        this.raw = raw;
    }

    static OnnxTensor ofFloats(float[] values, long... dims) {
        return new OnnxTensor(dims, values, null, null);
    }

    static OnnxTensor ofLongs(long[] values, long... dims) {
        return new OnnxTensor(dims, null, values, null);
    }

    static OnnxTensor of(TensorProto t) {
        long[] dims = t.getDimsList().stream().mapToLong(Long::longValue).toArray();
        int n = (int) Arrays.stream(dims).reduce(1, (a, b) -> a * b);
        // a view, not a copy: the file's bytes when the model was parsed with aliasing
        ByteBuffer raw = t.getRawData().asReadOnlyByteBuffer().slice().order(ByteOrder.LITTLE_ENDIAN);
        boolean hasRaw = t.getRawData().size() > 0;
        return switch (t.getDataType()) {
            case TensorProto.DataType.FLOAT_VALUE -> {
                if (hasRaw) {
                    if (raw.remaining() != 4L * n) {
                        throw new IllegalArgumentException("tensor '" + t.getName() + "' has " + raw.remaining()
                                + " bytes of data for " + n + " floats");
                    }
                    yield new OnnxTensor(dims, null, null, raw);
                }
                float[] v = new float[n];
                for (int i = 0; i < n; i++) {
                    v[i] = t.getFloatData(i);
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

    long[] dims() {
        return dims;
    }

    /** The float values (decoded from the file on the first call), or null for an integer tensor. */
    float[] floats() {
        if (floats == null && raw != null) {
            float[] v = new float[raw.remaining() / 4];
            raw.duplicate().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(v);
            floats = v;
        }
        return floats;
    }

    long[] longs() {
        return longs;
    }

    /** The values as floats without copying them where they are floats already (a view on the file's bytes). */
    FloatBuffer floatBuffer() {
        if (floats == null && raw != null) {
            return raw.duplicate().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
        }
        return FloatBuffer.wrap(asFloats());
    }

    int rank() {
        return dims.length;
    }

    int size() {
        return longs != null ? longs.length : floats != null ? floats.length : raw.remaining() / 4;
    }

    float[] asFloats() {
        if (longs == null) {
            return floats();
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
        float[] f = floats();
        long[] l = new long[f.length];
        for (int i = 0; i < l.length; i++) {
            l[i] = (long) f[i];
        }
        return l;
    }

    /** The single value of a scalar (or one-element) constant. */
    double scalar() {
        if (size() != 1) {
            throw new IllegalArgumentException("expected a single value, got " + size());
        }
        return longs != null ? longs[0] : floats()[0];
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
        return new OnnxTensor(newDims, floats, longs, floats == null ? raw : null);
    }
}
