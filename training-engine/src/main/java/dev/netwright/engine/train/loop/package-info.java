/**
 * The epoch loop shared by supervised and GAN training, and the listeners both use (cancellation, divergence).
 * Trainer-specific listeners (checkpoints, plateau, early stopping, reports) live next to their trainer.
 */
package dev.netwright.engine.train.loop;
