package dev.netwright.engine.export;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import com.google.protobuf.ByteString;
import com.google.protobuf.UnsafeByteOperations;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects the nodes and initializers of one ONNX graph while the emitters walk the design. Every value gets a fresh
 * name under the node being emitted ({@code nodeId/what_n}), so emitters never have to think about collisions.
 */
final class OnnxGraph {
    private final GraphProto.Builder graph = GraphProto.newBuilder();
    private String scope = "graph";
    private int counter;

    /** Names the values and nodes that follow after the design node being emitted. */
    void enter(String nodeId) {
        scope = nodeId;
    }

    String fresh(String what) {
        return scope + "/" + what + "_" + counter++;
    }

    /** Adds a single-output node and returns its output name. */
    String op(String type, List<String> inputs, Attr... attrs) {
        return ops(type, inputs, 1, attrs).get(0);
    }

    String op(String type, String input, Attr... attrs) {
        return op(type, List.of(input), attrs);
    }

    /** Adds a node with {@code outputs} outputs and returns their names. */
    List<String> ops(String type, List<String> inputs, int outputs, Attr... attrs) {
        NodeProto.Builder node = NodeProto.newBuilder().setOpType(type).setName(fresh(type)).addAllInput(inputs);
        List<String> names = new ArrayList<>();
        for (int i = 0; i < outputs; i++) {
            names.add(fresh(type.toLowerCase() + "_out"));
        }
        node.addAllOutput(names);
        for (Attr a : attrs) {
            node.addAttribute(a.proto());
        }
        graph.addNode(node);
        return names;
    }

    /** A float initializer holding a copy of {@code values} with the given dimensions. */
    String floats(String what, float[] values, long... dims) {
        ByteBuffer bytes = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asFloatBuffer().put(values);
        // wrapped, not copied again: the buffer is ours alone (a VGG's classifier weight is 400 MB)
        return initializer(what, TensorProto.DataType.FLOAT, UnsafeByteOperations.unsafeWrap(bytes.array()), dims);
    }

    /** A 1-D int64 initializer (shapes, axes, indices). */
    String longs(String what, long... values) {
        return longTensor(what, values, values.length);
    }

    /** A 0-D int64 initializer (a scalar index for Gather, which then drops the axis). */
    String scalarLong(String what, long value) {
        return longTensor(what, new long[] {value});
    }

    private String longTensor(String what, long[] values, long... dims) {
        ByteBuffer bytes = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asLongBuffer().put(values);
        return initializer(what, TensorProto.DataType.INT64, ByteString.copyFrom(bytes.array()), dims);
    }

    private String initializer(String what, TensorProto.DataType type, ByteString raw, long... dims) {
        String name = fresh(what);
        TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(type.getNumber()).setRawData(raw);
        for (long d : dims) {
            t.addDims(d);
        }
        graph.addInitializer(t);
        return name;
    }

    GraphProto.Builder proto() {
        return graph;
    }

    /** One node attribute. */
    record Attr(AttributeProto proto) {
        static Attr i(String name, long value) {
            return new Attr(AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INT)
                    .setI(value).build());
        }

        static Attr f(String name, float value) {
            return new Attr(AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.FLOAT)
                    .setF(value).build());
        }

        static Attr s(String name, String value) {
            return new Attr(AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.STRING)
                    .setS(ByteString.copyFromUtf8(value)).build());
        }

        static Attr ints(String name, long... values) {
            AttributeProto.Builder b = AttributeProto.newBuilder().setName(name)
                    .setType(AttributeProto.AttributeType.INTS);
            for (long v : values) {
                b.addInts(v);
            }
            return new Attr(b.build());
        }

        static Attr ints(String name, int... values) {
            long[] l = new long[values.length];
            for (int k = 0; k < values.length; k++) {
                l[k] = values[k];
            }
            return ints(name, l);
        }

        static Attr strings(String name, String... values) {
            AttributeProto.Builder b = AttributeProto.newBuilder().setName(name)
                    .setType(AttributeProto.AttributeType.STRINGS);
            for (String v : values) {
                b.addStrings(ByteString.copyFromUtf8(v));
            }
            return new Attr(b.build());
        }
    }
}
