package dev.netwright.engine.train.config;

/** Parameter update rule. */
public enum OptimizerKind {
    /** Plain stochastic gradient descent. */
    SGD,
    /** SGD with (heavy-ball) momentum. */
    MOMENTUM,
    /** SGD with Nesterov momentum (the PyTorch formulation). */
    NESTEROV,
    /** RMSProp with decay {@link OptimizerConfig#rho()}. */
    RMSPROP,
    /** Adam with bias correction; weight decay is coupled (added to the gradient). */
    ADAM,
    /** Adam with decoupled weight decay (Loshchilov and Hutter). */
    ADAMW,
    /** Adagrad. */
    ADAGRAD
}
