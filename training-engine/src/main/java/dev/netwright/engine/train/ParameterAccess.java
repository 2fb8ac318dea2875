package dev.netwright.engine.train;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;

import java.util.ArrayList;
import java.util.List;

/** Reads a block's trainable parameters and their gradients, and clears the gradients after an update. */
final class ParameterAccess {
    private ParameterAccess() {
    }

    /** Trainable parameters with their current gradients (collected by the last backward pass). */
    public static List<ParameterGradient> gradients(Block block) {
        List<ParameterGradient> out = new ArrayList<>();
        for (Pair<String, Parameter> pair : block.getParameters()) {
            Parameter p = pair.getValue();
            if (p.requiresGradient() && p.isInitialized()) {
                NDArray w = p.getArray();
                out.add(new ParameterGradient(pair.getKey(), w, w.getGradient(),
                        p.getType() == Parameter.Type.WEIGHT));
            }
        }
        return out;
    }

    /** Trainable weight arrays (not biases / norm parameters): what L1/L2 penalise. */
    static List<NDArray> weights(Block block) {
        List<NDArray> out = new ArrayList<>();
        for (Pair<String, Parameter> pair : block.getParameters()) {
            Parameter p = pair.getValue();
            if (p.requiresGradient() && p.getType() == Parameter.Type.WEIGHT) {
                out.add(p.getArray());
            }
        }
        return out;
    }

    /** Zeroes the gradients in place: backward passes accumulate, and DJL's PyTorch collector does not clear. */
    public static void clearGradients(List<ParameterGradient> parameters) {
        for (ParameterGradient p : parameters) {
            p.gradient().subi(p.gradient()); // the gradient array the step read (asking again costs a native call)
        }
    }

    /** Re-enables gradients after parameters were loaded from a file (loading does not attach them). */
    public static void attachGradients(Block block) {
        for (Pair<String, Parameter> pair : block.getParameters()) {
            Parameter p = pair.getValue();
            if (p.requiresGradient() && p.isInitialized() && !p.getArray().hasGradient()) {
                p.getArray().setRequiresGradient(true);
            }
        }
    }
}
