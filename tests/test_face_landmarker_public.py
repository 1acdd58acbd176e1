"""The landmarker's result is read through MediaPipe's public Tasks API only, into the same numbers."""

from __future__ import annotations

import re
from pathlib import Path

import cv2
import numpy as np
import pytest
from mediapipe.tasks.python.components.containers.landmark import NormalizedLandmark

import interview_ai_lab
from interview_ai_lab.media.synthetic_face import render_frame
from interview_ai_lab.runtime.model_resolver import resolve_face_landmarker
from interview_ai_lab.vision import face as F

#: A private MediaPipe (or C) access: ctypes, MediaPipe's ``*_c`` ctypes modules and ``Mp…C`` structs, a task's
#: ``_lib``/``_handle``, an image's ``_image_ptr``.
PRIVATE_ACCESS = re.compile(r"\bctypes\b|\bimport \w+_c\b|\bMp\w+C\b|[\"'.]_(?:lib|handle|image_ptr)\b")
#: The files that may use ctypes, for the C library's own public functions (``mallopt``, ``malloc_trim``), never
#: MediaPipe: they must not name it.
LIBC_ONLY = {"interview_ai_lab/runtime/heap.py", "tests/test_heap.py"}


def test_landmark_array_scales_x_and_z_by_the_width_and_y_by_the_height():
    lms = [NormalizedLandmark(x=0.5, y=0.25, z=-0.125), NormalizedLandmark(x=1.0, y=0.0, z=0.0625)]
    got = F.landmark_array(lms, 640, 480)
    assert got.dtype == np.float32 and got.tolist() == [[320.0, 120.0, -80.0], [640.0, 0.0, 40.0]]
    assert F.landmark_array([], 640, 480).shape == (0, 3)


def test_mesh_faces_reads_the_public_result_into_the_landmarks_scaled_to_pixels():
    model = str(resolve_face_landmarker().path)
    frames = [cv2.cvtColor(render_frame(yaw, pitch, 0, blink=blink), cv2.COLOR_BGR2RGB)
              for yaw, pitch, blink in ((0, 0, 0.0), (20, -10, 0.0), (-15, 5, 1.0))]
    lm = F.create_landmarker(model, video=True, num_faces=1, matrix=True)
    try:
        for i, rgb in enumerate(frames):
            h, w = rgb.shape[:2]
            result = lm.detect_for_video(F.mp_image(rgb), i * 100)
            (face,) = F.mesh_faces(result, w, h)
            (public,) = result.face_landmarks
            want = (np.array([(p.x, p.y, p.z) for p in public], np.float64) * (w, h, w)).astype(np.float32)
            assert face.points.shape == (478, 3) and np.array_equal(face.points, want)
            assert len(face.blendshapes) == 52 and face.matrix is not None and face.matrix.shape == (4, 4)
        assert F.mesh_faces(lm.detect_for_video(F.mp_image(np.zeros((240, 320, 3), np.uint8)), 999), 320, 240) == []
    finally:
        lm.close()
    with F.FaceAnalyzer() as fa:
        res = fa.analyse(frames[1], 0.0)
        assert res.face and res.yaw == pytest.approx(20, abs=4) and len(res.blendshapes) == 52


def test_neither_the_package_nor_the_tests_call_a_private_mediapipe_api():
    roots = (Path(interview_ai_lab.__file__).parent, Path(__file__).parent)
    files = [(path, path.relative_to(root.parent).as_posix()) for root in roots for path in sorted(root.rglob("*.py"))
             if path != Path(__file__)]
    hits = [f"{path.name}:{n}: {line.strip()}"
            for path, name in files if name not in LIBC_ONLY
            for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
            if PRIVATE_ACCESS.search(line)]
    assert hits == []
    libc_only = [path for path, name in files if name in LIBC_ONLY]
    assert len(libc_only) == len(LIBC_ONLY)
    for path in libc_only:
        text = path.read_text(encoding="utf-8")
        assert "ctypes" in text and "mediapipe" not in text.lower(), path
