package dev.netwright.frontend.learn.inspector;

import dev.netwright.designer.model.Design;
import dev.netwright.designer.template.DesignBuilder;
import java.util.List;

/** The blank networks a learner can work through by hand. */
final class Exercises {
    private Exercises() {
    }

    /** One neuron: {@code inputs} inputs, one Dense unit with the activation ("linear" gives the bare sum). */
    static Design singleNeuron(int inputs, String activation) {
        return DesignBuilder.named("single neuron").node("x", "Input", "shape", List.of(inputs))
                .then("n", "Dense", "units", 1, "activation", activation).build();
    }

    /** 2 inputs, 3 ReLU hidden units, 2 softmax outputs: small enough to check every number on paper. */
    static Design smallMlp() {
        return DesignBuilder.named("small MLP").node("x", "Input", "shape", List.of(2))
                .then("hidden", "Dense", "units", 3, "activation", "relu")
                .then("output", "Dense", "units", 2, "activation", "softmax").build();
    }
}
