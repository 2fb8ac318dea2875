package dev.netwright.engine.data.builtin;

import dev.netwright.engine.data.TrainTest;

/** One built-in dataset: its catalog entry and how to load it. */
interface DatasetSource {

    BuiltinDataset info();

    /** True when the files it needs are installed (always true for generated data). */
    boolean available();

    /** Loads train and test; throws {@link dev.netwright.engine.data.builtin.DatasetUnavailableException} when not installed. */
    TrainTest load(LoadOptions options);
}
