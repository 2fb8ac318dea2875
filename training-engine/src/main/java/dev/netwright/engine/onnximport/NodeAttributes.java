package dev.netwright.engine.onnximport;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import java.util.Arrays;

/** Reads an ONNX node's attributes, with the defaults the operator specification gives when one is absent. */
final class NodeAttributes {
    private NodeAttributes() {
    }

    static AttributeProto attr(NodeProto n, String name) {
        for (AttributeProto a : n.getAttributeList()) {
            if (a.getName().equals(name)) {
                return a;
            }
        }
        return null;
    }

    static long intAttr(NodeProto n, String name, long fallback) {
        AttributeProto a = attr(n, name);
        return a == null ? fallback : a.getI();
    }

    static float floatAttr(NodeProto n, String name, float fallback) {
        AttributeProto a = attr(n, name);
        return a == null ? fallback : a.getF();
    }

    static String stringAttr(NodeProto n, String name, String fallback) {
        AttributeProto a = attr(n, name);
        return a == null ? fallback : a.getS().toStringUtf8();
    }

    static long[] longs(NodeProto n, String name) {
        AttributeProto a = attr(n, name);
        return a == null ? new long[0] : a.getIntsList().stream().mapToLong(Long::longValue).toArray();
    }

    /** {@code count} ints of a per-axis attribute, {@code fallback} for the axes it does not give. */
    static int[] ints(NodeProto n, String name, int count, int fallback) {
        long[] v = longs(n, name);
        int[] out = new int[count];
        Arrays.fill(out, fallback);
        for (int i = 0; i < Math.min(count, v.length); i++) {
            out[i] = (int) v[i];
        }
        return out;
    }
}
