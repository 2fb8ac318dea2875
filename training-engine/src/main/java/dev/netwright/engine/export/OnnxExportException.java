package dev.netwright.engine.export;

/** A network that cannot be written as ONNX; the message names the node and its layer kind. */
final class OnnxExportException extends RuntimeException {
    private final String nodeId;
    private final String type;

    public OnnxExportException(String nodeId, String type, String reason, Throwable cause) {
        super("cannot export node '" + nodeId + "' (" + type + ") to ONNX: " + reason, cause);
        this.nodeId = nodeId;
        this.type = type;
    }

    public String nodeId() {
        return nodeId;
    }

    public String type() {
        return type;
    }
}
