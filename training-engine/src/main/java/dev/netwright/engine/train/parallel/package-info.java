/** Training on several devices: which devices ({@link dev.netwright.engine.train.parallel.DevicePlan}) and the
 * sharded forward pass whose backward sums the replicas' gradients
 * ({@link dev.netwright.engine.train.DataParallel}). */
package dev.netwright.engine.train.parallel;
