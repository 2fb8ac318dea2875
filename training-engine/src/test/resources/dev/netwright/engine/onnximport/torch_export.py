"""Builds a PyTorch model, exports it to ONNX and records what PyTorch computes:
python3 torch_export.py MODEL OPSET OUT_DIR

MODEL is a torchvision classifier (resnet18, resnet34, resnet50, mobilenet_v2, vgg11, vgg16) or a small network defined here
(mlp, sequence-mlp, cnn, fmnist-cnn, lstm, gru, rnn, transformer: a text classifier over token ids). Weights are random (seeded) and batch-norm statistics and affine parameters are randomised, so
the comparison exercises them. Writes model.onnx, input.f32 and output.f32 (little-endian float32) and info.json
(input shape, PyTorch's parameter count, batch-norm running statistics, output shape).
"""
import json
import os
import sys

import torch
import torchvision
from torch import nn

torch.set_num_threads(2)
torch.manual_seed(7)
name, opset, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]


class SequenceMlp(nn.Module):
    """Linear layers over [batch, time, features]: PyTorch exports them as MatMul + Add."""

    def __init__(self):
        super().__init__()
        self.hidden = nn.Linear(6, 16)
        self.out = nn.Linear(16, 3)

    def forward(self, x):
        return torch.softmax(self.out(torch.tanh(self.hidden(x))), dim=-1)


class Recurrent(nn.Module):
    """A recurrent classifier reading the last (or first) step of the output sequence, as PyTorch code often does."""

    def __init__(self, cell, layers, bidirectional, step, **options):
        super().__init__()
        self.rnn = cell(6, 8, num_layers=layers, batch_first=True, bidirectional=bidirectional, **options)
        self.fc = nn.Linear(16 if bidirectional else 8, 3)
        self.step = step

    def forward(self, x):
        out, _ = self.rnn(x)
        return self.fc(out[:, self.step, :])


class TextClassifier(nn.Module):
    """Token ids -> Embedding -> TransformerEncoder (2 layers, a final LayerNorm from opset 17 on, where ONNX has
    LayerNormalization) -> mean over time -> Linear."""

    def __init__(self, vocabulary=100, dim=32, heads=4, feed_forward=64, classes=5):
        super().__init__()
        self.embedding = nn.Embedding(vocabulary, dim)
        layer = nn.TransformerEncoderLayer(dim, heads, dim_feedforward=feed_forward, batch_first=True)
        self.encoder = nn.TransformerEncoder(layer, 2, norm=nn.LayerNorm(dim) if opset >= 17 else None)
        self.fc = nn.Linear(dim, classes)

    def forward(self, ids):
        return self.fc(self.encoder(self.embedding(ids)).mean(dim=1))


def small_cnn():
    return nn.Sequential(
        nn.Conv2d(1, 8, 3, padding=1), nn.BatchNorm2d(8), nn.ReLU6(),
        nn.Conv2d(8, 8, 3, stride=2, padding=1, groups=8, bias=False), nn.ReLU(),
        nn.ZeroPad2d((0, 1, 0, 1)), nn.Conv2d(8, 4, 2), nn.LeakyReLU(0.1),
        nn.MaxPool2d(2), nn.Flatten(), nn.Dropout(0.5), nn.Linear(4 * 3 * 3, 10))


models = {
    "mlp": (lambda: nn.Sequential(nn.Flatten(), nn.Linear(784, 32), nn.ReLU(), nn.Linear(32, 10), nn.Softmax(dim=1)),
            (2, 1, 28, 28)),
    "sequence-mlp": (SequenceMlp, (2, 5, 6)),
    "cnn": (small_cnn, (2, 1, 14, 14)),
    # a pretrained-style image classifier with a 5-class head, to be fine-tuned on Fashion-MNIST's 10 classes
    "fmnist-cnn": (lambda: nn.Sequential(nn.Conv2d(1, 4, 3, padding=1), nn.BatchNorm2d(4), nn.ReLU(), nn.MaxPool2d(2),
                                         nn.Flatten(), nn.Linear(4 * 14 * 14, 5)), (2, 1, 28, 28)),
    "lstm": (lambda: Recurrent(nn.LSTM, 2, True, -1), (2, 5, 6)),
    "gru": (lambda: Recurrent(nn.GRU, 1, False, -1), (2, 5, 6)),
    "rnn": (lambda: Recurrent(nn.RNN, 2, False, 0, nonlinearity="relu"), (2, 5, 6)),
    "transformer": (TextClassifier, (2, 12)),
}
if name in models:
    build, shape = models[name]
    model = build()
elif name == "resnet18_32":
    # a small-input ResNet-18 for fine-tuning tests on Fashion-MNIST resized to 32 x 32
    model = torchvision.models.resnet18(weights=None)
    shape = (2, 3, 32, 32)
else:
    model = getattr(torchvision.models, name)(weights=None)
    # VGG's classifier reads 7 x 7 after its adaptive pooling, which only 224 x 224 inputs reach without resampling
    shape = (2, 3, 224, 224) if name.startswith("vgg") else (2, 3, 64, 64)
with torch.no_grad():
    for m in model.modules():
        if isinstance(m, nn.modules.batchnorm._BatchNorm):
            m.running_mean.uniform_(-0.5, 0.5)
            m.running_var.uniform_(0.5, 2.0)
            m.weight.uniform_(0.5, 1.5)
            m.bias.uniform_(-0.5, 0.5)
    if name == "transformer":
        # the encoder's layers start as copies of one layer, LayerNorms as ones and zeros: make every weight differ
        for p in model.parameters():
            p.add_(torch.randn_like(p) * 0.1)
model.eval()
x = torch.randint(0, 100, shape) if name == "transformer" else torch.randn(*shape)
with torch.no_grad():
    y = model(x)
os.makedirs(out, exist_ok=True)
# PRESERVE keeps BatchNormalization nodes (EVAL would fold them into the convolutions)
torch.onnx.export(model, x, os.path.join(out, "model.onnx"), opset_version=opset,
                  training=torch.onnx.TrainingMode.PRESERVE, do_constant_folding=True,
                  input_names=["input"], output_names=["output"],
                  dynamic_axes={"input": {0: "batch"}, "output": {0: "batch"}})
x.float().numpy().astype("<f4").tofile(os.path.join(out, "input.f32"))
y.numpy().astype("<f4").tofile(os.path.join(out, "output.f32"))
statistics = sum(b.numel() for n, b in model.named_buffers() if n.endswith("running_mean") or n.endswith("running_var"))
with open(os.path.join(out, "info.json"), "w") as f:
    json.dump({"inputShape": list(shape), "outputShape": list(y.shape), "statistics": statistics,
               "parameters": sum(p.numel() for p in model.parameters())}, f)
