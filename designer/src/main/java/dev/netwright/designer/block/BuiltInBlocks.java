package dev.netwright.designer.block;

import static dev.netwright.designer.catalog.ParamType.INT;

import java.util.List;

/**
 * The blocks every workspace has (version 1 each): residual basic (projection and identity) and bottleneck
 * blocks, a transformer encoder block, an inception-style module, a VGG stage and a DCGAN up-sampling block.
 */
public final class BuiltInBlocks {
    private static final List<BlockDefinition> ALL = List.of(
            BlockBuilder.named("residual-basic", 1)
                    .description("He et al. 2015 basic block with a projection shortcut: two 3x3 convolutions with "
                            + "batch norm; a strided 1x1 convolution matches the shortcut's size and channels")
                    .input("in")
                    .param("filters", INT, 64, "output channels")
                    .param("stride", INT, 2, "down-sampling factor of the first convolution and the shortcut")
                    .then("conv1", "Conv2D", "filters", "$filters", "kernelSize", 3, "stride", "$stride",
                            "padding", "same", "useBias", false)
                    .then("bn1", "BatchNorm")
                    .then("relu1", "Activation", "function", "relu")
                    .then("conv2", "Conv2D", "filters", "$filters", "kernelSize", 3, "padding", "same", "useBias", false)
                    .then("bn2", "BatchNorm")
                    .from("in").then("proj", "Conv2D", "filters", "$filters", "kernelSize", 1, "stride", "$stride",
                            "useBias", false)
                    .then("projBn", "BatchNorm")
                    .from("bn2").then("add", "Add").edge("projBn", "add", 1)
                    .then("relu2", "Activation", "function", "relu")
                    .build(),
            BlockBuilder.named("residual-identity", 1)
                    .description("He et al. 2015 basic block with an identity shortcut; the input must have "
                            + "'filters' channels")
                    .input("in")
                    .param("filters", INT, 64, "channels of the input and the output")
                    .then("conv1", "Conv2D", "filters", "$filters", "kernelSize", 3, "padding", "same", "useBias", false)
                    .then("bn1", "BatchNorm")
                    .then("relu1", "Activation", "function", "relu")
                    .then("conv2", "Conv2D", "filters", "$filters", "kernelSize", 3, "padding", "same", "useBias", false)
                    .then("bn2", "BatchNorm")
                    .then("add", "Add").edge("in", "add", 1)
                    .then("relu2", "Activation", "function", "relu")
                    .build(),
            BlockBuilder.named("residual-bottleneck", 1)
                    .description("He et al. 2015 bottleneck: 1x1 reduce, 3x3, 1x1 expand, with a projection shortcut")
                    .input("in")
                    .param("filters", INT, 64, "channels of the inner 3x3 convolution")
                    .param("outFilters", INT, 256, "output channels (usually 4 x filters)")
                    .param("stride", INT, 1, "down-sampling factor of the 3x3 convolution and the shortcut")
                    .then("reduce", "Conv2D", "filters", "$filters", "kernelSize", 1, "useBias", false)
                    .then("bn1", "BatchNorm")
                    .then("relu1", "Activation", "function", "relu")
                    .then("conv", "Conv2D", "filters", "$filters", "kernelSize", 3, "stride", "$stride",
                            "padding", "same", "useBias", false)
                    .then("bn2", "BatchNorm")
                    .then("relu2", "Activation", "function", "relu")
                    .then("expand", "Conv2D", "filters", "$outFilters", "kernelSize", 1, "useBias", false)
                    .then("bn3", "BatchNorm")
                    .from("in").then("proj", "Conv2D", "filters", "$outFilters", "kernelSize", 1, "stride", "$stride",
                            "useBias", false)
                    .then("projBn", "BatchNorm")
                    .from("bn3").then("add", "Add").edge("projBn", "add", 1)
                    .then("relu3", "Activation", "function", "relu")
                    .build(),
            BlockBuilder.named("transformer-encoder", 1)
                    .description("Vaswani et al. 2017 encoder layer (post-norm): self-attention and a feed-forward "
                            + "network, each with a residual connection and layer norm; the input must have 'dim' "
                            + "features")
                    .input("in")
                    .param("heads", INT, 4, "attention heads; must divide dim")
                    .param("dim", INT, 64, "model width")
                    .param("ffDim", INT, 256, "hidden width of the feed-forward network")
                    .then("attention", "MultiHeadAttention", "heads", "$heads", "dim", "$dim")
                    .then("add1", "Add").edge("in", "add1", 1)
                    .then("norm1", "LayerNorm")
                    .then("ff1", "Dense", "units", "$ffDim", "activation", "relu")
                    .then("ff2", "Dense", "units", "$dim")
                    .then("add2", "Add").edge("norm1", "add2", 1)
                    .then("norm2", "LayerNorm")
                    .build(),
            BlockBuilder.named("inception-module", 1)
                    .description("Szegedy et al. 2014 module: 1x1, 3x3 and 5x5 convolution branches and a pooling "
                            + "branch side by side, joined along the channels")
                    .input("in")
                    .param("filters1x1", INT, 16, "channels of the 1x1 branch")
                    .param("filters3x3", INT, 32, "channels of the 3x3 branch")
                    .param("filters5x5", INT, 8, "channels of the 5x5 branch")
                    .param("poolFilters", INT, 8, "channels of the pooling branch")
                    .then("b1", "Conv2D", "filters", "$filters1x1", "kernelSize", 1, "activation", "relu")
                    .from("in").then("b3reduce", "Conv2D", "filters", "$filters1x1", "kernelSize", 1, "activation", "relu")
                    .then("b3", "Conv2D", "filters", "$filters3x3", "kernelSize", 3, "padding", "same",
                            "activation", "relu")
                    .from("in").then("b5reduce", "Conv2D", "filters", "$filters5x5", "kernelSize", 1, "activation", "relu")
                    .then("b5", "Conv2D", "filters", "$filters5x5", "kernelSize", 5, "padding", "same",
                            "activation", "relu")
                    .from("in").then("pool", "MaxPool2D", "poolSize", 3, "stride", 1, "padding", "same")
                    .then("bpool", "Conv2D", "filters", "$poolFilters", "kernelSize", 1, "activation", "relu")
                    .from("b1").then("concat", "Concatenate")
                    .edge("b3", "concat", 1).edge("b5", "concat", 2).edge("bpool", "concat", 3)
                    .build(),
            BlockBuilder.named("vgg-stage", 1)
                    .description("Simonyan & Zisserman 2014 stage: two 3x3 convolutions then 2x2 max pooling")
                    .input("in")
                    .param("filters", INT, 64, "channels of both convolutions")
                    .then("conv1", "Conv2D", "filters", "$filters", "kernelSize", 3, "padding", "same", "activation", "relu")
                    .then("conv2", "Conv2D", "filters", "$filters", "kernelSize", 3, "padding", "same", "activation", "relu")
                    .then("pool", "MaxPool2D", "poolSize", 2)
                    .build(),
            BlockBuilder.named("dcgan-up", 1)
                    .description("Radford et al. 2015 generator step: a stride-2 transposed convolution doubling "
                            + "height and width, batch norm and ReLU")
                    .input("in")
                    .param("filters", INT, 64, "output channels")
                    .then("up", "ConvTranspose2D", "filters", "$filters", "kernelSize", 4, "stride", 2,
                            "padding", "same", "useBias", false)
                    .then("bn", "BatchNorm")
                    .then("relu", "Activation", "function", "relu")
                    .build());

    private static final BlockLibrary LIBRARY = BlockLibrary.of(ALL);

    private BuiltInBlocks() {
    }

    public static List<BlockDefinition> all() {
        return ALL;
    }

    public static BlockLibrary library() {
        return LIBRARY;
    }
}
