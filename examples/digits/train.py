#!/usr/bin/python3
"""Trains the digits classifier of this example and exports it to ONNX.

Data: scikit-learn's bundled 8x8 handwritten digits (1797 images; Debian
python3-sklearn). A seeded, stratified 80/20 split; the held-out 20% is written
to digits_test.bin for main.c. The model is a 64-32-10 MLP (ReLU) trained with
scikit-learn, exported by hand as Gemm -> Relu -> Gemm (no converter needed).

Writes, next to this script:
  digits.onnx        the model: input "pixels" float[1,64] (values 0..1),
                     output "logits" float[1,10]
  digits_test.bin    uint32 count, then count x 64 float32 pixels, then count
                     uint8 labels (little-endian)
  expected_accuracy.txt   the fp32 accuracy on the held-out split, measured
                     here with numpy on the exported weights

Run: /usr/bin/python3 examples/digits/train.py
"""

import os
import struct

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split
from sklearn.neural_network import MLPClassifier

HERE = os.path.dirname(os.path.abspath(__file__))
SEED = 7


def main():
    digits = load_digits()
    x = (digits.data / 16.0).astype(np.float32)
    y = digits.target.astype(np.uint8)
    x_train, x_test, y_train, y_test = train_test_split(
        x, y, test_size=0.2, random_state=SEED, stratify=y)
    clf = MLPClassifier(hidden_layer_sizes=(32,), activation="relu", max_iter=500,
                        random_state=SEED)
    clf.fit(x_train, y_train)

    w1, w2 = (w.astype(np.float32) for w in clf.coefs_)
    b1, b2 = (b.astype(np.float32) for b in clf.intercepts_)
    graph = helper.make_graph(
        [helper.make_node("Gemm", ["pixels", "w1", "b1"], ["h"], name="fc1"),
         helper.make_node("Relu", ["h"], ["a"], name="relu1"),
         helper.make_node("Gemm", ["a", "w2", "b2"], ["logits"], name="fc2")],
        "digits",
        [helper.make_tensor_value_info("pixels", TensorProto.FLOAT, [1, 64])],
        [helper.make_tensor_value_info("logits", TensorProto.FLOAT, [1, 10])],
        [numpy_helper.from_array(w1, "w1"), numpy_helper.from_array(b1, "b1"),
         numpy_helper.from_array(w2, "w2"), numpy_helper.from_array(b2, "b2")])
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)],
                              producer_name="kiln-examples-digits")
    model.ir_version = 8
    onnx.checker.check_model(model)
    onnx.save(model, os.path.join(HERE, "digits.onnx"))

    # fp32 reference on the exported weights, the way the model computes.
    logits = np.maximum(x_test @ w1 + b1, 0) @ w2 + b2
    correct = int((logits.argmax(axis=1) == y_test).sum())
    with open(os.path.join(HERE, "digits_test.bin"), "wb") as f:
        f.write(struct.pack("<I", len(y_test)))
        f.write(x_test.astype("<f4").tobytes())
        f.write(y_test.tobytes())
    line = f"accuracy {correct}/{len(y_test)} = {100.0 * correct / len(y_test):.2f}%"
    with open(os.path.join(HERE, "expected_accuracy.txt"), "w") as f:
        f.write(line + "\n")
    print(line)


if __name__ == "__main__":
    main()
