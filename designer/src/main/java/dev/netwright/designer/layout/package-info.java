/**
 * Canvas positions for designs: the auto-layout the designer, template gallery and ONNX import share, and the room
 * made around a block instance expanded in place ({@link dev.netwright.designer.layout.FrameRoom}).
 */
package dev.netwright.designer.layout;
