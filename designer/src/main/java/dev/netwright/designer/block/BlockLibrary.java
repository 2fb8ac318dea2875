package dev.netwright.designer.block;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Block definitions looked up by name and version. A design's own definitions come first, then a fallback library
 * (the built-in blocks).
 */
public final class BlockLibrary {
    private final List<BlockDefinition> definitions;
    private final BlockLibrary fallback;

    private BlockLibrary(List<BlockDefinition> definitions, BlockLibrary fallback) {
        this.definitions = List.copyOf(definitions);
        this.fallback = fallback;
    }

    public static BlockLibrary of(List<BlockDefinition> definitions) {
        return new BlockLibrary(definitions, null);
    }

    /** These definitions, then {@code fallback} for anything they do not define. */
    public BlockLibrary before(BlockLibrary next) {
        return new BlockLibrary(definitions, fallback == null ? next : fallback.before(next));
    }

    public Optional<BlockDefinition> find(BlockRef ref) {
        for (BlockDefinition d : definitions) {
            if (d.name().equals(ref.name()) && d.version() == ref.version()) {
                return Optional.of(d);
            }
        }
        return fallback == null ? Optional.empty() : fallback.find(ref);
    }

    /** The newest version of a block known here, for upgrade offers. */
    public Optional<BlockDefinition> latest(String name) {
        return all().stream().filter(d -> d.name().equals(name)).max(Comparator.comparingInt(BlockDefinition::version));
    }

    public List<BlockDefinition> all() {
        List<BlockDefinition> all = new ArrayList<>(definitions);
        if (fallback != null) {
            for (BlockDefinition d : fallback.all()) {
                if (all.stream().noneMatch(x -> x.ref().equals(d.ref()))) {
                    all.add(d);
                }
            }
        }
        return all;
    }
}
