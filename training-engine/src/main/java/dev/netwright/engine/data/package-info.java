/**
 * The data layer of the training engine: everything between a file (or a built-in dataset) and the float
 * rows the trainer consumes, as an {@link dev.netwright.engine.data.ArrayDataset}.
 *
 * <ul>
 *   <li>{@code builtin}: the catalog of datasets every installation offers (Fashion-MNIST and scikit-learn
 *       tables from Debian packages, generated toy sets needing nothing installed).</li>
 *   <li>{@code tabular}: user CSV/TSV tables, one-hot categorical columns, missing values reported or
 *       imputed.</li>
 *   <li>{@code images}: user image ZIP archives with one folder per class.</li>
 *   <li>{@code prep}: seeded train/validation/test splits, normalisation fitted on training data,
 *       batch augmentation.</li>
 *   <li>{@code baseline}: a Tribuo linear model to compare designed networks against.</li>
 * </ul>
 *
 * Every load error is a {@link dev.netwright.engine.data.DatasetException} naming the file, the line or
 * entry, and the reason; the run package's {@code ShapeAdaptation} decides whether samples fit a
 * design's input.
 */
package dev.netwright.engine.data;
