"""The face-clip generator: its timeline and truth, its video, and a head that moves as the truth says.

Checked with MediaPipe's own FaceMesh on the decoded frames: the rendered head really turns and nods as the
truth says.
"""

from __future__ import annotations

import functools
import json
import math
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from interview_ai_lab.media.synthetic_face import (
    FACE_OVAL,
    Blink,
    Drift,
    LookAway,
    Nod,
    NoFace,
    _random_blinks,
    face_model,
    make_face_clip,
    pose_track,
    render_frame,
)

ROOT = Path(__file__).resolve().parent.parent
# landmarks of the rigid part of the face (eye corners, nose, forehead, chin, cheeks), for head rotation
RIGID = [33, 133, 362, 263, 1, 4, 6, 168, 10, 152, 234, 454, 127, 356, 58, 288, 199, 9, 151]


# ------------------------------------------------------------------------------------------ helpers


@functools.lru_cache(maxsize=1)
def _mesh():
    """MediaPipe FaceMesh (mediapipe 0.10.x) or, without ``solutions`` (1.x), the Tasks FaceLandmarker."""
    import mediapipe as mp

    solutions = getattr(mp, "solutions", None)
    if solutions is not None and hasattr(solutions, "face_mesh"):
        return solutions.face_mesh.FaceMesh(static_image_mode=True, refine_landmarks=True, max_num_faces=2,
                                            min_detection_confidence=0.5)
    from interview_ai_lab.runtime.model_resolver import resolve_face_landmarker
    from interview_ai_lab.vision import face as F

    return F.create_landmarker(str(resolve_face_landmarker().path), video=False, num_faces=2, blendshapes=False)


@pytest.fixture(scope="module", autouse=True)
def _close_mesh():
    """Close the landmarker at the end of the module (MediaPipe 1.x cannot close it at interpreter exit)."""
    yield
    if _mesh.cache_info().currsize:
        _mesh().close()
        _mesh.cache_clear()


def _faces(bgr: np.ndarray) -> list[np.ndarray]:
    """MediaPipe face-mesh landmarks (478, 3) in pixels of every face found in a BGR frame."""
    h, w = bgr.shape[:2]
    rgb = np.ascontiguousarray(bgr[..., ::-1])
    mesh = _mesh()
    if hasattr(mesh, "process"):
        res = mesh.process(rgb)
        return [np.array([[p.x * w, p.y * h, p.z * w] for p in f.landmark]) for f in (res.multi_face_landmarks or [])]
    from interview_ai_lab.vision import face as F

    return [f.points.astype(np.float64) for f in F.mesh_faces(mesh.detect(F.mp_image(rgb)), w, h)]


def _largest(faces: list[np.ndarray]) -> np.ndarray | None:
    return max(faces, key=lambda f: np.ptp(f[:, 0])) if faces else None


def _rotation_angles(ref: np.ndarray, cur: np.ndarray) -> tuple[float, float, float]:
    """(yaw, pitch, roll) in degrees of the rotation taking landmarks ``ref`` to ``cur``.

    Kabsch on the rigid landmarks, scale-normalised, in the generator's conventions.
    """
    a = ref[RIGID] - ref[RIGID].mean(0)
    b = cur[RIGID] - cur[RIGID].mean(0)
    a /= np.sqrt((a ** 2).sum(1).mean())
    b /= np.sqrt((b ** 2).sum(1).mean())
    u, _, vt = np.linalg.svd(a.T @ b)
    d = np.sign(np.linalg.det(vt.T @ u.T))
    r = vt.T @ np.diag([1.0, 1.0, d]) @ u.T
    pitch = math.degrees(math.asin(float(np.clip(r[1, 2], -1, 1))))
    yaw = math.degrees(math.atan2(-r[0, 2], r[2, 2]))
    roll = math.degrees(math.atan2(r[1, 0], r[1, 1]))
    return yaw, pitch, roll


def _frames(path: Path, step: int = 1) -> dict[int, np.ndarray]:
    """Decoded BGR frames of a video, every ``step``-th, by frame index."""
    import cv2

    cap = cv2.VideoCapture(str(path))
    out, i = {}, 0
    try:
        while True:
            ok = cap.grab()
            if not ok:
                break
            if i % step == 0:
                ok, frame = cap.retrieve()
                if ok:
                    out[i] = frame
            i += 1
    finally:
        cap.release()
    return out


