/**
 * Where a training batch's time goes: {@link dev.netwright.engine.train.profile.BatchProfile} sums the wall time of
 * each stage of a supervised step (data, forward, backward, gradient norms, optimizer, ...) when a trainer is given
 * one; the training benchmark prints it per batch. CPU kernels run synchronously, so stage boundaries are exact
 * there; on a GPU a stage that does not read a value back only measures its launch.
 */
package dev.netwright.engine.train.profile;
