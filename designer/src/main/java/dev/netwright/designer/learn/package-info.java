/**
 * Learn mode: the textbook computations on a user's own design, exactly. The forward-pass inspector steps a small
 * dense network neuron by neuron (weighted sum, bias, pre-activation, activation, with the formula filled in);
 * parameter arithmetic explains each layer's count as a formula; activation curves give each function and its
 * derivative. Plain Java in double precision, so hand-worked examples come out exactly.
 */
package dev.netwright.designer.learn;
