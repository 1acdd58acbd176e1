"""The face stage's workers: a worker hands the second half of what it has left to a new one when a core is free.

The hand-over rule (:func:`split_point`, :class:`Stretch`) is checked on numbers; the stage on a rendered
70-s clip with known nods, one worker against two: the same frames at the same times, the same nods and
look-aways, the same eye contact, a nod just after the hand-over found by the new worker.
"""

from __future__ import annotations

import json
import math
import threading
import time

import pytest

from interview_ai_lab.media.synthetic_face import LookAway, Nod, make_face_clip
from interview_ai_lab.runner import run_stage
from interview_ai_lab.runtime.errors import InputError
from interview_ai_lab.runtime.stage import Context
from interview_ai_lab.stages import face_emotions_onnx, gaze_nods
from interview_ai_lab.stages.face_emotions_onnx import MIN_SPLIT_SEC, Stretch, split_point


@pytest.mark.parametrize("position, end, fps", [(0.0, 600.0, 8.0), (0.25, 600.0, 8.0), (123.4, 480.2, 10.0),
                                                 (10.0, 75.0, 7.5), (0.0, 61.0, 15.0)])
def test_the_hand_over_is_the_middle_of_what_is_left_on_whole_seconds_and_the_frame_grid(position, end, fps):
    cut = split_point(position_sec=position, end_sec=end, fps=fps)
    assert cut is not None
    assert cut * fps == pytest.approx(round(cut * fps), abs=1e-9)  # a frame of a single pass
    assert position < cut and abs(cut - (position + end) / 2) <= 1.0 + 1.0 / fps
    if float(fps).is_integer():
        assert cut == math.ceil((position + end) / 2)  # whole seconds: the detections of a single pass


def test_no_hand_over_when_a_half_would_be_short():
    assert split_point(position_sec=0.0, end_sec=2 * MIN_SPLIT_SEC - 0.1, fps=8.0) is None
    assert split_point(position_sec=100.0, end_sec=100.0 + 2 * MIN_SPLIT_SEC + 1, fps=8.0) is not None


def test_a_stretch_stops_taking_frames_where_it_handed_over():
    s = Stretch(0.0, math.inf)
    fps = 8.0
    assert all(s.take(i / fps, frame_sec=1 / fps) for i in range(80))  # 0 .. 9.875 s taken
    rest = s.hand_over(fps=fps, duration_sec=600.0)
    assert rest is not None and rest.start_sec == 305.0 and rest.end_sec == math.inf and s.end_sec == 305.0
    assert s.left_sec(600.0) == pytest.approx(305.0 - 79 / fps)
    assert s.take(304.875, frame_sec=1 / fps) and not s.take(305.0, frame_sec=1 / fps)
    assert rest.take(305.0, frame_sec=1 / fps)


def test_a_stretch_is_handed_over_only_ahead_of_its_worker():
    """The worker takes frames while another thread cuts: no frame is taken by both stretches."""
    s, fps, taken, started = Stretch(0.0, math.inf), 8.0, [], threading.Event()

    def worker():
        for i in range(4800):
            if not s.take(i / fps, frame_sec=1 / fps):
                break
            taken.append(i / fps)
            if i == 100:
                started.set()
            time.sleep(0.0002)  # a frame's work

    t = threading.Thread(target=worker)
    t.start()
    started.wait(timeout=10)
    rest = s.hand_over(fps=fps, duration_sec=600.0)
    t.join()
    assert rest is not None and taken and taken[-1] < rest.start_sec
    assert taken == [i / fps for i in range(len(taken))]
    assert len(taken) == round(rest.start_sec * fps)  # every frame before the cut was taken, none after


def test_workers_must_be_one_or_more():
    with pytest.raises(InputError, match="--face-workers"):
        face_emotions_onnx.check(face_emotions_onnx.Options(face_workers=0))


@pytest.fixture(scope="module")
def long_clip(tmp_path_factory):
    """70 s at 8 fps: nods before, just after and long after the hand-over (at 35 s), two look-aways."""
    path = tmp_path_factory.mktemp("faceworkers") / "long.mp4"
    truth = make_face_clip(path, seconds=70.0, fps=8, size=(480, 360), sway_deg=2.0, seed=3,
                           events=[Nod(t=6.0), LookAway(15.0, 17.5, yaw=35.0), Nod(t=36.5, depth=16.0),
                                   Nod(t=52.0), LookAway(60.0, 62.0, yaw=-35.0), Nod(t=66.0, depth=14.0)])
    return path, truth


def _analyse(path, outdir, workers):
    ctx = Context(video=path, outdir=outdir, threads=2)
    run_stage(face_emotions_onnx.STAGE, ctx, face_emotions_onnx.Options(emotions=False, face_workers=workers))
    run_stage(gaze_nods.STAGE, ctx, gaze_nods.Options())
    faces = json.loads(ctx.path("faces.json").read_text(encoding="utf-8"))
    gaze = json.loads(ctx.path("gaze.json").read_text(encoding="utf-8"))
    return faces, gaze["nonverbal"]


def test_two_workers_find_what_one_finds(long_clip, tmp_path):
    path, truth = long_clip
    one, nv_one = _analyse(path, tmp_path / "one", 1)
    two, nv_two = _analyse(path, tmp_path / "two", 2)
    assert one["workers"] == 1 and two["workers"] == 2  # run alone, the stage hands over at once
    assert [f["t"] for f in two["frames"]] == [f["t"] for f in one["frames"]]
    assert len(one["frames"]) == round(70.0 * 8)
    for nv in (nv_one, nv_two):
        assert nv["nods"] == truth.nod_count
        assert [e["t"] for e in nv["nod_events"]] == pytest.approx(truth.nod_times, abs=0.25)
        assert nv["eye_contact_ratio"] == pytest.approx(truth.eye_contact_ratio, abs=0.05)
    assert nv_two["eye_contact_ratio"] == pytest.approx(nv_one["eye_contact_ratio"], abs=0.01)
    assert two["face_detected_ratio"] == one["face_detected_ratio"] == 1.0
