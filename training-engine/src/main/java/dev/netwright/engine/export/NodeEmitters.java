package dev.netwright.engine.export;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The ONNX emitter of every layer kind, by type name (the export twin of the compiler's LayerCompilers). */
final class NodeEmitters {
    private static final Map<String, NodeEmitter> BY_TYPE;

    static {
        Map<String, NodeEmitter> m = new HashMap<>();
        CoreEmitters.register(m);
        ConvolutionEmitters.register(m);
        NormalisationEmitters.register(m);
        RecurrentEmitters.register(m);
        AttentionEmitters.register(m);
        MergeEmitters.register(m);
        BY_TYPE = Collections.unmodifiableMap(m);
    }

    private NodeEmitters() {
    }

    static Optional<NodeEmitter> find(String type) {
        return Optional.ofNullable(BY_TYPE.get(type));
    }

    /** The layer types that can be exported. */
    public static Set<String> types() {
        return BY_TYPE.keySet();
    }
}
