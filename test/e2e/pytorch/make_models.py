#!/usr/bin/python3
"""Exports small PyTorch models (seeded random weights) to ONNX, with one input
and PyTorch's output stored the way ONNX's backend tests store them:

    OUT/pytorch-models/<name>/model.onnx
    OUT/pytorch-models/<name>/test_data_set_0/input_0.pb, output_0.pb

so test/e2e/conformance.py can compile, link, run and compare them
(`--suites pytorch-models --testdata OUT --atol 1e-4`). Needs Debian's
python3-torch (1.13, which exports with ONNX opset <= 17).

Usage: make_models.py OUT [--only NAME]
"""

import argparse
import os

import numpy as np
import onnx
import torch
from onnx import numpy_helper
from torch import nn


def conv_bn(cin, cout, k, stride=1, groups=1, act=nn.ReLU):
    layers = [nn.Conv2d(cin, cout, k, stride, k // 2, groups=groups, bias=False),
              nn.BatchNorm2d(cout)]
    if act:
        layers.append(act(inplace=False))
    return nn.Sequential(*layers)


class BasicBlock(nn.Module):
    """ResNet's basic block, with a 1x1 projection when the shape changes."""

    def __init__(self, cin, cout, stride):
        super().__init__()
        self.a = conv_bn(cin, cout, 3, stride)
        self.b = conv_bn(cout, cout, 3, 1, act=None)
        self.skip = (conv_bn(cin, cout, 1, stride, act=None)
                     if stride != 1 or cin != cout else nn.Identity())

    def forward(self, x):
        return torch.relu(self.b(self.a(x)) + self.skip(x))


class ResNetish(nn.Module):
    def __init__(self):
        super().__init__()
        self.stem = nn.Sequential(conv_bn(3, 16, 7, 2), nn.MaxPool2d(3, 2, 1))
        self.blocks = nn.Sequential(BasicBlock(16, 16, 1), BasicBlock(16, 32, 2),
                                    BasicBlock(32, 64, 2))
        self.fc = nn.Linear(64, 10)

    def forward(self, x):
        x = self.blocks(self.stem(x))
        return self.fc(torch.flatten(nn.functional.adaptive_avg_pool2d(x, 1), 1))


class WideResNetish(nn.Module):
    """ResNet blocks at 64 and 128 channels on odd-sized maps: the 3x3
    convolutions that kiln-winograd-convolutions computes by Winograd's
    F(2x2, 3x3), with partial vectors of tiles and odd output heights and
    widths."""

    def __init__(self):
        super().__init__()
        self.stem = conv_bn(3, 64, 3)
        self.blocks = nn.Sequential(BasicBlock(64, 64, 1), BasicBlock(64, 128, 2))
        self.fc = nn.Linear(128, 10)

    def forward(self, x):
        x = self.blocks(self.stem(x))
        return self.fc(torch.flatten(nn.functional.adaptive_avg_pool2d(x, 1), 1))


class InvertedResidual(nn.Module):
    def __init__(self, cin, cout, stride, expand):
        super().__init__()
        hidden = cin * expand
        self.use_skip = stride == 1 and cin == cout
        self.body = nn.Sequential(conv_bn(cin, hidden, 1, act=nn.ReLU6),
                                  conv_bn(hidden, hidden, 3, stride, groups=hidden,
                                          act=nn.ReLU6),
                                  conv_bn(hidden, cout, 1, act=None))

    def forward(self, x):
        y = self.body(x)
        return x + y if self.use_skip else y


class MobileNetV2ish(nn.Module):
    def __init__(self):
        super().__init__()
        self.features = nn.Sequential(
            conv_bn(3, 16, 3, 2, act=nn.ReLU6), InvertedResidual(16, 16, 1, 1),
            InvertedResidual(16, 24, 2, 6), InvertedResidual(24, 24, 1, 6),
            InvertedResidual(24, 32, 2, 6), conv_bn(32, 128, 1, act=nn.ReLU6))
        self.classifier = nn.Sequential(nn.Dropout(0.2), nn.Linear(128, 10))

    def forward(self, x):
        x = nn.functional.adaptive_avg_pool2d(self.features(x), 1)
        return self.classifier(torch.flatten(x, 1))


class Fire(nn.Module):
    def __init__(self, cin, squeeze, expand):
        super().__init__()
        self.squeeze = nn.Conv2d(cin, squeeze, 1)
        self.e1 = nn.Conv2d(squeeze, expand, 1)
        self.e3 = nn.Conv2d(squeeze, expand, 3, padding=1)

    def forward(self, x):
        s = torch.relu(self.squeeze(x))
        return torch.cat([torch.relu(self.e1(s)), torch.relu(self.e3(s))], 1)


class SqueezeNetish(nn.Module):
    def __init__(self):
        super().__init__()
        self.features = nn.Sequential(
            nn.Conv2d(3, 32, 3, 2), nn.ReLU(), nn.MaxPool2d(3, 2, ceil_mode=True),
            Fire(32, 8, 32), Fire(64, 8, 32), nn.MaxPool2d(3, 2, ceil_mode=True),
            Fire(64, 16, 64))
        self.classifier = nn.Sequential(nn.Dropout(0.5), nn.Conv2d(128, 10, 1), nn.ReLU(),
                                        nn.AdaptiveAvgPool2d(1))

    def forward(self, x):
        return torch.flatten(self.classifier(self.features(x)), 1)


class Encoder(nn.Module):
    """Two post-norm transformer encoder layers (self-attention + GELU MLP)."""

    def __init__(self):
        super().__init__()
        layer = nn.TransformerEncoderLayer(64, 4, 128, dropout=0.0, activation="gelu",
                                           batch_first=True)
        self.encoder = nn.TransformerEncoder(layer, 2, enable_nested_tensor=False)

    def forward(self, x):
        return self.encoder(x)


class LSTMNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.lstm = nn.LSTM(16, 32, batch_first=True)
        self.fc = nn.Linear(32, 4)

    def forward(self, x):
        y, _ = self.lstm(x)
        return self.fc(y[:, -1])


MODELS = {
    "resnet": (ResNetish, (1, 3, 64, 64)),
    "resnet_wide": (WideResNetish, (1, 3, 58, 62)),
    "mobilenetv2": (MobileNetV2ish, (1, 3, 64, 64)),
    "squeezenet": (SqueezeNetish, (1, 3, 64, 64)),
    "mlp": (lambda: nn.Sequential(nn.Linear(784, 512), nn.ReLU(), nn.Linear(512, 256),
                                  nn.ReLU(), nn.Linear(256, 10)), (1, 784)),
    "transformer_encoder": (Encoder, (1, 16, 64)),
    "lstm": (LSTMNet, (1, 8, 16)),
}


def export(name, out):
    torch.manual_seed(0)
    make, shape = MODELS[name]
    model = make().eval()
    # Random BatchNorm statistics, so that folding them is actually tested.
    for m in model.modules():
        if isinstance(m, nn.BatchNorm2d):
            m.running_mean.uniform_(-0.5, 0.5)
            m.running_var.uniform_(0.5, 1.5)
            m.weight.data.uniform_(0.5, 1.5)
            m.bias.data.uniform_(-0.5, 0.5)
    x = torch.randn(*shape, generator=torch.Generator().manual_seed(1))
    with torch.no_grad():
        y = model(x)
    folder = os.path.join(out, "pytorch-models", name)
    os.makedirs(os.path.join(folder, "test_data_set_0"), exist_ok=True)
    torch.onnx.export(model, (x,), os.path.join(folder, "model.onnx"), opset_version=17,
                      input_names=["input"], output_names=["output"])
    onnx.checker.check_model(os.path.join(folder, "model.onnx"))
    for kind, array in (("input", x), ("output", y)):
        tensor = numpy_helper.from_array(array.numpy().astype(np.float32))
        with open(os.path.join(folder, "test_data_set_0", f"{kind}_0.pb"), "wb") as f:
            f.write(tensor.SerializeToString())
    print(f"{name}: {list(shape)} -> {list(y.shape)}")


def main():
    p = argparse.ArgumentParser(description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("out")
    p.add_argument("--only")
    args = p.parse_args()
    for name in MODELS:
        if not args.only or args.only == name:
            export(name, args.out)


if __name__ == "__main__":
    main()
