/**
 * Built-in datasets. {@link dev.netwright.engine.data.builtin.BuiltinCatalog} lists them all, installed or
 * not, and loads train and test parts:
 * <ul>
 *   <li>{@code fashion-mnist}: the real 60k/10k set (package dataset-fashion-mnist), [1, 28, 28] in [0, 1].</li>
 *   <li>{@code iris}, {@code wine}, {@code breast-cancer}, {@code digits} (classification) and
 *       {@code diabetes} (regression) from python3-sklearn; 20 % test split drawn with the seed
 *       (stratified for classification).</li>
 *   <li>Generated from the seed: {@code moons}, {@code circles}, {@code spirals} ([2], two classes),
 *       {@code sine-sequences} ([50, 1], class = 1..4 cycles), {@code token-sequences} ([32] token ids,
 *       vocabulary 64: class = whether token 1 or token 2 occurs more often among random filler tokens
 *       3..63, a counting task attention learns and a linear model cannot), {@code gaussian-mixture}
 *       (unlabelled [2] points from 8 Gaussians on a ring, for GANs). Every generated set is exactly
 *       class- (or mode-) balanced.</li>
 * </ul>
 */
package dev.netwright.engine.data.builtin;
