/**
 * Hyperparameter search, independent of training: search spaces (categorical, integer, uniform, log-uniform),
 * samplers that propose trials (grid, random, Tree-structured Parzen Estimator), pruners that stop poor trials
 * early from their intermediate values (median rule, asynchronous successive halving), and the Pareto front for two
 * objectives. All randomness is seeded. The platform drives these per sweep; each trial is an ordinary run.
 */
package dev.netwright.engine.search;
