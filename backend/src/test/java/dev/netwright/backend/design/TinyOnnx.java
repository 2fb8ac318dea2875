package dev.netwright.backend.design;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;

/** A tiny ONNX model built in Java (no PyTorch needed) for the API and browser tests of the import. */
public final class TinyOnnx {
    private TinyOnnx() {
    }

    /** input [N, 2] -> Gemm (3) -> Relu -> Gemm (2), for the two-moons data; with {@code odd} an Erf after the Relu. */
    public static byte[] mlp(boolean odd) {
        GraphProto.Builder g = GraphProto.newBuilder().setName("tiny")
                .addInput(info("input", 2)).addOutput(info("output", 2))
                .addInitializer(floats("hidden.weight", 3, 2)).addInitializer(floats("hidden.bias", 3))
                .addInitializer(floats("out.weight", 2, 3)).addInitializer(floats("out.bias", 2))
                .addNode(gemm("/hidden/Gemm", "input", "hidden", "h"))
                .addNode(NodeProto.newBuilder().setOpType("Relu").setName("/relu/Relu").addInput("h").addOutput("r"));
        String last = "r";
        if (odd) {
            g.addNode(NodeProto.newBuilder().setOpType("Erf").setName("odd_erf").addInput("r").addOutput("e"));
            last = "e";
        }
        g.addNode(gemm("/out/Gemm", last, "out", "output"));
        return ModelProto.newBuilder().setIrVersion(8).setProducerName("test").setGraph(g)
                .addOpsetImport(OperatorSetIdProto.newBuilder().setVersion(17)).build().toByteArray();
    }

    private static NodeProto gemm(String name, String in, String layer, String out) {
        return NodeProto.newBuilder().setOpType("Gemm").setName(name).addInput(in).addInput(layer + ".weight")
                .addInput(layer + ".bias").addOutput(out)
                .addAttribute(AttributeProto.newBuilder().setName("transB").setI(1)
                        .setType(AttributeProto.AttributeType.INT)).build();
    }

    private static TensorProto floats(String name, long... dims) {
        TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(TensorProto.DataType.FLOAT_VALUE);
        long n = 1;
        for (long d : dims) {
            t.addDims(d);
            n *= d;
        }
        for (int i = 0; i < n; i++) {
            t.addFloatData((i % 7 - 3) / 10f);
        }
        return t.build();
    }

    private static ValueInfoProto info(String name, int features) {
        return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder().setTensorType(
                TypeProto.Tensor.newBuilder().setElemType(TensorProto.DataType.FLOAT_VALUE).setShape(
                        TensorShapeProto.newBuilder()
                                .addDim(TensorShapeProto.Dimension.newBuilder().setDimParam("batch"))
                                .addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(features))))).build();
    }
}