@functools.lru_cache(maxsize=4)
def _rest_landmarks(size: tuple[int, int]) -> np.ndarray:
    face = _largest(_faces(render_frame(0, 0, 0, size=size)))
    assert face is not None
    return face


def _ffprobe(path: Path) -> dict:
    out = subprocess.run(["ffprobe", "-v", "error", "-print_format", "json", "-show_streams", "-show_format",
                          str(path)], capture_output=True, text=True, check=True).stdout
    return json.loads(out)


# ------------------------------------------------------------------------------------------ timeline


def test_nod_is_a_pitch_dip_deepest_at_its_time():
    track = pose_track(seconds=4, fps=25, events=[Nod(t=2.0, depth=16, duration=0.6)], sway_deg=0)
    i = int(np.argmin(track.pitch))
    assert i == 50  # 2.0 s * 25 fps
    assert track.pitch[i] == pytest.approx(-16, abs=1e-6)
    assert np.all(track.pitch[:int(1.7 * 25)] == 0) and np.all(track.pitch[int(2.3 * 25) + 1:] == 0)
    assert np.all(track.yaw == 0)


def test_lookaway_holds_its_pose_with_smooth_turns():
    track = pose_track(seconds=6, fps=25, events=[LookAway(1.0, 4.0, yaw=-35, ramp=0.4)], sway_deg=0)
    t = np.arange(len(track.yaw)) / 25
    held = (t >= 1.4) & (t <= 3.6)
    assert np.allclose(track.yaw[held], -35)
    assert np.all(track.yaw[(t < 1.0) | (t >= 4.0)] == 0)
    assert np.max(np.abs(np.diff(track.yaw))) < 35 / (0.4 * 25) * 1.6  # no jump: smoothstep slope <= 1.5x mean


def test_sway_stays_small_and_slow():
    track = pose_track(seconds=30, fps=25, sway_deg=2.5, seed=3)
    assert 1.0 < np.max(np.abs(track.yaw)) <= 2.5 * 1.6
    assert np.max(np.abs(track.pitch)) <= 2.5
    # slow: well under 2 degrees per 0.2 s (a nod moves ~15 degrees in 0.3 s)
    assert np.max(np.abs(track.pitch[5:] - track.pitch[:-5])) < 2.0


def test_drift_is_slow_and_no_face_clears_presence():
    track = pose_track(seconds=10, fps=25, events=[Drift(2, 6, pitch=-6), NoFace(7, 8)], sway_deg=0)
    assert track.pitch.min() == pytest.approx(-6, abs=0.05)
    assert np.max(np.abs(np.diff(track.pitch))) < 0.3
    t = np.arange(len(track.yaw)) / 25
    assert not track.present[(t >= 7) & (t < 8)].any() and track.present[(t < 7) | (t >= 8)].all()


@pytest.mark.parametrize("events", [
    [Nod(t=2.0), Nod(t=2.3)],                      # overlapping nods
    [Nod(t=3.0), LookAway(2.5, 4.0)],              # a nod inside a look-away has no clear truth
    [LookAway(4.0, 6.0)],                          # outside the clip
    [NoFace(2.0, 1.0)],                            # empty interval
])
def test_bad_timelines_are_refused(tmp_path, events):
    with pytest.raises(ValueError):
        make_face_clip(tmp_path / "x.mp4", seconds=5, events=events)
    assert not (tmp_path / "x.mp4").exists()


def test_truth_counts_no_face_as_no_contact(face_clip_two_faces):
    _, truth = face_clip_two_faces
    assert truth.n_frames == 250
    assert not truth.facing[~truth.face_present].any()
    facing = truth.face_present & (np.abs(truth.yaw) <= 15) & (np.abs(truth.pitch) <= 12)
    assert np.array_equal(truth.facing, facing)
    assert truth.eye_contact_ratio == pytest.approx(facing.sum() / truth.n_frames)
    assert truth.face_present_intervals == [(0.0, 9.0)]
    assert truth.noface_intervals == [(9.0, 10.0)]
    # the look-away (4-6 s, yaw -35 with 0.35 s turns) is the longest not-facing run
    longest = max(truth.not_facing_intervals, key=lambda iv: iv[1] - iv[0])
    assert longest[0] == pytest.approx(4.1, abs=0.15) and longest[1] == pytest.approx(5.9, abs=0.15)
    assert truth.eye_contact_at(np.arange(0, 10, 0.5)) == pytest.approx(truth.eye_contact_ratio, abs=0.1)
    json.dumps(truth.to_dict())


