package dev.netwright.designer.diff;

/**
 * One parameter whose value differs. {@code before} is null when the parameter was added, {@code after} when it was
 * removed (the layer kind's default then applies).
 */
public record ParamChange(String name, Object before, Object after) {
}
