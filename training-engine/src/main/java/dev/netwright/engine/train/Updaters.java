package dev.netwright.engine.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.netwright.engine.train.config.OptimizerConfig;

/**
 * The update rules (formulas as in PyTorch's optimizers, so users get the behaviour they know). Coupled weight
 * decay is added to the gradient; ADAMW applies it to the weight directly.
 */
final class Updaters {
    private Updaters() {
    }

    /** Creates the rule of {@code config}; state arrays live in a sub-manager of {@code manager}. */
    public static ParameterUpdater create(OptimizerConfig config, NDManager manager) {
        double wd = config.weightDecay();
        return switch (config.kind()) {
            case SGD -> new Momentum(manager, 0, false, wd);
            case MOMENTUM -> new Momentum(manager, config.momentum(), false, wd);
            case NESTEROV -> new Momentum(manager, config.momentum(), true, wd);
            case RMSPROP -> new RmsProp(manager, config.rho(), config.epsilon(), wd);
            case ADAM -> new Adam(manager, config, false);
            case ADAMW -> new Adam(manager, config, true);
            case ADAGRAD -> new Adagrad(manager, config.epsilon(), wd);
        };
    }

    /** A rule scaled by the learning rate as one array per step, made once per step rather than per parameter. */
    private abstract static class RateUpdater extends SlotUpdater {
        /** The step's learning rate; released with the step's scope. */
        NDArray rate;

        RateUpdater(NDManager manager) {
            super(manager);
        }

        @Override
        final void beginStep(NDManager manager, double lr, long step) {
            rate = manager.create(lr);
        }
    }

    /** SGD, heavy-ball momentum (v = mu v + g; w -= lr v) and Nesterov (w -= lr (g + mu v)). */
    private static final class Momentum extends RateUpdater {
        private final double momentum;
        private final boolean nesterov;
        private final double weightDecay;

        Momentum(NDManager manager, double momentum, boolean nesterov, double weightDecay) {
            super(manager);
            this.momentum = momentum;
            this.nesterov = nesterov;
            this.weightDecay = weightDecay;
        }

        @Override
        int slotCount() {
            return momentum > 0 ? 1 : 0;
        }

        @Override
        void apply(NDArray w, NDArray grad, NDArray[] slots, double lr, long step) {
            NDArray g = coupledDecay(grad, w, weightDecay);
            if (momentum == 0) {
                w.subi(g.mul(rate));
                return;
            }
            NDArray v = slots[0].muli(constant(momentum)).addi(g);
            NDArray direction = nesterov ? g.add(v.mul(constant(momentum))) : v;
            w.subi(direction.mul(rate));
        }
    }

    /** RMSProp: s = rho s + (1 - rho) g^2; w -= lr g / (sqrt(s) + eps). */
    private static final class RmsProp extends RateUpdater {
        private final double rho;
        private final double epsilon;
        private final double weightDecay;

        RmsProp(NDManager manager, double rho, double epsilon, double weightDecay) {
            super(manager);
            this.rho = rho;
            this.epsilon = epsilon;
            this.weightDecay = weightDecay;
        }

        @Override
        int slotCount() {
            return 1;
        }

        @Override
        void apply(NDArray w, NDArray grad, NDArray[] slots, double lr, long step) {
            NDArray g = coupledDecay(grad, w, weightDecay);
            NDArray s = slots[0].muli(constant(rho)).addi(g.square().mul(constant(1 - rho)));
            w.subi(g.mul(rate).div(s.sqrt().add(constant(epsilon))));
        }
    }

    /**
     * Adam with bias correction; decoupled weight decay (w -= lr wd w) for AdamW. Its scalars are arrays made once
     * (the betas, {@link #constant}) or once per step (the bias-corrected epsilon and step size), not once per
     * parameter and use as {@code muli(double)} would: the same FLOAT64 scalars, so the same results.
     */
    private static final class Adam extends SlotUpdater {
        private final double beta1;
        private final double beta2;
        private final double epsilon;
        private final double weightDecay;
        private final boolean decoupled;
        private NDArray scaledEpsilon;
        private NDArray decay;
        private NDArray stepSize;

        Adam(NDManager manager, OptimizerConfig config, boolean decoupled) {
            super(manager);
            this.beta1 = config.beta1();
            this.beta2 = config.beta2();
            this.epsilon = config.epsilon();
            this.weightDecay = config.weightDecay();
            this.decoupled = decoupled;
        }

        @Override
        int slotCount() {
            return 2;
        }

        @Override
        void beginStep(NDManager manager, double lr, long step) {
            double c1 = 1 - Math.pow(beta1, step);
            double c2 = 1 - Math.pow(beta2, step);
            // lr * m_hat / (sqrt(v_hat) + eps) with the bias corrections folded into two scalars (fewer kernels)
            double sqrtC2 = Math.sqrt(c2);
            scaledEpsilon = manager.create(epsilon * sqrtC2); // released with the step's scope
            stepSize = manager.create(lr * sqrtC2 / c1);
            decay = decoupled && weightDecay > 0 ? manager.create(lr * weightDecay) : null;
        }

        @Override
        void apply(NDArray w, NDArray grad, NDArray[] slots, double lr, long step) {
            NDArray g = decoupled ? grad : coupledDecay(grad, w, weightDecay);
            if (decoupled && weightDecay > 0) {
                w.subi(w.mul(decay));
            }
            NDArray m = slots[0].muli(constant(beta1)).addi(g.mul(constant(1 - beta1)));
            NDArray v = slots[1].muli(constant(beta2)).addi(g.square().muli(constant(1 - beta2)));
            // Not the engine's fused Adam kernel: it was as fast for the MLP but left the CNN's next backward pass
            // 25-50 % slower (its five temporaries per parameter upset the allocator), measured in
            // ./netwright bench training on a quiet machine.
            w.subi(m.div(v.sqrt().addi(scaledEpsilon)).muli(stepSize));
        }
    }

    /** Adagrad: s += g^2; w -= lr g / (sqrt(s) + eps). */
    private static final class Adagrad extends RateUpdater {
        private final double epsilon;
        private final double weightDecay;

        Adagrad(NDManager manager, double epsilon, double weightDecay) {
            super(manager);
            this.epsilon = epsilon;
            this.weightDecay = weightDecay;
        }

        @Override
        int slotCount() {
            return 1;
        }

        @Override
        void apply(NDArray w, NDArray grad, NDArray[] slots, double lr, long step) {
            NDArray g = coupledDecay(grad, w, weightDecay);
            NDArray s = slots[0].addi(g.square());
            w.subi(g.mul(rate).div(s.sqrt().add(constant(epsilon))));
        }
    }
}
