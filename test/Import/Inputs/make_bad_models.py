#!/usr/bin/python3
"""Writes small ONNX models that exercise bad input for the Kiln importer.

Usage: /usr/bin/python3 make_bad_models.py OUT_DIR

Every model is tiny (float tensors of shape [2, 3], a few named nodes) and the
output is byte-for-byte deterministic. Models are serialized directly, never
through onnx.save (which would rewrite external data) nor the checker (several
of these models are invalid on purpose). Files written (relative to OUT_DIR):

  truncated.onnx          a valid model's bytes cut in half
  garbage.onnx            seeded random bytes
  empty.onnx              0 bytes
  sub/ext_escape.onnx     external location '../outside.bin' (OUT_DIR/outside.bin
                          exists, so following the path would really read it)
  sub/ext_nested_escape.onnx  location 'a/../../outside.bin' (sub/a/ exists)
  ext_absolute.onnx       location '/etc/passwd'
  ext_symlink.onnx        location 'link.bin', a symlink to real.bin (inside)
  ext_symlink_dir.onnx    location 'linkdir/w.bin', linkdir a symlink to realdir
  ext_hardlink.onnx       location 'hard.bin', a second hard link to hard_target.bin
  ext_short.onnx          offset 8 + length 24 in a 24-byte file
  ext_ok.onnx + ext_ok.bin  valid: Y = Add(X, W) with W external; imports fine
  data_mismatch.onnx      W's raw_data holds 12 bytes, its shape needs 24
  negative_dim.onnx       W has dims [2, -1]
  huge_dim.onnx           W has dims [2^40, 2^40] and no data
  cyclic.onnx             two Add nodes consuming each other's outputs
  dangling.onnx           a node consumes a value nothing produces
  unknown_op.onnx         ops FooBar and Baz (both must be reported) + Relu
  bad_opset.onnx          default-domain opset 99

The external-data models above use opset 13 like the rest, so importing them
also goes through the conversion to opset 17. Each one also comes as
NAME_op17.onnx (same folder, same location), already at opset 17, so that
Kiln's own external-data checks are reached without the converter:

  sub/ext_escape_op17.onnx, sub/ext_nested_escape_op17.onnx,
  ext_absolute_op17.onnx, ext_symlink_op17.onnx, ext_symlink_dir_op17.onnx,
  ext_hardlink_op17.onnx, ext_short_op17.onnx, ext_ok_op17.onnx

More bad models:

  negative_dim_data.onnx  W has dims [2, -1] and 24 bytes of raw_data (so the
                          ONNX checker's "one value field" rule is met)
  missing_attr.onnx       LRN node 'lrn0' without its required 'size'
  ill_typed_attr.onnx     Conv node 'conv0' with 'group' = 1.5 (FLOAT, not INT)
  wrong_arity.onnx        Add node 'add0' with one input
"""

import os
import random
import shutil
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper

OPSET = 13
IR_VERSION = 8
SHAPE = [2, 3]
W_VALUES = (np.arange(6, dtype=np.float32).reshape(SHAPE) * 0.5 - 1.0)


def _value(name):
    return helper.make_tensor_value_info(name, TensorProto.FLOAT, SHAPE)


def _model(nodes, inputs, outputs, initializers=(), opset=OPSET, name="bad"):
    graph = helper.make_graph(
        nodes, name, [_value(i) for i in inputs], [_value(o) for o in outputs],
        initializer=list(initializers))
    model = helper.make_model(
        graph, opset_imports=[helper.make_opsetid("", opset)],
        producer_name="kiln-make-bad-models", producer_version="1")
    model.ir_version = IR_VERSION
    return model


def _add_model(w, opset=OPSET):
    """Y = Add(X, W) with initializer `w`."""
    return _model([helper.make_node("Add", ["X", "W"], ["Y"], name="add0")],
                  ["X"], ["Y"], [w], opset=opset)


def _write_external_model(path, w):
    """`path` at OPSET, and PATH_op17.onnx beside it at opset 17."""
    _write_model(path, _add_model(w))
    _write_model(path[: -len(".onnx")] + "_op17.onnx", _add_model(w, opset=17))


def _w_tensor(dims=SHAPE):
    w = TensorProto()
    w.name = "W"
    w.data_type = TensorProto.FLOAT
    w.dims.extend(dims)
    return w


def _w_inline():
    w = _w_tensor()
    w.raw_data = W_VALUES.astype("<f4").tobytes()
    return w


def _w_external(location, offset=None, length=None):
    w = _w_tensor()
    w.data_location = TensorProto.EXTERNAL
    entries = [("location", location)]
    if offset is not None:
        entries.append(("offset", str(offset)))
    if length is not None:
        entries.append(("length", str(length)))
    for key, value in entries:
        entry = w.external_data.add()
        entry.key = key
        entry.value = value
    return w


def _write_bytes(path, data):
    _remove(path)
    with open(path, "wb") as f:
        f.write(data)


def _write_model(path, model):
    _write_bytes(path, model.SerializeToString())


