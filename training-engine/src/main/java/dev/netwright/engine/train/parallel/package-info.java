/** Training on several devices: which devices ({@link dev.netwright.engine.train.parallel.DevicePlan}); the
 * sharded forward pass whose backward sums the replicas' gradients is the train package's {@code DataParallel}. */
package dev.netwright.engine.train.parallel;
