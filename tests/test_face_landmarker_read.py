"""The landmarker's result read straight from MediaPipe's C struct equals the public Python result."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from interview_ai_lab.media.synthetic_face import render_frame
from interview_ai_lab.runtime.model_resolver import resolve_face_landmarker
from interview_ai_lab.vision import face as F


def test_direct_read_gives_the_public_results_exactly():
    api = F._c_result_api()
    if api is None:
        pytest.skip("this mediapipe has no C result API (0.10.x): the public call is used")
    model = str(resolve_face_landmarker().path)
    frames = [cv2.cvtColor(render_frame(yaw, pitch, 0, blink=blink), cv2.COLOR_BGR2RGB)
              for yaw, pitch, blink in ((0, 0, 0.0), (20, -10, 0.0), (-15, 5, 1.0), (0, 0, 0.5))]
    public_lm = F.create_landmarker(model, video=True, num_faces=1, matrix=True)
    direct_lm = F.create_landmarker(model, video=True, num_faces=1, matrix=True)
    try:
        for i, rgb in enumerate(frames):
            h, w = rgb.shape[:2]
            image = F.mp_image(rgb)
            (want,) = F.mesh_faces(public_lm.detect_for_video(image, i * 100), w, h)
            (got,) = F.detect_for_video_direct(direct_lm, image, i * 100, w, h, api)
            assert np.array_equal(got.points, want.points) and got.points.dtype == np.float32
            assert got.blendshapes == want.blendshapes and len(got.blendshapes) == 52
            assert np.array_equal(got.matrix, want.matrix)
        assert F.detect_for_video_direct(direct_lm, F.mp_image(np.zeros((240, 320, 3), np.uint8)), 999, 320, 240,
                                         api) == []  # no face: no result
    finally:
        public_lm.close()
        direct_lm.close()
    with F.FaceAnalyzer() as fa:
        assert fa._c_api is not None  # the analyser takes the direct read where it exists
        res = fa.analyse(frames[1], 0.0)
        assert res.face and res.yaw == pytest.approx(20, abs=4) and len(res.blendshapes) == 52