def _remove(path):
    if os.path.islink(path) or os.path.isfile(path):
        os.remove(path)


W_BYTES = W_VALUES.astype("<f4").tobytes()  # 24 bytes


def main(argv):
    if len(argv) != 2:
        sys.stderr.write("usage: make_bad_models.py OUT_DIR\n")
        return 2
    out = argv[1]
    sub = os.path.join(out, "sub")
    os.makedirs(out, exist_ok=True)
    # sub/ is rebuilt from scratch so reruns start from a known state.
    shutil.rmtree(sub, ignore_errors=True)
    os.makedirs(os.path.join(sub, "a"))

    def p(*names):
        return os.path.join(out, *names)

    # Not ONNX at all, or not complete.
    valid = _add_model(_w_inline()).SerializeToString()
    _write_bytes(p("truncated.onnx"), valid[: len(valid) // 2])
    _write_bytes(p("garbage.onnx"),
                 bytes(random.Random(20240611).getrandbits(8)
                       for _ in range(512)))
    _write_bytes(p("empty.onnx"), b"")

    # External data that must be refused.
    _write_bytes(p("outside.bin"), W_BYTES)
    _write_external_model(p("sub", "ext_escape.onnx"),
                          _w_external("../outside.bin"))
    _write_external_model(p("sub", "ext_nested_escape.onnx"),
                          _w_external("a/../../outside.bin"))
    _write_external_model(p("ext_absolute.onnx"), _w_external("/etc/passwd"))

    _write_bytes(p("real.bin"), W_BYTES)
    _remove(p("link.bin"))
    os.symlink("real.bin", p("link.bin"))
    _write_external_model(p("ext_symlink.onnx"), _w_external("link.bin"))

    shutil.rmtree(p("realdir"), ignore_errors=True)
    os.makedirs(p("realdir"))
    _write_bytes(p("realdir", "w.bin"), W_BYTES)
    _remove(p("linkdir"))
    os.symlink("realdir", p("linkdir"))
    _write_external_model(p("ext_symlink_dir.onnx"),
                          _w_external("linkdir/w.bin"))

    _write_bytes(p("hard_target.bin"), W_BYTES)
    _remove(p("hard.bin"))
    os.link(p("hard_target.bin"), p("hard.bin"))
    _write_external_model(p("ext_hardlink.onnx"), _w_external("hard.bin"))

    _write_bytes(p("ext_short.bin"), W_BYTES)
    _write_external_model(p("ext_short.onnx"),
                          _w_external("ext_short.bin", offset=8,
                                      length=len(W_BYTES)))

    # The one external-data model that must import.
    _write_bytes(p("ext_ok.bin"), W_BYTES)
    _write_external_model(p("ext_ok.onnx"),
                          _w_external("ext_ok.bin", offset=0,
                                      length=len(W_BYTES)))

    # Bad inline initializers.
    w = _w_tensor()
    w.raw_data = W_BYTES[:12]
    _write_model(p("data_mismatch.onnx"), _add_model(w))
    _write_model(p("negative_dim.onnx"), _add_model(_w_tensor([2, -1])))
    _write_model(p("huge_dim.onnx"), _add_model(_w_tensor([1 << 40, 1 << 40])))
    w = _w_tensor([2, -1])
    w.raw_data = W_BYTES
    _write_model(p("negative_dim_data.onnx"), _add_model(w))

    # Bad graphs.
    _write_model(p("cyclic.onnx"), _model(
        [helper.make_node("Add", ["X", "Y"], ["A"], name="add0"),
         helper.make_node("Add", ["A", "X"], ["Y"], name="add1")],
        ["X"], ["Y"]))
    _write_model(p("dangling.onnx"), _model(
        [helper.make_node("Add", ["X", "ghost"], ["Y"], name="add0")],
        ["X"], ["Y"]))
    _write_model(p("unknown_op.onnx"), _model(
        [helper.make_node("Relu", ["X"], ["R"], name="relu0"),
         helper.make_node("FooBar", ["R"], ["F"], name="foobar0"),
         helper.make_node("Baz", ["F"], ["Y"], name="baz0")],
        ["X"], ["Y"]))
    _write_model(p("bad_opset.onnx"), _model(
        [helper.make_node("Relu", ["X"], ["Y"], name="relu0")],
        ["X"], ["Y"], opset=99))

    # Nodes that ONNX's checker rejects; each is named so that the diagnostic
    # can be expected at the node.
    _write_model(p("missing_attr.onnx"), _model(
        [helper.make_node("LRN", ["X"], ["Y"], name="lrn0", alpha=0.1)],
        ["X"], ["Y"]))
    conv = helper.make_node("Conv", ["X", "X"], ["Y"], name="conv0")
    conv.attribute.append(helper.make_attribute("group", 1.5))
    _write_model(p("ill_typed_attr.onnx"), _model([conv], ["X"], ["Y"]))
    _write_model(p("wrong_arity.onnx"), _model(
        [helper.make_node("Add", ["X"], ["Y"], name="add0")], ["X"], ["Y"]))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
