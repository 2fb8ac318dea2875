package dev.netwright.engine.export;

/** Writes the ONNX nodes of one design node; registered by layer type in {@link NodeEmitters}. */
@FunctionalInterface
interface NodeEmitter {
    /** @return the name of the value holding the node's output */
    String emit(EmitContext c);
}
