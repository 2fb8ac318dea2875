package dev.netwright.engine.train;

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
 * the weight so the in-place change is not recorded by autograd. The views are made once per weight array and
 * kept (a view shares the weight's storage), not once per step: each costs a native call and an array.
 */
abstract class SlotUpdater implements ParameterUpdater {
    private final NDManager stateManager;
    private final Map<String, NDArray[]> slots = new HashMap<>();
    private final Map<String, DetachedView> views = new HashMap<>();
    private final Map<Double, NDArray> constants = new HashMap<>();
    private long steps;

    /** The detached view of {@code weight}, the very array it was made from. */
    private record DetachedView(NDArray weight, NDArray view) {
    }

    SlotUpdater(NDManager parent) {
        this.stateManager = parent.newSubManager();
    }

    abstract int slotCount();

    /**
     * Updates {@code weight} (detached, in place) from {@code grad}. {@code step} is 1-based.
     */
    abstract void apply(NDArray weight, NDArray grad, NDArray[] slots, double lr, long step);

    /**
     * Called once per step before the parameters' {@link #apply} calls: a rule makes the step's scalar arrays here
     * instead of once per parameter. Arrays made in {@code manager} (the state manager) are released after the
     * step unless the rule takes them out of the step's scope ({@code NDScope.unregister}) to keep them.
     */
    void beginStep(NDManager manager, double lr, long step) {
    }

    /**
     * {@code value} as a FLOAT64 scalar array made once for the run: an operation with a Java number makes, uses and
     * deletes such an array each time (three or more native calls); this is the same array, so the same results.
     */
    final NDArray constant(double value) {
        return constants.computeIfAbsent(value, v -> {
            NDArray scalar = stateManager.create(v.doubleValue());
            NDScope.unregister(scalar);
            return scalar;
        });
    }

    /** {@code grad + wd * weight} (coupled weight decay, L2 in the gradient), or {@code grad} when {@code wd} is 0. */
    final NDArray coupledDecay(NDArray grad, NDArray weight, double wd) {
        return wd > 0 ? grad.add(weight.mul(constant(wd))) : grad;
    }

    @Override
    public final void update(List<ParameterGradient> parameters, double learningRate) {
        steps++;
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            beginStep(stateManager, learningRate, steps);
            for (ParameterGradient p : parameters) {
                NDArray view = viewOf(p);
                apply(view, p.gradient(), slotsFor(p.name(), view), learningRate, steps);
            }
        }
    }

    private NDArray viewOf(ParameterGradient p) {
        DetachedView kept = views.get(p.name());
        if (kept != null && kept.weight() == p.weight()) {
            return kept.view();
        }
        if (kept != null) {
            kept.view().close(); // the parameter's array was replaced (parameters loaded): a view of the new one
        }
        NDArray view = p.weight().stopGradient();
        NDScope.unregister(view);
        view.attach(stateManager);
        views.put(p.name(), new DetachedView(p.weight(), view));
        return view;
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
