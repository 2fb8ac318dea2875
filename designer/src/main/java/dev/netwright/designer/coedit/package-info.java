/**
 * Live co-editing: edits as small typed operations ({@link dev.netwright.designer.coedit.DesignOp}) that a server
 * orders and applies one patch at a time to a shared working design, with deterministic rules for concurrent edits
 * of the same thing ({@link dev.netwright.designer.coedit.PatchApplier}).
 */
package dev.netwright.designer.coedit;
