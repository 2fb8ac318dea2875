package dev.netwright.engine.train.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Base of the update rules: keeps {@code slotCount()} state arrays per parameter ("slots", e.g. Adam's two
 * moments) in its own manager so they outlive the per-batch scope, and runs each update on a detached view of
 * the weight so the in-place change is not recorded by autograd.
 */
abstract class SlotUpdater implements ParameterUpdater {
    private final NDManager stateManager;
    private final Map<String, NDArray[]> slots = new HashMap<>();
    private long steps;

    SlotUpdater(NDManager parent) {
        this.stateManager = parent.newSubManager();
    }

    abstract int slotCount();

    /**
     * Updates {@code weight} (detached, in place) from {@code grad}. {@code step} is 1-based.
     */
    abstract void apply(NDArray weight, NDArray grad, NDArray[] slots, double lr, long step);

    @Override
    public final void update(List<ParameterGradient> parameters, double learningRate) {
        steps++;
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            for (ParameterGradient p : parameters) {
                NDArray view = p.weight().stopGradient();
                apply(view, p.gradient(), slotsFor(p.name(), view), learningRate, steps);
            }
        }
    }

    private NDArray[] slotsFor(String name, NDArray like) {
        return slots.computeIfAbsent(name, k -> {
            NDArray[] s = new NDArray[slotCount()];
            for (int i = 0; i < s.length; i++) {
                s[i] = stateManager.zeros(like.getShape(), like.getDataType(), like.getDevice());
                NDScope.unregister(s[i]);
            }
            return s;
        });
    }

    @Override
    public long steps() {
        return steps;
    }

    @Override
    public NDList exportState() {
        NDList list = new NDList();
        slots.forEach((name, arrays) -> {
            for (int i = 0; i < arrays.length; i++) {
                arrays[i].setName(name + "#" + i);
                list.add(arrays[i]);
            }
        });
        return list;
    }

    @Override
    public void importState(NDList state, long stepCount) {
        for (NDArray array : state) {
            String id = array.getName();
            int hash = id.lastIndexOf('#');
            String name = id.substring(0, hash);
            int index = Integer.parseInt(id.substring(hash + 1));
            NDArray[] s = slots.computeIfAbsent(name, k -> new NDArray[slotCount()]);
            NDArray copy = array.toDevice(array.getDevice(), true);
            copy.attach(stateManager);
            NDScope.unregister(copy);
            s[index] = copy;
        }
        this.steps = stepCount;
    }

    @Override
    public void close() {
        stateManager.close();
    }
}
