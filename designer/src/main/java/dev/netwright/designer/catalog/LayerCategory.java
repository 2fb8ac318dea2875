package dev.netwright.designer.catalog;

/** Palette groups, in display order. */
public enum LayerCategory {
    CORE("Core"),
    CONVOLUTION("Convolution"),
    RECURRENT("Recurrent"),
    ATTENTION("Attention"),
    NORMALISATION("Normalisation"),
    MERGE("Merge");

    private final String label;

    LayerCategory(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
