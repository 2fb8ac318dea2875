/** Canvas positions for designs: the auto-layout the designer, template gallery and ONNX import share. */
package dev.netwright.designer.layout;
