package dev.netwright.engine.onnximport;

/**
 * An operator form the import does not translate. The message is the key that groups nodes in the error listing
 * every unsupported operator; no stack trace, as it is expected control flow while a whole graph is checked.
 */
final class UnsupportedOp extends Exception {
    UnsupportedOp(String key) {
        super(key, null, false, false);
    }
}
