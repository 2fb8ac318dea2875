package dev.netwright.designer.block;

import dev.netwright.designer.model.Node;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A design node that stands for a block: type {@value #TYPE}, params {@code block} (name) and {@code version}
 * (pinned) plus values for the block's exposed parameters. Kept in the params so every edit that copies a node's
 * params keeps the reference.
 */
public record BlockInstance(String nodeId, BlockRef ref, Map<String, Object> values) {
    public static final String TYPE = "Block";
    public static final String BLOCK = "block";
    public static final String VERSION = "version";
    static final Set<String> RESERVED = Set.of(BLOCK, VERSION);

    public BlockInstance {
        values = Map.copyOf(values);
    }

    public static boolean isInstance(Node node) {
        return TYPE.equals(node.type());
    }

    /** The instance a node stands for, or empty when it is not one or its reference is malformed. */
    public static Optional<BlockInstance> of(Node node) {
        if (!isInstance(node) || !(node.params().get(BLOCK) instanceof String name) || name.isBlank()
                || !(node.params().get(VERSION) instanceof Integer version) || version < 1) {
            return Optional.empty();
        }
        Map<String, Object> values = new LinkedHashMap<>(node.params());
        values.keySet().removeAll(RESERVED);
        return Optional.of(new BlockInstance(node.id(), new BlockRef(name, version), values));
    }

    /** The params of a node that instantiates {@code ref} with the given exposed values. */
    public static Map<String, Object> params(BlockRef ref, Map<String, Object> values) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put(BLOCK, ref.name());
        p.put(VERSION, ref.version());
        p.putAll(values);
        return p;
    }
}
