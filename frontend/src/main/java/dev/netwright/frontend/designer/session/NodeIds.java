package dev.netwright.frontend.designer.session;

import dev.netwright.designer.model.Design;
import dev.netwright.designer.model.Node;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** Readable, unique node ids derived from the layer type (dense1, dense2, conv2d1...). */
final class NodeIds {
    private NodeIds() {
    }

    static String next(Set<String> taken, String type) {
        String base = type.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "");
        if (base.isEmpty() || !Character.isLetter(base.charAt(0))) {
            base = "layer" + base;
        }
        for (int i = 1; ; i++) {
            String candidate = Character.isDigit(base.charAt(base.length() - 1)) ? base + "_" + i : base + i;
            if (!taken.contains(candidate)) {
                return candidate;
            }
        }
    }

    static Set<String> of(Design design) {
        return design.nodes().stream().map(Node::id).collect(Collectors.toSet());
    }
}
