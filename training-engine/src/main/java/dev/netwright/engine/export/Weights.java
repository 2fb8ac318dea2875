package dev.netwright.engine.export;

import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;

/** Finds blocks and parameters inside a compiled node's DJL block. */
final class Weights {
    private Weights() {
    }

    /** The first block of {@code type} in a depth-first walk (the node's block itself included). */
    static <T extends Block> T find(Block block, Class<T> type) {
        T found = search(block, type);
        if (found == null) {
            throw new IllegalStateException("no " + type.getSimpleName() + " inside " + block.getClass().getSimpleName());
        }
        return found;
    }

    private static <T extends Block> T search(Block block, Class<T> type) {
        if (type.isInstance(block)) {
            return type.cast(block);
        }
        for (Pair<String, Block> child : block.getChildren()) {
            T found = search(child.getValue(), type);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    /** The named child block. */
    static Block child(Block block, String name) {
        for (Pair<String, Block> child : block.getChildren()) {
            if (child.getKey().equals(name) || child.getKey().matches("\\d+" + java.util.regex.Pattern.quote(name))) {
                return child.getValue();
            }
        }
        throw new IllegalStateException("no child " + name + " in " + block.getClass().getSimpleName()
                + " (has " + block.getChildren().keys() + ")");
    }

    /** A direct parameter by name, or null when the block has none of that name (e.g. no bias). */
    static Tensor parameter(Block block, String name) {
        for (Pair<String, Parameter> p : block.getDirectParameters()) {
            if (p.getValue().getName().equals(name) || p.getKey().equals(name)) {
                return p.getValue().isInitialized() ? Tensor.of(p.getValue()) : null;
            }
        }
        return null;
    }

    static Tensor required(Block block, String name) {
        Tensor t = parameter(block, name);
        if (t == null) {
            throw new IllegalStateException("no initialised parameter " + name + " in "
                    + block.getClass().getSimpleName());
        }
        return t;
    }
}