# ------------------------------------------------------------------------------------------ video file


def test_video_is_h264_yuv420p_with_the_frames_of_the_truth(face_clip_nods):
    path, truth = face_clip_nods
    info = _ffprobe(path)
    (video,) = [s for s in info["streams"] if s["codec_type"] == "video"]
    assert video["codec_name"] == "h264" and video["pix_fmt"] == "yuv420p"
    assert (video["width"], video["height"]) == truth.size == (640, 480)
    assert video["r_frame_rate"] == "25/1" and int(video["nb_frames"]) == truth.n_frames
    assert float(info["format"]["duration"]) == pytest.approx(truth.seconds, abs=0.05)
    assert not [s for s in info["streams"] if s["codec_type"] == "audio"]


def test_decoded_frames_are_the_rendered_poses(face_clip_nods):
    """Frame i of the file shows the pose truth[i] (no off-by-one between the video and its truth)."""
    import cv2

    path, truth = face_clip_nods
    frames = _frames(path, step=1)
    for i in (0, 50, 51, 187, 262):  # 50 = deepest point of the first nod
        want = render_frame(truth.yaw[i], truth.pitch[i], truth.roll[i], size=truth.size, seed=1)
        assert cv2.PSNR(frames[i], want) > 32, i
        if i == 50:
            other = render_frame(truth.yaw[44], truth.pitch[44], truth.roll[44], size=truth.size, seed=1)
            assert cv2.PSNR(frames[i], other) < cv2.PSNR(frames[i], want) - 3


def test_audio_track_silence_and_wav(tmp_path, face_clip_noface):
    path, truth = face_clip_noface
    streams = _ffprobe(path)["streams"]
    assert [s["codec_name"] for s in streams if s["codec_type"] == "audio"] == ["aac"] and truth.has_audio
    wav = tmp_path / "tone.wav"
    subprocess.run(["ffmpeg", "-v", "error", "-f", "lavfi", "-i", "sine=frequency=440:duration=1",
                    "-ar", "16000", str(wav)], check=True)
    truth = make_face_clip(tmp_path / "a.mp4", seconds=2, fps=30, size=(321, 240), audio=wav, sway_deg=0)
    info = _ffprobe(truth.path)
    audio = [s for s in info["streams"] if s["codec_type"] == "audio"]
    assert audio and float(audio[0]["duration"]) == pytest.approx(2.0, abs=0.1)  # padded to the clip
    (video,) = [s for s in info["streams"] if s["codec_type"] == "video"]
    assert video["r_frame_rate"] == "30/1" and int(video["nb_frames"]) == truth.n_frames == 60
    assert (video["width"], video["height"]) == truth.size == (320, 240)  # even sizes for yuv420p
    with pytest.raises(FileNotFoundError):
        make_face_clip(tmp_path / "b.mp4", seconds=1, audio=tmp_path / "missing.wav")


# ------------------------------------------------------------------------------------------ MediaPipe checks


def test_mesh_of_the_astronaut_is_a_closed_textured_head():
    m = face_model()
    assert m.landmarks.shape == (478, 3) and m.verts.shape[0] > 478
    assert m.tris.min() >= 0 and m.tris.max() < len(m.verts)
    used = np.unique(m.tris)
    assert set(FACE_OVAL) <= set(used.tolist()) and 468 in used and 473 in used  # iris centres drawn
    # the pivot is in the neck: below the chin, behind the face
    assert m.pivot[1] > m.landmarks[152, 1] and m.pivot[2] > m.landmarks[1, 2] + 0.5 * m.face_width


def test_mediapipe_sees_the_applied_head_pose_in_single_frames():
    """The rotation MediaPipe measures on a rendered frame is the one applied: a real 3-D turn."""
    ref = _rest_landmarks((640, 480))
    for yaw, pitch, roll in [(20, 0, 0), (-20, 0, 0), (35, 0, 0), (-35, 0, 0), (0, -16, 0), (0, -25, 0),
                             (0, 10, 0), (0, 0, 10), (15, -12, 5)]:
        face = _largest(_faces(render_frame(yaw, pitch, roll)))
        assert face is not None, (yaw, pitch, roll)
        est = _rotation_angles(ref, face)
        assert est[0] == pytest.approx(yaw, abs=max(4.0, 0.15 * abs(yaw))), (yaw, pitch, roll, est)
        assert est[1] == pytest.approx(pitch, abs=max(4.0, 0.15 * abs(pitch))), (yaw, pitch, roll, est)
        assert est[2] == pytest.approx(roll, abs=4.0), (yaw, pitch, roll, est)


