package dev.netwright.engine.export;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import dev.netwright.designer.analysis.DesignAnalyzer;
import dev.netwright.designer.block.BlockExpander;
import dev.netwright.designer.block.BuiltInBlockExamples;
import dev.netwright.designer.model.Design;
import dev.netwright.engine.compile.CompiledNetwork;
import dev.netwright.engine.compile.DesignCompiler;
import java.nio.FloatBuffer;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * For every built-in block: the design with one instance compiles to the same DJL network as its flattened design
 * (same parameters, same output for the same weights), exports to the same ONNX file, and that file computes what
 * DJL computes.
 */
class BlockCompileAndExportTest {
    private static final int BATCH = 2;
    private final DesignCompiler compiler = new DesignCompiler();

    @Test
    void everyBuiltInBlockCompilesAndExportsExactlyLikeItsExpansion() throws Exception {
        OrtEnvironment ort = OrtEnvironment.getEnvironment();
        for (BuiltInBlockExamples.Example example : BuiltInBlockExamples.ALL) {
            Design design = example.design();
            Design flat = new BlockExpander().expand(design).flat();
            try (NDManager manager = NDManager.newBaseManager()) {
                CompiledNetwork withBlock = compiler.compile(design, true);
                CompiledNetwork expanded = compiler.compile(flat, true);
                long expected = new DesignAnalyzer().analyze(flat).totals().totalParams();
                assertThat(withBlock.expectedParameters()).as(example.block()).isEqualTo(expected);
                assertThat(withBlock.outputShape()).as(example.block()).isEqualTo(expanded.outputShape());

                ai.djl.ndarray.types.Shape batch = batchShape(withBlock.inputShape().dims());
                withBlock.block().initialize(manager, DataType.FLOAT32, batch);
                expanded.block().initialize(manager, DataType.FLOAT32, batch);
                ai.djl.nn.ParameterList a = withBlock.block().getParameters();
                ai.djl.nn.ParameterList b = expanded.block().getParameters();
                assertThat(a.stream().map(Pair::getKey).toList()).as(example.block())
                        .isEqualTo(b.stream().map(Pair::getKey).toList());
                long djlCount = 0;
                Random random = new Random(example.block().hashCode());
                for (int i = 0; i < a.size(); i++) {
                    NDArray wa = a.get(i).getValue().getArray();
                    assertThat(wa.getShape()).isEqualTo(b.get(i).getValue().getArray().getShape());
                    float[] values = wa.toFloatArray();
                    for (int j = 0; j < values.length; j++) {
                        values[j] = a.get(i).getKey().contains("Var") ? (float) (0.5 + random.nextDouble())
                                : (float) (random.nextDouble() - 0.5);
                    }
                    wa.set(values);
                    b.get(i).getValue().getArray().set(values);
                    djlCount += wa.size();
                }
                assertThat(djlCount).as(example.block() + " DJL parameters").isEqualTo(expected);

                float[] input = new float[(int) batch.size()];
                for (int i = 0; i < input.length; i++) {
                    input[i] = (float) (random.nextDouble() * 2 - 1);
                }
                NDArray x = manager.create(input, batch);
                float[] outBlock = withBlock.block().forward(new ParameterStore(manager, false), new NDList(x), false)
                        .head().toFloatArray();
                float[] outFlat = expanded.block().forward(new ParameterStore(manager, false), new NDList(x), false)
                        .head().toFloatArray();
                assertThat(outBlock).as(example.block()).containsExactly(outFlat);

                byte[] onnx = new OnnxExporter().export(design, withBlock);
                assertThat(onnx).as(example.block() + " ONNX").isEqualTo(new OnnxExporter().export(flat, expanded));
                try (OrtSession session = ort.createSession(onnx, new OrtSession.SessionOptions());
                     OnnxTensor tensor = OnnxTensor.createTensor(ort, FloatBuffer.wrap(input), batch.getShape());
                     OrtSession.Result result = session.run(Map.of("input", tensor))) {
                    FloatBuffer y = ((OnnxTensor) result.get("output").orElseThrow()).getFloatBuffer();
                    for (int i = 0; i < outBlock.length; i++) {
                        assertThat((double) y.get(i)).as(example.block() + " ONNX vs DJL")
                                .isCloseTo(outBlock[i], org.assertj.core.data.Offset.offset(1e-3));
                    }
                }
            }
        }
    }

    private static ai.djl.ndarray.types.Shape batchShape(int[] sample) {
        long[] dims = new long[sample.length + 1];
        dims[0] = BATCH;
        for (int i = 0; i < sample.length; i++) {
            dims[i + 1] = sample[i];
        }
        return new ai.djl.ndarray.types.Shape(dims);
    }
}
