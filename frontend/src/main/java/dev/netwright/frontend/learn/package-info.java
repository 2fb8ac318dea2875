/**
 * Learn mode: pages that show the arithmetic behind a network on the user's own design (forward pass neuron by
 * neuron, parameter counts as formulas), activation functions, vanishing gradients and a live training playground.
 * The computations live in the designer's {@code learn} package and the training engine; these are the views.
 */
package dev.netwright.frontend.learn;
