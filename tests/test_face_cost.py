"""``bench/face_cost.py``: the face stage's CPU split, two frame pipe formats side by side on a clip with known truth.

No timing is asserted: the runs must account for their CPU (the landmarker's share within the
Python process's) and both pipe formats must find what the clip shows (its nods, its eye contact).
"""

from __future__ import annotations

import pytest

from bench.face_cost import compare, format_table


def test_both_pipe_formats_find_the_clips_nods_and_eye_contact(face_clip_nods):
    path, truth = face_clip_nods
    res = compare(path, pipe_formats=("yuv420p", "rgb"), landmark_fps=(8.0,), repeat=1, log=lambda _: None)
    assert [m["pipe_format"] for m in res["medians"]] == ["yuv420p", "rgb"]
    for run in res["runs"]:
        assert run["frames"] == 96  # 12 s at 8 frames a second
        assert 0 < run["landmarker_cpu_s"] < run["python_cpu_s"] < run["cpu_s"]
        assert run["ffmpeg_cpu_s"] > 0 and run["detector_cpu_s"] > 0
        assert run["nods"] == truth.nod_count
        assert run["nod_times"] == pytest.approx(truth.nod_times, abs=0.2)
        assert run["eye_contact_ratio"] == pytest.approx(truth.eye_contact_ratio, abs=0.06)
    a, b = res["runs"]
    assert a["eye_contact_ratio"] == pytest.approx(b["eye_contact_ratio"], abs=0.02)
    table = format_table(res)
    assert "yuv420p" in table and "landmarker" in table
