package dev.netwright.frontend.designer.canvas;

/** One layer kind in the palette. */
public record PaletteEntry(String type, String category, String categoryLabel, String description) {
}
