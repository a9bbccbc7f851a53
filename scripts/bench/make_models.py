#!/usr/bin/python3
"""Generates the models of Kiln's benchmark (scripts/bench/bench.py), seeded, with
Debian's python3-torch and python3-onnx:

    OUT/NAME/model.onnx      opset 17, static shapes
    OUT/NAME/input_K.bin     raw little-endian float32 input K (seeded random)
    OUT/NAME/meta.json       inputs/outputs (name, shape), parameter count, MACs

ResNet-18, MobileNetV2 and SqueezeNet 1.1 are written out here with torch.nn in
the layer configurations of torchvision's definitions (torchvision is not
needed), so their parameter counts are checked against torchvision's
(11,689,512 / 3,504,872 / 1,235,496). Weights are PyTorch's default initialization
under torch.manual_seed(0); BatchNorm statistics are random too, so folding them
is real work.

Usage: make_models.py OUT [--models a,b,...]
"""

import argparse
import json
import os

import numpy as np
import onnx
import torch
from onnx import helper, numpy_helper, TensorProto
from torch import nn


# --------------------------------------------------------------------------- ResNet-18
class BasicBlock(nn.Module):
    def __init__(self, cin, cout, stride):
        super().__init__()
        self.conv1 = nn.Conv2d(cin, cout, 3, stride, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(cout)
        self.conv2 = nn.Conv2d(cout, cout, 3, 1, 1, bias=False)
        self.bn2 = nn.BatchNorm2d(cout)
        self.downsample = None
        if stride != 1 or cin != cout:
            self.downsample = nn.Sequential(nn.Conv2d(cin, cout, 1, stride, bias=False),
                                            nn.BatchNorm2d(cout))

    def forward(self, x):
        y = torch.relu(self.bn1(self.conv1(x)))
        y = self.bn2(self.conv2(y))
        return torch.relu(y + (x if self.downsample is None else self.downsample(x)))


class ResNet18(nn.Module):
    def __init__(self, num_classes=1000):
        super().__init__()
        self.conv1 = nn.Conv2d(3, 64, 7, 2, 3, bias=False)
        self.bn1 = nn.BatchNorm2d(64)
        self.maxpool = nn.MaxPool2d(3, 2, 1)
        layers, cin = [], 64
        for cout, stride in ((64, 1), (128, 2), (256, 2), (512, 2)):
            layers += [BasicBlock(cin, cout, stride), BasicBlock(cout, cout, 1)]
            cin = cout
        self.layers = nn.Sequential(*layers)
        self.fc = nn.Linear(512, num_classes)

    def forward(self, x):
        x = self.maxpool(torch.relu(self.bn1(self.conv1(x))))
        x = nn.functional.adaptive_avg_pool2d(self.layers(x), 1)
        return self.fc(torch.flatten(x, 1))


# --------------------------------------------------------------------------- MobileNetV2
def conv_bn_relu6(cin, cout, k, stride=1, groups=1):
    return nn.Sequential(nn.Conv2d(cin, cout, k, stride, (k - 1) // 2, groups=groups,
                                   bias=False),
                         nn.BatchNorm2d(cout), nn.ReLU6())


class InvertedResidual(nn.Module):
    def __init__(self, cin, cout, stride, expand):
        super().__init__()
        hidden = cin * expand
        self.use_skip = stride == 1 and cin == cout
        layers = [conv_bn_relu6(cin, hidden, 1)] if expand != 1 else []
        layers += [conv_bn_relu6(hidden, hidden, 3, stride, groups=hidden),
                   nn.Conv2d(hidden, cout, 1, bias=False), nn.BatchNorm2d(cout)]
        self.conv = nn.Sequential(*layers)

    def forward(self, x):
        return x + self.conv(x) if self.use_skip else self.conv(x)


class MobileNetV2(nn.Module):
    # (expansion t, channels c, repeats n, first stride s), as in the paper / torchvision
    SETTINGS = ((1, 16, 1, 1), (6, 24, 2, 2), (6, 32, 3, 2), (6, 64, 4, 2),
                (6, 96, 3, 1), (6, 160, 3, 2), (6, 320, 1, 1))

    def __init__(self, num_classes=1000):
        super().__init__()
        layers, cin = [conv_bn_relu6(3, 32, 3, 2)], 32
        for t, c, n, s in self.SETTINGS:
            for i in range(n):
                layers.append(InvertedResidual(cin, c, s if i == 0 else 1, t))
                cin = c
        layers.append(conv_bn_relu6(cin, 1280, 1))
        self.features = nn.Sequential(*layers)
        self.classifier = nn.Sequential(nn.Dropout(0.2), nn.Linear(1280, num_classes))

    def forward(self, x):
        x = nn.functional.adaptive_avg_pool2d(self.features(x), 1)
        return self.classifier(torch.flatten(x, 1))


# --------------------------------------------------------------------------- SqueezeNet 1.1
class Fire(nn.Module):
    def __init__(self, cin, squeeze, expand1, expand3):
        super().__init__()
        self.squeeze = nn.Conv2d(cin, squeeze, 1)
        self.expand1x1 = nn.Conv2d(squeeze, expand1, 1)
        self.expand3x3 = nn.Conv2d(squeeze, expand3, 3, padding=1)

    def forward(self, x):
        s = torch.relu(self.squeeze(x))
        return torch.cat([torch.relu(self.expand1x1(s)), torch.relu(self.expand3x3(s))], 1)


class SqueezeNet11(nn.Module):
    def __init__(self, num_classes=1000):
        super().__init__()
        pool = lambda: nn.MaxPool2d(3, 2, ceil_mode=True)  # noqa: E731
        self.features = nn.Sequential(
            nn.Conv2d(3, 64, 3, 2), nn.ReLU(), pool(),
            Fire(64, 16, 64, 64), Fire(128, 16, 64, 64), pool(),
            Fire(128, 32, 128, 128), Fire(256, 32, 128, 128), pool(),
            Fire(256, 48, 192, 192), Fire(384, 48, 192, 192),
            Fire(384, 64, 256, 256), Fire(512, 64, 256, 256))
        self.classifier = nn.Sequential(nn.Dropout(0.5), nn.Conv2d(512, num_classes, 1),
                                        nn.ReLU(), nn.AdaptiveAvgPool2d(1))

    def forward(self, x):
        return torch.flatten(self.classifier(self.features(x)), 1)


# --------------------------------------------------------------------------- small models
class LeNet(nn.Module):
    """LeNet-5 style: 1x28x28 -> conv5x5(6) -> pool -> conv5x5(16) -> pool -> 120-84-10."""

    def __init__(self):
        super().__init__()
        self.features = nn.Sequential(
            nn.Conv2d(1, 6, 5, padding=2), nn.ReLU(), nn.MaxPool2d(2),
            nn.Conv2d(6, 16, 5), nn.ReLU(), nn.MaxPool2d(2))
        self.classifier = nn.Sequential(
            nn.Linear(16 * 5 * 5, 120), nn.ReLU(), nn.Linear(120, 84), nn.ReLU(),
            nn.Linear(84, 10))

    def forward(self, x):
        return self.classifier(torch.flatten(self.features(x), 1))


class Encoder(nn.Module):
    """Two post-norm transformer encoder layers: d_model 256, 4 heads, FFN 1024, GELU."""

    def __init__(self):
        super().__init__()
        def layer():
            return nn.TransformerEncoderLayer(256, 4, 1024, dropout=0.0, activation="gelu",
                                              batch_first=True)
        self.encoder = nn.TransformerEncoder(layer(), 2, enable_nested_tensor=False)
        # TransformerEncoder deep-copies its layer: give each layer weights of its own, and
        # random biases and LayerNorm parameters (PyTorch initializes them to 0 and 1).
        self.encoder.layers = nn.ModuleList([layer(), layer()])
        for name, p in self.named_parameters():
            if p.dim() == 1:
                with torch.no_grad():
                    if ".norm" in name and name.endswith("weight"):
                        p.uniform_(0.5, 1.5)
                    else:
                        p.uniform_(-0.1, 0.1)

    def forward(self, x):
        return self.encoder(x)


def mlp():
    return nn.Sequential(nn.Linear(784, 512), nn.ReLU(), nn.Linear(512, 256), nn.ReLU(),
                         nn.Linear(256, 10))


# name: (constructor, input shape, torchvision parameter count or None, description)
TORCH_MODELS = {
    "resnet18": (ResNet18, (1, 3, 224, 224), 11689512, "ResNet-18, 1x3x224x224"),
    "mobilenetv2": (MobileNetV2, (1, 3, 224, 224), 3504872, "MobileNetV2 1.0, 1x3x224x224"),
    "squeezenet1_1": (SqueezeNet11, (1, 3, 224, 224), 1235496,
                      "SqueezeNet 1.1, 1x3x224x224"),
    "mlp": (mlp, (1, 784), None, "MLP 784-512-256-10"),
    "lenet": (LeNet, (1, 1, 28, 28), None, "LeNet-5 style CNN, 1x1x28x28"),
    "transformer": (Encoder, (1, 128, 256), None,
                    "2-layer transformer encoder, d256 h4 ffn1024, seq 128"),
}

# name: (M, K, N, description): one MatMul of a [M,K] input by a constant [K,N] weight
GEMMS = {
    "gemm_1x1024": (1, 1024, 1024, "GEMM 1x1024 · 1024x1024"),
    "gemm_256x1024": (256, 1024, 1024, "GEMM 256x1024 · 1024x1024"),
    "gemm_1024x1024": (1024, 1024, 1024, "GEMM 1024x1024 · 1024x1024"),
}

ALL = list(TORCH_MODELS) + list(GEMMS)


def write_input(folder, k, array):
    np.ascontiguousarray(array, dtype="<f4").tofile(os.path.join(folder, f"input_{k}.bin"))


def macs_of(model, x):
    """Multiply-accumulates of Conv2d / Linear / attention matmuls, by forward hooks."""
    total = [0]

    def conv_hook(m, inp, out):
        total[0] += out.numel() * (m.in_channels // m.groups) * m.kernel_size[0] * \
            m.kernel_size[1]

    def linear_hook(m, inp, out):
        total[0] += out.numel() * m.in_features

    hooks = []
    for m in model.modules():
        if isinstance(m, nn.Conv2d):
            hooks.append(m.register_forward_hook(conv_hook))
        elif isinstance(m, nn.Linear):
            hooks.append(m.register_forward_hook(linear_hook))
        elif isinstance(m, nn.MultiheadAttention):
            # in/out projections (out_proj is a Linear submodule but is called functionally)
            def mha_hook(m, inp, out):
                b, s, d = inp[0].shape
                total[0] += b * s * d * 3 * d + b * s * d * d  # qkv + out projection
                total[0] += 2 * b * s * s * d                  # QK^T and PV
            hooks.append(m.register_forward_hook(mha_hook))
    model(x)  # with autograd on, so that no fused fast path skips the hooks
    for h in hooks:
        h.remove()
    return total[0]


def export_torch(name, out):
    make, shape, ref_params, desc = TORCH_MODELS[name]
    torch.manual_seed(0)
    model = make().eval()
    params = sum(p.numel() for p in model.parameters())
    if ref_params is not None and params != ref_params:
        raise SystemExit(f"{name}: {params} parameters, torchvision's has {ref_params}")
    for m in model.modules():
        if isinstance(m, nn.BatchNorm2d):
            m.running_mean.uniform_(-0.5, 0.5)
            m.running_var.uniform_(0.5, 1.5)
            m.weight.data.uniform_(0.5, 1.5)
            m.bias.data.uniform_(-0.5, 0.5)
    x = torch.randn(*shape, generator=torch.Generator().manual_seed(1))
    macs = macs_of(model, x)
    folder = os.path.join(out, name)
    os.makedirs(folder, exist_ok=True)
    path = os.path.join(folder, "model.onnx")
    with torch.no_grad():
        y = model(x)
    # Exported with autograd on: under no_grad, nn.TransformerEncoderLayer takes its
    # fused fast path (aten::_transformer_encoder_layer_fwd), which has no ONNX export.
    torch.onnx.export(model, (x,), path, opset_version=17, input_names=["input"],
                      output_names=["output"], do_constant_folding=True)
    onnx.checker.check_model(path)
    write_input(folder, 0, x.numpy())
    np.ascontiguousarray(y.numpy(), dtype="<f4").tofile(os.path.join(folder, "torch_0.bin"))
    return {"name": name, "description": desc, "params": params, "macs": macs,
            "inputs": [{"name": "input", "shape": list(shape)}],
            "outputs": [{"name": "output", "shape": list(y.shape)}]}


def export_gemm(name, out):
    m, k, n, desc = GEMMS[name]
    rng = np.random.default_rng(0)
    w = (rng.standard_normal((k, n)) / np.sqrt(k)).astype(np.float32)
    a = rng.standard_normal((m, k)).astype(np.float32)
    graph = helper.make_graph(
        [helper.make_node("MatMul", ["A", "B"], ["Y"], name="gemm")], name,
        [helper.make_tensor_value_info("A", TensorProto.FLOAT, [m, k])],
        [helper.make_tensor_value_info("Y", TensorProto.FLOAT, [m, n])],
        [numpy_helper.from_array(w, "B")])
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)],
                              producer_name="kiln-bench")
    model.ir_version = 8
    onnx.checker.check_model(model)
    folder = os.path.join(out, name)
    os.makedirs(folder, exist_ok=True)
    onnx.save(model, os.path.join(folder, "model.onnx"))
    write_input(folder, 0, a)
    (a.astype(np.float64) @ w.astype(np.float64)).astype("<f4").tofile(
        os.path.join(folder, "torch_0.bin"))
    return {"name": name, "description": desc, "params": k * n, "macs": m * k * n,
            "gemm": [m, k, n], "inputs": [{"name": "A", "shape": [m, k]}],
            "outputs": [{"name": "Y", "shape": [m, n]}]}


def main():
    p = argparse.ArgumentParser(description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("out")
    p.add_argument("--models", default=",".join(ALL),
                   help="comma-separated subset of: " + ", ".join(ALL))
    args = p.parse_args()
    torch.set_num_threads(2)
    for name in args.models.split(","):
        if name in TORCH_MODELS:
            meta = export_torch(name, args.out)
        elif name in GEMMS:
            meta = export_gemm(name, args.out)
        else:
            raise SystemExit(f"unknown model '{name}' (known: {', '.join(ALL)})")
        with open(os.path.join(args.out, name, "meta.json"), "w") as f:
            json.dump(meta, f, indent=1)
        print(f"{name}: {meta['params']:,} parameters, {meta['macs'] / 1e6:.1f} MMAC, "
              f"{meta['inputs'][0]['shape']} -> {meta['outputs'][0]['shape']}", flush=True)


if __name__ == "__main__":
    main()
