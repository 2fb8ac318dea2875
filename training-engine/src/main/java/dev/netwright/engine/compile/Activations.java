package dev.netwright.engine.compile;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import dev.netwright.designer.catalog.ActivationFunction;

/** DJL implementations of the catalog's activation functions. */
final class Activations {
    private Activations() {
    }

    static NDArray apply(ActivationFunction f, float alpha, NDArray x) {
        return switch (f) {
            case LINEAR -> x;
            case RELU -> Activation.relu(x);
            case LEAKY_RELU -> Activation.leakyRelu(x, alpha);
            case SIGMOID -> Activation.sigmoid(x);
            case TANH -> Activation.tanh(x);
            case SOFTMAX -> x.softmax(-1);
            case GELU -> Activation.gelu(x);
            case ELU -> Activation.elu(x, 1f);
            case SELU -> Activation.selu(x);
            case SILU -> Activation.swish(x, 1f);
            case SOFTPLUS -> Activation.softPlus(x);
            case RELU6 -> x.clip(0, 6);
        };
    }

    static Block block(ActivationFunction f, float alpha) {
        return new LambdaBlock(list -> new NDList(apply(f, alpha, list.singletonOrThrow())), "activation");
    }
}
