package dev.netwright.designer.block;

import dev.netwright.designer.catalog.ParamType;
import java.util.Objects;

/**
 * A parameter a block exposes to its instances. Inner nodes use it by giving a parameter the value
 * {@code "$name"}; an instance sets it in its own params or gets {@code defaultValue}.
 */
public record BlockParam(String name, ParamType type, Object defaultValue, String description) {
    public BlockParam {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(defaultValue, "defaultValue");
        description = description == null ? "" : description;
        if (BlockInstance.RESERVED.contains(name)) {
            throw new IllegalArgumentException("'" + name + "' is reserved for the block reference");
        }
    }

    /** How an inner node's parameter refers to this exposed parameter. */
    public String reference() {
        return "$" + name;
    }
}
