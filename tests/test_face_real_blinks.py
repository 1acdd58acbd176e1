"""Blinks of a REAL face (a recorded actress, not the rendered astronaut), counted against a truth seen by eye.

The clip and its truth are in :mod:`tests.media.real_face`. Frames are analysed as the
face stage does (one decode at 15 fps, downscaled to 640 px, the FaceAnalyzer's eye-blink
blendshapes) and blinks are found by the same function as ``gaze_nods``
(:func:`interview_ai_lab.vision.nonverbal_metrics.blink_rate`).
"""

from __future__ import annotations

import numpy as np
import pytest

from interview_ai_lab.media.ffmpeg import probe
from interview_ai_lab.media.frames import iter_frames
from interview_ai_lab.stages import face_emotions_onnx
from interview_ai_lab.vision import nonverbal_metrics as nm
from interview_ai_lab.vision.face import FaceAnalyzer
from tests.media.real_face import (
    WOLFGANG_BLINKS,
    WOLFGANG_EYES_DOWN,
    WOLFGANG_LAUGH_CLOSED,
    WOLFGANG_PARTIAL,
    FetchError,
    wolfgang_clip,
)

FPS = 15.0  # the blink tests' landmark rate (blinks need at least nonverbal_metrics.BLINK_MIN_FPS)


#: The landmarker on every frame, and the face stage's held frames (its default ``hold_max_change``).
HOLDS = (0.0, face_emotions_onnx.Options().hold_max_change)


@pytest.fixture(scope="module", params=HOLDS, ids=lambda h: f"hold{h:g}")
def wolfgang(request):
    """``(times, blink scores, blink_rate result)`` of the real clip at 15 fps, with or without held frames."""
    try:
        path = wolfgang_clip()
    except FetchError as e:
        pytest.skip(f"real face clip not available: {e}")
    info = probe(path)
    times, scores = [], []
    hold = face_emotions_onnx.Options()
    with FaceAnalyzer(hold_max_change=request.param, hold_max_frames=hold.hold_max_frames) as fa:
        for fr in iter_frames(path, fps=FPS, width=info.width, height=info.height, max_width=640):
            res = fa.analyse(fr.image, fr.t)
            blink = nm.blink_smile_scores(blendshapes=res.blendshapes)[0] if res.blendshapes else None
            times.append(fr.t)
            scores.append(np.nan if blink is None else blink)
    t, b = np.array(times), np.array(scores)
    return t, b, nm.blink_rate(t, b, fps=FPS)


def test_the_face_is_found_in_every_frame(wolfgang):
    t, b, _ = wolfgang
    assert len(t) == pytest.approx(19.7 * FPS, abs=2)
    assert np.isfinite(b).all()


def test_real_blinks_are_counted_at_their_times(wolfgang):
    _, _, rate = wolfgang
    found = rate["times"]
    eyes_open = [x for x in found if WOLFGANG_EYES_DOWN[1] < x < WOLFGANG_LAUGH_CLOSED[0]]
    assert eyes_open == pytest.approx(list(WOLFGANG_BLINKS), abs=0.1)  # the 3 full and the 2 partial blinks
    assert not [x for x in found if x <= WOLFGANG_EYES_DOWN[1]]  # eyes shut while crying from the start: no blink


def test_scores_separate_shut_from_open_eyes(wolfgang):
    t, b, _ = wolfgang
    for blink in set(WOLFGANG_BLINKS) - set(WOLFGANG_PARTIAL):  # full closures cross the closed threshold
        near = np.abs(t - blink) <= 0.1
        assert b[near].max() > nm.BLINK_ON, blink
    steady = (t > 6.8) & (t < 8.2)  # eyes wide open between two blinks
    assert b[steady].max() < nm.BLINK_OFF


def test_eyes_shut_while_laughing_are_no_blink(wolfgang):
    _, _, rate = wolfgang
    assert rate["blinks"] == len(WOLFGANG_BLINKS)
