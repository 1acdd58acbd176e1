"""Eye contact and nods: generated clips of a real face turning in 3-D (known truth), and gaze_nods alone.

The clips are the session fixtures of ``tests/fixtures_video.py`` (nods with a drift, look-aways,
a second face on the wall, a dim noisy webcam, an empty room).
"""

from __future__ import annotations

import json

import numpy as np
import pytest

from interview_ai_lab.media.synthetic_face import Nod
from interview_ai_lab.runner import run_stage
from interview_ai_lab.runtime.atomic import write_json_atomic
from interview_ai_lab.runtime.errors import InputError
from interview_ai_lab.runtime.stage import Context
from interview_ai_lab.stage_cli import stage_main
from interview_ai_lab.stages import face_emotions_onnx, gaze_nods

#: Tolerances of the acceptance checks: nod count ±1, eye contact ±0.15.
NOD_TOLERANCE = 1
EYE_CONTACT_TOLERANCE = 0.15


CLIPS = ("face_clip_nods", "face_clip_lookaway", "face_clip_two_faces", "face_clip_degraded", "face_clip_noface")


def _analyse(path, outdir):
    """Run the face stage (landmarks only) and gaze_nods on a clip; return (faces.json, gaze.json)."""
    ctx = Context(video=path, outdir=outdir, threads=2)
    run_stage(face_emotions_onnx.STAGE, ctx, face_emotions_onnx.Options(emotions=False))
    run_stage(gaze_nods.STAGE, ctx, gaze_nods.Options())
    faces = json.loads((outdir / "faces.json").read_text(encoding="utf-8"))
    gaze = json.loads((outdir / "gaze.json").read_text(encoding="utf-8"))
    return faces, gaze


@pytest.fixture(scope="module")
def analysed(request, tmp_path_factory):
    """``analysed(name) -> (truth, faces, gaze)``, each clip analysed once per module."""
    cache: dict[str, tuple] = {}

    def get(name: str):
        if name not in cache:
            path, truth = request.getfixturevalue(name)
            faces, gaze = _analyse(path, tmp_path_factory.mktemp(name))
            cache[name] = (truth, faces, gaze)
        return cache[name]

    return get


@pytest.mark.parametrize("clip", CLIPS)
def test_nod_count_and_times_match_the_truth(clip, analysed):
    truth, _, gaze = analysed(clip)
    nv = gaze["nonverbal"]
    assert abs(nv["nods"] - truth.nod_count) <= NOD_TOLERANCE, (nv["nod_events"], truth.nod_times)
    assert nv["nods"] == len(nv["nod_events"])
    found = [e["t"] for e in nv["nod_events"]]
    matched = sum(any(abs(f - t) <= 0.3 for f in found) for t in truth.nod_times)
    assert matched >= truth.nod_count - NOD_TOLERANCE
    assert len(found) - matched <= NOD_TOLERANCE  # at most one nod that is not in the truth


@pytest.mark.parametrize("clip", CLIPS)
def test_eye_contact_matches_the_truth(clip, analysed):
    truth, faces, gaze = analysed(clip)
    nv = gaze["nonverbal"]
    assert nv["eye_contact_ratio"] == pytest.approx(truth.eye_contact_ratio, abs=EYE_CONTACT_TOLERANCE)
    # on the analyser's own sampling grid the truth is known exactly: the estimate is much closer than 0.15
    grid = [f["t"] for f in faces["frames"]]
    assert nv["eye_contact_ratio"] == pytest.approx(truth.eye_contact_at(grid), abs=0.06)
    assert nv["face_detected_ratio"] == pytest.approx(truth.face_present_ratio, abs=0.03)


@pytest.mark.parametrize("base_pose", [(22.0, 0.0, 0.0), (0.0, -9.0, 0.0)])
def test_eye_contact_is_judged_against_the_camera_axis(base_pose, tmp_path):
    """A camera beside the screen is little eye contact; a webcam slightly above the screen is eye contact.

    Beside the screen the head is always turned 22°; above it, the head is 9° down, within the 12° limit.
    """
    from interview_ai_lab.media.synthetic_face import make_face_clip

    truth = make_face_clip(tmp_path / "pose.mp4", seconds=6, base_pose=base_pose, sway_deg=2.0, seed=7,
                           events=[Nod(t=2.0)])
    faces, gaze = _analyse(truth.path, tmp_path / "out")
    grid = [f["t"] for f in faces["frames"]]
    expected = truth.eye_contact_at(grid)
    assert gaze["nonverbal"]["eye_contact_ratio"] == pytest.approx(expected, abs=EYE_CONTACT_TOLERANCE)
    assert gaze["nonverbal"]["nods"] == 1