def test_nose_moves_against_the_eyes_when_the_head_turns():
    """Not a flat warp: the nose tip shifts relative to the eyes by far more than the eyes shift."""
    def nose_offset(yaw: float) -> float:
        f = _largest(_faces(render_frame(yaw, 0, 0)))
        eyes = (f[33, :2] + f[263, :2]) / 2
        return float((f[1, 0] - eyes[0]) / np.linalg.norm(f[263, :2] - f[33, :2]))

    left, mid, right = nose_offset(-30), nose_offset(0), nose_offset(30)
    assert left < mid - 0.15 and right > mid + 0.15


def test_eyes_turn_in_the_head_when_asked():
    """``eye_yaw`` moves the irises between the eye corners (MediaPipe's iris landmarks follow)."""
    def iris_position(eye_yaw: float) -> float:
        f = _largest(_faces(render_frame(0, 0, 0, eye_yaw=eye_yaw)))
        # Both eyes, as the gaze measure reads them: right eye (image left) corners 33 (outer) and 133 (inner),
        # iris centre 468; left eye corners 362 (inner) and 263 (outer), iris centre 473.
        right_eye = (f[468, 0] - f[33, 0]) / (f[133, 0] - f[33, 0])
        left_eye = (f[473, 0] - f[362, 0]) / (f[263, 0] - f[362, 0])
        return float((right_eye + left_eye) / 2)

    positions = [iris_position(a) for a in (-25, -15, 0, 15, 25)]
    assert positions == sorted(positions)  # the irises follow the eyes step by step
    left, mid, right = positions[0], positions[2], positions[4]
    assert left < mid - 0.06 and right > mid + 0.06


def test_blinks_close_the_eyes():
    """A blink closes the lids: MediaPipe's eye opening (lid gap / eye width) collapses, then reopens."""
    def opening(blink: float) -> float:
        f = _largest(_faces(render_frame(0, 0, 0, blink=blink)))
        return float(np.mean([np.linalg.norm(f[159, :2] - f[145, :2]) / np.linalg.norm(f[33, :2] - f[133, :2]),
                              np.linalg.norm(f[386, :2] - f[374, :2]) / np.linalg.norm(f[263, :2] - f[362, :2])]))

    open_, closed = opening(0.0), opening(1.0)
    assert open_ > 0.25 and closed < 0.5 * open_
    track = pose_track(seconds=3, fps=25, events=[Blink(t=1.0)], sway_deg=0)
    assert track.blink[25] == pytest.approx(1.0) and track.blink[:20].max() == 0 and track.blink[32:].max() == 0
    blinks = _random_blinks(60.0, 15.0, np.random.default_rng(0))
    gaps = np.diff([b.t for b in blinks])
    assert 8 <= len(blinks) <= 25 and gaps.min() >= 1.2


def test_face_found_on_facing_frames_and_not_on_empty_ones(face_clip_two_faces, face_clip_noface):
    path, truth = face_clip_two_faces
    found, facing_n, empty_hits = 0, 0, 0
    for i, frame in _frames(path, step=5).items():
        faces = _faces(frame)
        if truth.facing[i]:
            facing_n += 1
            cand = [f for f in faces if np.ptp(f[:, 0]) > 120]  # the candidate, not the portrait
            found += bool(cand)
        if not truth.face_present[i]:
            # only the portrait on the wall may be seen
            empty_hits += sum(np.ptp(f[:, 0]) > 120 for f in faces)
    assert facing_n > 15 and found == facing_n
    assert empty_hits == 0
    path, truth = face_clip_noface
    assert not any(_faces(f) for f in _frames(path, step=10).values())


