"""``bench/face_cost.py``: the face stage's CPU split, variants side by side on a clip with known truth.

No timing is asserted: the runs must account for their CPU (the landmarker's share within the
Python process's), and every variant (two frame pipe formats, the landmarker on every frame or
frames held) must find what the clip shows (its nods, its eye contact).
"""

from __future__ import annotations

import pytest

from bench.face_cost import compare, format_table
from interview_ai_lab.stages import face_emotions_onnx


def test_every_variant_finds_the_clips_nods_and_eye_contact(face_clip_nods):
    path, truth = face_clip_nods
    hold = face_emotions_onnx.Options().hold_max_change
    res = compare(path, pipe_formats=("yuv420p", "rgb"), landmark_fps=(8.0,), holds=(0.0, hold), repeat=1,
                  log=lambda _: None)
    assert [(m["pipe_format"], m["hold_max_change"]) for m in res["medians"]] == [
        ("yuv420p", 0.0), ("yuv420p", hold), ("rgb", 0.0), ("rgb", hold)]
    for run in res["runs"]:
        assert run["frames"] == 96  # 12 s at 8 frames a second
        assert (run["frames_held"] > 0) == (run["hold_max_change"] > 0)
        assert 0 < run["landmarker_cpu_s"] < run["python_cpu_s"] < run["cpu_s"]
        assert run["ffmpeg_cpu_s"] > 0 and run["detector_cpu_s"] > 0
        assert run["nods"] == truth.nod_count
        assert run["nod_times"] == pytest.approx(truth.nod_times, abs=0.2)
        assert run["eye_contact_ratio"] == pytest.approx(truth.eye_contact_ratio, abs=0.06)
    every = [r for r in res["runs"] if r["hold_max_change"] == 0.0]
    assert every[0]["eye_contact_ratio"] == pytest.approx(every[1]["eye_contact_ratio"], abs=0.02)
    table = format_table(res)
    assert "yuv420p" in table and "landmarker" in table and "held" in table
