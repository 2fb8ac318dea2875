package dev.netwright.designer.template;

import static dev.netwright.designer.model.Network.DISCRIMINATOR;
import static dev.netwright.designer.model.Network.GENERATOR;

import dev.netwright.designer.block.BlockInstance;
import java.util.List;
import java.util.Optional;

/** The template gallery. Every template is a valid design that the training engine can train as it is. */
public final class Templates {
    private Templates() {
    }

    private static final List<Template> ALL = List.of(
            new Template("mlp-fashion-mnist", "MLP for Fashion-MNIST",
                    "Two hidden dense layers on flattened 28x28 images, softmax over 10 classes", "fashion-mnist",
                    DesignBuilder.named("MLP for Fashion-MNIST")
                            .description("784-128-64-10 multi-layer perceptron")
                            .node("input", "Input", "shape", List.of(1, 28, 28))
                            .then("flatten", "Flatten")
                            .then("hidden1", "Dense", "units", 128, "activation", "relu")
                            .then("dropout", "Dropout", "rate", 0.2)
                            .then("hidden2", "Dense", "units", 64, "activation", "relu")
                            .then("output", "Dense", "units", 10, "activation", "softmax")
                            .build()),
            new Template("lenet-cnn", "LeNet-style CNN",
                    "Two convolution + max-pooling stages, then three dense layers", "fashion-mnist",
                    DesignBuilder.named("LeNet-style CNN")
                            .description("LeCun et al. 1998 layout adapted to 28x28 grey images")
                            .node("input", "Input", "shape", List.of(1, 28, 28))
                            .then("conv1", "Conv2D", "filters", 6, "kernelSize", 5, "padding", "same", "activation", "relu")
                            .then("pool1", "MaxPool2D", "poolSize", 2)
                            .then("conv2", "Conv2D", "filters", 16, "kernelSize", 5, "activation", "relu")
                            .then("pool2", "MaxPool2D", "poolSize", 2)
                            .then("flatten", "Flatten")
                            .then("fc1", "Dense", "units", 120, "activation", "relu")
                            .then("fc2", "Dense", "units", 84, "activation", "relu")
                            .then("output", "Dense", "units", 10, "activation", "softmax")
                            .build()),
            new Template("residual-cnn", "Residual CNN block",
                    "A convolution stem and one residual block (the built-in residual-identity block: two "
                            + "convolutions with batch norm, joined by Add)",
                    "fashion-mnist",
                    DesignBuilder.named("Residual CNN")
                            .description("He et al. 2015 basic block on 28x28 grey images")
                            .node("input", "Input", "shape", List.of(1, 28, 28))
                            .then("stem", "Conv2D", "filters", 16, "kernelSize", 3, "padding", "same", "activation", "relu")
                            .then("pool", "MaxPool2D", "poolSize", 2)
                            .then("stage1", BlockInstance.TYPE, "block", "residual-identity", "version", 1, "filters", 16)
                            .then("gap", "GlobalAvgPool2D")
                            .then("output", "Dense", "units", 10, "activation", "softmax")
                            .build()),
            new Template("lstm-classifier", "LSTM sequence classifier",
                    "Reads each 28x28 image as 28 time steps of 28 features", "fashion-mnist",
                    DesignBuilder.named("LSTM classifier")
                            .description("LSTM over image rows, last state to softmax")
                            .node("input", "Input", "shape", List.of(28, 28))
                            .then("lstm", "LSTM", "units", 64)
                            .then("output", "Dense", "units", 10, "activation", "softmax")
                            .build()),
            new Template("gru-classifier", "GRU sequence classifier",
                    "Classifies noisy sine waves by frequency with a two-layer GRU", "sine-sequences",
                    DesignBuilder.named("GRU classifier")
                            .description("Two stacked GRU layers over [time, 1] sequences")
                            .node("input", "Input", "shape", List.of(50, 1))
                            .then("gru", "GRU", "units", 32, "layers", 2)
                            .then("output", "Dense", "units", 4, "activation", "softmax")
                            .build()),
            new Template("transformer-classifier", "Transformer text classifier",
                    "Token embedding, sinusoidal positions, two encoder layers, mean pooling, softmax",
                    "token-sequences",
                    DesignBuilder.named("Transformer classifier")
                            .description("Encoder-only transformer over token ids")
                            .node("input", "Input", "shape", List.of(32))
                            .then("embedding", "Embedding", "vocabSize", 64, "dim", 32)
                            .then("positions", "PositionalEncoding", "kind", "sinusoidal", "maxLength", 64)
                            .then("encoder1", "TransformerEncoder", "heads", 4, "dim", 32, "ffDim", 64, "dropout", 0.1)
                            .then("encoder2", "TransformerEncoder", "heads", 4, "dim", 32, "ffDim", 64, "dropout", 0.1)
                            .then("pool", "SequencePool", "mode", "mean")
                            .then("output", "Dense", "units", 2, "activation", "softmax")
                            .build()),
            new Template("text-classifier", "Text classifier (transformer)",
                    "Your texts and labels: word embedding, sinusoidal positions, one transformer encoder layer, "
                            + "mean pooling, softmax. Small enough to train on a few thousand short texts in minutes "
                            + "on a CPU; set the output units to your number of classes",
                    "a text CSV",
                    DesignBuilder.named("Text classifier")
                            .description("Texts of up to 64 word tokens, a 5000-id vocabulary fitted on the training "
                                    + "split, one encoder layer")
                            .node("input", "Input", "shape", List.of(64))
                            .then("embedding", "Embedding", "vocabSize", 5000, "dim", 64)
                            .then("positions", "PositionalEncoding", "kind", "sinusoidal", "maxLength", 64)
                            .then("encoder", "TransformerEncoder", "heads", 4, "dim", 64, "ffDim", 128, "dropout", 0.1)
                            .then("pool", "SequencePool", "mode", "mean")
                            .then("output", "Dense", "units", 2, "activation", "softmax")
                            .build()),
            new Template("lstm-text-classifier", "Text classifier (LSTM)",
                    "Your texts and labels: word embedding read by an LSTM, last state to softmax; set the output "
                            + "units to your number of classes",
                    "a text CSV",
                    DesignBuilder.named("LSTM text classifier")
                            .description("Texts of up to 64 word tokens, a 5000-id vocabulary, one LSTM layer")
                            .node("input", "Input", "shape", List.of(64))
                            .then("embedding", "Embedding", "vocabSize", 5000, "dim", 64)
                            .then("lstm", "LSTM", "units", 64)
                            .then("output", "Dense", "units", 2, "activation", "softmax")
                            .build()),
            new Template("lstm-forecaster", "LSTM forecaster",
                    "Your time series: a window of 24 steps of one column in, the next 6 steps out (MSE loss); "
                            + "compare its test RMSE with the naive last-value forecast",
                    "a time-series CSV",
                    DesignBuilder.named("LSTM forecaster")
                            .description("Window [24 steps, 1 value] to a 6-step forecast")
                            .node("input", "Input", "shape", List.of(24, 1))
                            .then("lstm", "LSTM", "units", 32)
                            .then("output", "Dense", "units", 6)
                            .build()),
            new Template("mlp-gan-2d", "MLP GAN for 2-D data",
                    "Generator and discriminator MLPs learning a 2-D point distribution", "gaussian-mixture",
                    DesignBuilder.named("MLP GAN (2-D)")
                            .description("8-dimensional latent input to 2-D points")
                            .network(GENERATOR)
                            .node("latent", "Input", "shape", List.of(8))
                            .then("g1", "Dense", "units", 64, "activation", "relu")
                            .then("g2", "Dense", "units", 64, "activation", "relu")
                            .then("g_out", "Dense", "units", 2)
                            .network(DISCRIMINATOR)
                            .node("sample", "Input", "shape", List.of(2))
                            .then("d1", "Dense", "units", 64, "activation", "leakyRelu", "alpha", 0.2)
                            .then("d2", "Dense", "units", 64, "activation", "leakyRelu", "alpha", 0.2)
                            .then("d_out", "Dense", "units", 1, "activation", "sigmoid")
                            .build()),
            new Template("dcgan-28", "DCGAN for 28x28 images",
                    "Transposed-convolution generator and convolutional discriminator (Radford et al. 2015 layout)",
                    "fashion-mnist",
                    DesignBuilder.named("DCGAN (28x28)")
                            .description("64-dimensional latent input to 1x28x28 images in [-1, 1]")
                            .network(GENERATOR)
                            .node("latent", "Input", "shape", List.of(64))
                            .then("project", "Dense", "units", 64 * 7 * 7, "useBias", false)
                            .then("reshape", "Reshape", "shape", List.of(64, 7, 7))
                            .then("g_bn1", "BatchNorm")
                            .then("g_relu1", "Activation", "function", "relu")
                            .then("up1", "ConvTranspose2D", "filters", 32, "kernelSize", 4, "stride", 2, "padding", "same",
                                    "useBias", false)
                            .then("g_bn2", "BatchNorm")
                            .then("g_relu2", "Activation", "function", "relu")
                            .then("up2", "ConvTranspose2D", "filters", 1, "kernelSize", 4, "stride", 2, "padding", "same",
                                    "activation", "tanh")
                            .network(DISCRIMINATOR)
                            .node("image", "Input", "shape", List.of(1, 28, 28))
                            .then("d_conv1", "Conv2D", "filters", 32, "kernelSize", 3, "stride", 2, "padding", "same",
                                    "activation", "leakyRelu", "alpha", 0.2)
                            .then("d_conv2", "Conv2D", "filters", 64, "kernelSize", 3, "stride", 2, "padding", "same",
                                    "useBias", false)
                            .then("d_bn", "BatchNorm")
                            .then("d_act", "Activation", "function", "leakyRelu", "alpha", 0.2)
                            .then("d_flatten", "Flatten")
                            .then("d_out", "Dense", "units", 1, "activation", "sigmoid")
                            .build()));

    public static List<Template> all() {
        return ALL;
    }

    public static Optional<Template> find(String id) {
        return ALL.stream().filter(t -> t.id().equals(id)).findFirst();
    }
}