def test_portrait_on_the_wall_is_a_detectable_second_face(face_clip_two_faces):
    path, truth = face_clip_two_faces
    x0, y0, x1, y1 = truth.second_face_box
    frames = _frames(path, step=25)
    hits = 0
    for i, frame in frames.items():
        faces = _faces(frame)
        small = [f for f in faces if np.ptp(f[:, 0]) < 120]
        if small:
            cx, cy = small[0][:, 0].mean(), small[0][:, 1].mean()
            hits += x0 <= cx <= x1 and y0 <= cy <= y1
        cand = _largest(faces)
        if truth.face_present[i] and cand is not None:
            bx = truth.face_boxes[i]
            assert bx[0] - 15 <= cand[1, 0] <= bx[2] + 15 and bx[1] <= cand[1, 1] <= bx[3]  # nose in its box
    assert hits >= 0.8 * len(frames)


def test_estimated_yaw_follows_the_applied_yaw(face_clip_lookaway):
    path, truth = face_clip_lookaway
    ref = _rest_landmarks(truth.size)
    applied, measured = [], []
    for i, frame in _frames(path, step=3).items():
        face = _largest(_faces(frame))
        assert face is not None, f"no face at {i / truth.fps:.2f} s (yaw {truth.yaw[i]:.0f})"
        applied.append((truth.yaw[i], truth.pitch[i]))
        measured.append(_rotation_angles(ref, face)[:2])
    applied, measured = np.array(applied), np.array(measured)
    assert np.corrcoef(applied[:, 0], measured[:, 0])[0, 1] > 0.97
    assert np.corrcoef(applied[:, 1], measured[:, 1])[0, 1] > 0.9
    far = np.abs(applied[:, 0]) > 25
    assert far.sum() > 10 and np.all(np.sign(measured[far, 0]) == np.sign(applied[far, 0]))
    assert np.all(np.abs(measured[far, 0]) > 20)
    assert np.median(np.abs(measured[:, 0] - applied[:, 0])) < 3.0
    down = applied[:, 1] < -20
    assert down.sum() > 10 and np.all(measured[down, 1] < -15)


def test_nods_show_as_pitch_dips_and_drift_does_not(face_clip_nods):
    path, truth = face_clip_nods
    ref = _rest_landmarks(truth.size)
    frames = _frames(path, step=1)
    idx = np.arange(0, truth.n_frames, 2)
    pitch = np.array([_rotation_angles(ref, _largest(_faces(frames[i])))[1] for i in idx])
    t = idx / truth.fps
    for nod in truth.events:
        if not isinstance(nod, Nod):
            continue
        at = pitch[np.argmin(np.abs(t - nod.t))]
        around = pitch[(np.abs(t - nod.t) > 0.5) & (np.abs(t - nod.t) < 1.0)]
        assert at - np.median(around) < -0.6 * nod.depth, (nod, at, np.median(around))
    # the slow drift (3-6.5 s, -6 degrees) moves the pitch by its own small amount, slowly
    drift = (t > 3.0) & (t < 6.5)
    assert -10 < pitch[drift].min() - np.median(pitch[t < 1.5]) < -3
    assert np.max(np.abs(np.diff(pitch[drift]))) < 3.0


def test_degraded_webcam_clip_still_shows_a_face(face_clip_degraded):
    path, truth = face_clip_degraded
    frames = _frames(path, step=5)
    first = frames[0].astype(float)
    assert first.mean() < 90  # dim
    facing = [i for i in frames if truth.facing[i]]
    found = sum(any(np.ptp(f[:, 0]) > 80 for f in _faces(frames[i])) for i in facing)
    assert found >= 0.8 * len(facing)


def test_make_sample_script_writes_a_talking_face_video(tmp_path):
    out = tmp_path / "sample.mp4"
    proc = subprocess.run([sys.executable, str(ROOT / "scripts" / "make_sample.py"), "--out", str(out),
                           "--lang", "en", "--seconds", "8"], capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr
    info = _ffprobe(out)
    kinds = sorted(s["codec_type"] for s in info["streams"])
    assert kinds == ["audio", "video"]
    assert float(info["format"]["duration"]) == pytest.approx(8.0, abs=0.3)
    truth_file = out.with_suffix(".truth.json")
    assert truth_file.exists() and json.loads(truth_file.read_text())["n_frames"] == 200


def test_make_sample_rejects_a_bad_language(tmp_path):
    proc = subprocess.run([sys.executable, str(ROOT / "scripts" / "make_sample.py"), "--out",
                           str(tmp_path / "s.mp4"), "--lang", "xx"], capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode != 0 and "lang" in proc.stderr
    assert not (tmp_path / "s.mp4").exists()