def test_look_away_intervals_are_found(analysed):
    truth, _, gaze = analysed("face_clip_lookaway")
    away = [(e["start"], e["end"]) for e in gaze["nonverbal"]["look_away_events"]]
    assert len(away) == len(truth.lookaway_intervals), away
    for (s, e), (ts, te) in zip(away, truth.lookaway_intervals):
        assert ts - 0.1 <= s <= ts + 0.8 and te - 0.8 <= e <= te + 0.1  # inside the event, ramps aside


def test_drift_is_not_a_nod_nor_a_look_away(analysed):
    truth, _, gaze = analysed("face_clip_nods")
    nv = gaze["nonverbal"]
    assert not any(3.0 <= e["t"] <= 6.5 for e in nv["nod_events"])
    assert nv["look_away_events"] == []


def test_no_face_clip_is_zero(analysed):
    _, faces, gaze = analysed("face_clip_noface")
    nv = gaze["nonverbal"]
    assert (nv["eye_contact_ratio"], nv["nods"], nv["face_detected_ratio"]) == (0.0, 0, 0.0)
    assert gaze["warnings"] and faces["warnings"]
    assert nv["no_face_events"] == [{"start": 0.0, "end": pytest.approx(5.0, abs=0.15)}]


def test_thresholds_are_recorded_and_change_the_measures(analysed, tmp_path):
    _, faces, gaze = analysed("face_clip_lookaway")
    assert gaze["nonverbal"]["thresholds"]["yaw_max_deg"] == 15.0
    write_json_atomic(tmp_path / "faces.json", faces)
    ctx = Context(video=tmp_path / "none.mp4", outdir=tmp_path, threads=1)
    run_stage(gaze_nods.STAGE, ctx, gaze_nods.Options(yaw_max_deg=0.5, pitch_max_deg=0.5, iris_weight=0.0))
    strict = json.loads((tmp_path / "gaze.json").read_text())["nonverbal"]
    assert strict["eye_contact_ratio"] < gaze["nonverbal"]["eye_contact_ratio"] - 0.2
    run_stage(gaze_nods.STAGE, Context(video=tmp_path / "none.mp4", outdir=tmp_path, threads=1, force=True),
                  gaze_nods.Options(nod_min_amplitude_deg=40))
    assert json.loads((tmp_path / "gaze.json").read_text())["nonverbal"]["nods"] == 0


# --------------------------------------------------------------------------- gaze_nods alone, on faces.json


def _faces_json(path, frames, **extra):
    write_json_atomic(path / "faces.json", {"frames": frames, "landmark_fps": 10.0, "has_video": True, **extra})


def test_no_face_gives_zero_and_a_warning(tmp_path):
    frames = [{"t": i / 10, "face": False, "n_faces": 0, "bbox": None, "yaw": None, "pitch": None, "roll": None,
               "iris": None} for i in range(50)]
    _faces_json(tmp_path, frames)
    rc = stage_main("gaze_nods", ["--outdir", str(tmp_path)])
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
    run_stage(gaze_nods.STAGE, Context(video=tmp_path / "v.mp4", outdir=tmp_path, threads=1), gaze_nods.Options())
    nv = json.loads((tmp_path / "gaze.json").read_text())["nonverbal"]
    assert [e["t"] for e in nv["nod_events"]] == pytest.approx([3.0, 8.0], abs=0.15)
    assert nv["eye_contact_ratio"] == pytest.approx(1 - 2 / 12, abs=0.03)
    assert nv["look_away_events"] == [{"start": 5.0, "end": 7.0}]


def test_audio_only_file_gives_null_nonverbal(tmp_path):
    _faces_json(tmp_path, [], has_video=False)
    run_stage(gaze_nods.STAGE, Context(video=tmp_path / "a.wav", outdir=tmp_path, threads=1), gaze_nods.Options())
    gaze = json.loads((tmp_path / "gaze.json").read_text())
    assert gaze["nonverbal"] is None and gaze["warnings"]


def test_missing_faces_json_and_bad_options_are_clear_errors(tmp_path):
    ctx = Context(video=tmp_path / "v.mp4", outdir=tmp_path, threads=1)
    with pytest.raises(InputError, match="face_emotions_onnx"):
        run_stage(gaze_nods.STAGE, ctx, gaze_nods.Options())
    _faces_json(tmp_path, [])
    with pytest.raises(InputError):
        run_stage(gaze_nods.STAGE, ctx, gaze_nods.Options(nod_direction="sideways"))
    assert stage_main("gaze_nods", ["--outdir", str(tmp_path / "empty")]) != 0
