"""Eye contact and nods: generated clips of a real face turning in 3-D (known truth), and gaze_nods alone."""

from __future__ import annotations

import json

import numpy as np
import pytest

from scripts import face_emotions_onnx, gaze_nods
from scripts.core.atomic import write_json_atomic
from scripts.core.errors import InputError
from scripts.core.stage import Context
from tests.media.face_clip import Drift, LookAway, Nod, NoFace, make_face_clip

#: Tolerances of the acceptance checks (issue 4): nod count ±1, eye contact ±0.15.
NOD_TOLERANCE = 1
EYE_CONTACT_TOLERANCE = 0.15


def _analyse(truth, outdir, **face_opts):
    ctx = Context(video=truth.path, outdir=outdir, threads=2, force=True)
    face_emotions_onnx.run(ctx, face_emotions_onnx.Options(emotions=False, **face_opts))
    gaze_nods.run(ctx, gaze_nods.Options())
    faces = json.loads((outdir / "faces.json").read_text(encoding="utf-8"))
    gaze = json.loads((outdir / "gaze.json").read_text(encoding="utf-8"))
    return faces, gaze


@pytest.fixture(scope="module")
def interview(tmp_path_factory):
    """20 s: 4 nods (one shallow), a slow drift, a 3 s look-away, 1.5 s without a face, natural sway."""
    d = tmp_path_factory.mktemp("interview")
    truth = make_face_clip(d / "interview.mp4", seconds=20, sway_deg=2.0, seed=1, events=[
        Nod(2.0), Nod(5.5), Drift(6.5, 8.5, pitch=-6), LookAway(9.0, 12.0, yaw=35),
        Nod(13.5, depth=12), NoFace(15.0, 16.5), Nod(18.0)])
    faces, gaze = _analyse(truth, d / "out")
    return truth, faces, gaze


@pytest.fixture(scope="module")
def looking_down(tmp_path_factory):
    """16 s, dim low-resolution webcam: reading notes (pitch −25° for 3 s), eyes back on the camera from a turned
    head, and two nods one second apart."""
    d = tmp_path_factory.mktemp("down")
    truth = make_face_clip(d / "down.mp4", seconds=16, dim=0.5, low_res=0.5, seed=2, events=[
        Nod(2.0), LookAway(4.0, 7.0, yaw=0, pitch=-25), Nod(9.0), LookAway(10.5, 12.5, yaw=-35, eye_yaw=30),
        Nod(14.0), Nod(15.0)])
    faces, gaze = _analyse(truth, d / "out")
    return truth, faces, gaze


@pytest.mark.parametrize("clip", ["interview", "looking_down"])
def test_nod_count_and_times_match_the_truth(clip, request):
    truth, _, gaze = request.getfixturevalue(clip)
    nv = gaze["nonverbal"]
    assert abs(nv["nods"] - truth.nod_count) <= NOD_TOLERANCE
    assert nv["nods"] == len(nv["nod_events"])
    found = [e["t"] for e in nv["nod_events"]]
    matched = sum(any(abs(f - t) <= 0.3 for f in found) for t in truth.nod_times)
    assert matched >= truth.nod_count - NOD_TOLERANCE


@pytest.mark.parametrize("clip", ["interview", "looking_down"])
def test_eye_contact_matches_the_truth(clip, request):
    truth, faces, gaze = request.getfixturevalue(clip)
    nv = gaze["nonverbal"]
    assert nv["eye_contact_ratio"] == pytest.approx(truth.eye_contact_ratio, abs=EYE_CONTACT_TOLERANCE)
    # the analyser's own sampling grid gives the same answer, tighter
    grid = [f["t"] for f in faces["frames"]]
    assert nv["eye_contact_ratio"] == pytest.approx(truth.eye_contact_at(grid), abs=0.08)


def test_look_away_and_no_face_intervals_are_found(interview):
    truth, _, gaze = interview
    nv = gaze["nonverbal"]
    away = [(e["start"], e["end"]) for e in nv["look_away_events"]]
    assert any(s <= 9.6 and e >= 11.4 for s, e in away), away
    assert not any(s < 8.5 for s, _ in away)  # the drift and the nods are not look-aways
    no_face = [(e["start"], e["end"]) for e in nv["no_face_events"]]
    assert any(abs(s - 15.0) <= 0.2 and abs(e - 16.5) <= 0.2 for s, e in no_face), no_face
    assert nv["face_detected_ratio"] == pytest.approx(truth.face_present_ratio, abs=0.03)


