/**
 * ONNX import: an ONNX file (as PyTorch exports it, opset 13 to 18) becomes a design with its weights, saved as a
 * model directory that prediction, evaluation, export and warm-started training accept.
 */
package dev.netwright.engine.onnximport;
