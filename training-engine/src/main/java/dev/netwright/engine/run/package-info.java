/**
 * One training run end to end: load and prepare the data a design is trained on (split, normalise on the training
 * split only, reshape check, linear baseline for tables), compile the design, train it (supervised or GAN), and
 * write the saved model directory ({@link dev.netwright.engine.run.ModelBundle}) that {@code evaluate},
 * {@code predict}, the platform and downloads use.
 */
package dev.netwright.engine.run;