def test_thresholds_are_recorded_and_tighter_thresholds_lower_eye_contact(interview, tmp_path):
    truth, faces, gaze = interview
    assert gaze["nonverbal"]["thresholds"]["yaw_max_deg"] == 15.0
    write_json_atomic(tmp_path / "faces.json", faces)
    ctx = Context(video=tmp_path / "none.mp4", outdir=tmp_path, threads=1)
    gaze_nods.run(ctx, gaze_nods.Options(yaw_max_deg=0.5, pitch_max_deg=0.5, iris_weight=0.0))
    strict = json.loads((tmp_path / "gaze.json").read_text())["nonverbal"]
    assert strict["eye_contact_ratio"] < gaze["nonverbal"]["eye_contact_ratio"] - 0.2
    gaze_nods.run(Context(video=tmp_path / "none.mp4", outdir=tmp_path, threads=1, force=True),
                  gaze_nods.Options(nod_min_amplitude_deg=40))
    assert json.loads((tmp_path / "gaze.json").read_text())["nonverbal"]["nods"] == 0


# --------------------------------------------------------------------------- gaze_nods alone, on faces.json


def _faces_json(path, frames, **extra):
    write_json_atomic(path / "faces.json", {"frames": frames, "landmark_fps": 10.0, "has_video": True, **extra})


def test_no_face_gives_zero_and_a_warning(tmp_path):
    frames = [{"t": i / 10, "face": False, "n_faces": 0, "bbox": None, "yaw": None, "pitch": None, "roll": None,
               "iris": None} for i in range(50)]
    _faces_json(tmp_path, frames)
    rc = gaze_nods.main(["--outdir", str(tmp_path)])
    assert rc == 0
    gaze = json.loads((tmp_path / "gaze.json").read_text())
    nv = gaze["nonverbal"]
    assert (nv["eye_contact_ratio"], nv["nods"], nv["face_detected_ratio"]) == (0.0, 0, 0.0)
    assert gaze["warnings"]


def test_synthetic_pitch_track_in_faces_json(tmp_path):
    t = np.arange(0, 12, 0.1)
    pitch = 3 + 2 * np.sin(2 * np.pi * 0.2 * t)
    for at in (3.0, 8.0):
        x = (t - at) / 0.3
        pitch -= np.where(np.abs(x) < 1, 7 * (1 + np.cos(np.pi * x)), 0)
    yaw = np.where((t >= 5) & (t < 7), 40.0, 1.0)
    frames = [{"t": round(float(ti), 2), "face": True, "n_faces": 1, "bbox": [0.4, 0.3, 0.2, 0.3],
               "yaw": float(y), "pitch": float(p), "roll": 0.0, "iris": [0.0, -0.05]}
              for ti, y, p in zip(t, yaw, pitch)]
    _faces_json(tmp_path, frames)
    gaze_nods.run(Context(video=tmp_path / "v.mp4", outdir=tmp_path, threads=1), gaze_nods.Options())
    nv = json.loads((tmp_path / "gaze.json").read_text())["nonverbal"]
    assert [e["t"] for e in nv["nod_events"]] == pytest.approx([3.0, 8.0], abs=0.15)
    assert nv["eye_contact_ratio"] == pytest.approx(1 - 2 / 12, abs=0.03)
    assert nv["look_away_events"] == [{"start": 5.0, "end": 7.0}]


def test_audio_only_file_gives_null_nonverbal(tmp_path):
    _faces_json(tmp_path, [], has_video=False)
    gaze_nods.run(Context(video=tmp_path / "a.wav", outdir=tmp_path, threads=1), gaze_nods.Options())
    gaze = json.loads((tmp_path / "gaze.json").read_text())
    assert gaze["nonverbal"] is None and gaze["warnings"]


def test_missing_faces_json_and_bad_options_are_clear_errors(tmp_path):
    ctx = Context(video=tmp_path / "v.mp4", outdir=tmp_path, threads=1)
    with pytest.raises(InputError, match="face_emotions_onnx"):
        gaze_nods.run(ctx, gaze_nods.Options())
    _faces_json(tmp_path, [])
    with pytest.raises(InputError):
        gaze_nods.run(ctx, gaze_nods.Options(nod_direction="sideways"))
    assert gaze_nods.main(["--outdir", str(tmp_path / "empty")]) != 0
