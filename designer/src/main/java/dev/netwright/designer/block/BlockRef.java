package dev.netwright.designer.block;

import java.util.Objects;

/** A block pinned to one version: what an instance uses and what a library stores. */
public record BlockRef(String name, int version) {
    public BlockRef {
        Objects.requireNonNull(name, "name");
        if (version < 1) {
            throw new IllegalArgumentException("block versions start at 1, got " + version);
        }
    }

    @Override
    public String toString() {
        return name + " v" + version;
    }
}
