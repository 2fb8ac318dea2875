package dev.netwright.designer.coedit;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** The ops of one user gesture, applied in order as one step (and undone as one). */
public record DesignPatch(List<DesignOp> ops) {
    public static final DesignPatch EMPTY = new DesignPatch(List.of());

    public DesignPatch {
        ops = List.copyOf(ops);
    }

    public boolean isEmpty() {
        return ops.isEmpty();
    }

    /** The patch that takes this one back: each op's inverse, last first. */
    public DesignPatch inverse() {
        List<DesignOp> inv = new ArrayList<>(ops.size());
        ops.forEach(op -> inv.add(op.inverse()));
        Collections.reverse(inv);
        return new DesignPatch(inv);
    }
}
