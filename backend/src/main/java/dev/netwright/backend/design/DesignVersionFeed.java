package dev.netwright.backend.design;

import java.util.UUID;
import java.util.function.Consumer;

/**
 * New versions of a design as they are saved, from any app instance and from the REST API alike, so members looking
 * at the design learn at once that their base is out of date.
 */
public interface DesignVersionFeed {

    /** A version was saved (or restored) as {@code version}. */
    record VersionSaved(UUID designId, int version, String author, String message) {
    }

    /** Calls {@code listener} (on a feed thread) for each version of the design saved from now on. */
    Subscription subscribe(UUID designId, Consumer<VersionSaved> listener);

    interface Subscription extends AutoCloseable {
        @Override
        void close();
    }
}
