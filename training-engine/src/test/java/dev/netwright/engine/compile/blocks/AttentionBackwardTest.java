package dev.netwright.engine.compile.blocks;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.XavierInitializer;
import ai.djl.util.Pair;
import dev.netwright.engine.train.EngineSupport;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The transformer template went non-finite at random: the attention scale, given to DJL as a Java number, was a
 * tensor over a buffer that nothing kept alive until the backward pass, which then divided by whatever reused that
 * memory. Here the memory freed between forward and backward is filled with NaN on purpose: the gradients must not
 * notice.
 */
class AttentionBackwardTest {

    @Test
    void gradientsStayFiniteWhenMemoryFreedAfterTheForwardPassIsReused() throws Exception {
        assertThat(nonFiniteGradients(5)).as("steps with non-finite query/key gradients").isZero();
    }

    /** Forward and backward {@code steps} times with a garbage collection and NaN-filled allocations in between. */
    static int nonFiniteGradients(int steps) throws Exception {
        int bad = 0;
        EngineSupport.prepareThread(7);
        for (int step = 0; step < steps; step++) {
            try (NDManager manager = NDManager.newBaseManager()) {
                MultiHeadSelfAttention attention = new MultiHeadSelfAttention(4, 16, 0f, false);
                attention.setInitializer(new XavierInitializer(), Parameter.Type.WEIGHT);
                attention.initialize(manager, DataType.FLOAT32, new Shape(2, 6, 16));
                for (Pair<String, Parameter> p : attention.getParameters()) {
                    p.getValue().getArray().setRequiresGradient(true);
                }
                NDArray x = manager.randomNormal(new Shape(2, 6, 16));
                EngineSupport.collectorLock().lock();
                try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                    NDArray out = attention.forward(new ParameterStore(manager, false), new NDList(x), true).head();
                    List<ByteBuffer> garbage = reuseFreedMemory();
                    collector.backward(out.square().sum());
                    garbage.clear();
                } finally {
                    EngineSupport.collectorLock().unlock();
                }
                for (Pair<String, Parameter> p : attention.getParameters()) {
                    NDArray g = p.getValue().getArray().getGradient();
                    if (g.isNaN().logicalOr(g.isInfinite()).sum().getLong() > 0) {
                        bad++;
                        break;
                    }
                }
            }
        }
        return bad;
    }

    /**
     * Lets the collector free unreachable direct buffers, then takes small blocks of native memory (as the freed
     * scalar buffers were) and fills them with NaN, as another thread's allocations would with their own data.
     */
    private static List<ByteBuffer> reuseFreedMemory() throws InterruptedException {
        List<ByteBuffer> held = new ArrayList<>();
        for (int round = 0; round < 3; round++) {
            System.gc();
            Thread.sleep(50);
            for (int i = 0; i < 2000; i++) {
                for (int size : new int[] {4, 8}) {
                    ByteBuffer b = ByteBuffer.allocateDirect(size).order(ByteOrder.nativeOrder());
                    if (size == 4) {
                        b.putFloat(0, Float.NaN);
                    } else {
                        b.putDouble(0, Double.NaN);
                    }
                    held.add(b);
                }
            }
        }
        return held;
    }
}
