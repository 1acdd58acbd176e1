"""Face blurring: no frame of the blurred copy still shows a face MediaPipe can find; frames, size and audio kept."""

from __future__ import annotations

import subprocess
from pathlib import Path

import numpy as np
import pytest

from interview_ai_lab.media.ffmpeg import find_ffmpeg, probe
from interview_ai_lab.runner import run_stage
from interview_ai_lab.runtime.atomic import read_json
from interview_ai_lab.runtime.stage import Context
from interview_ai_lab.stages import blur_faces as stage


def decode(path: Path) -> np.ndarray:
    """Every frame of ``path`` as ``(n, h, w, 3)`` RGB uint8."""
    info = probe(path)
    out = subprocess.run([find_ffmpeg().path, "-v", "error", "-i", str(path), "-map", "0:v:0", "-fps_mode", "passthrough",
                          "-f", "rawvideo", "-pix_fmt", "rgb24", "pipe:1"], capture_output=True, check=True).stdout
    return np.frombuffer(out, np.uint8).reshape(-1, info.height, info.width, 3)


class Checker:
    """The brief's check: MediaPipe Tasks face detector and face landmarker (confidence 0.5).

    With a mediapipe that still has ``solutions`` (0.10.x), also its short- and full-range detectors and FaceMesh.
    """

    def __init__(self) -> None:
        import mediapipe as mp

        from interview_ai_lab.runtime.model_resolver import resolve_face_landmarker
        from interview_ai_lab.vision import face as F

        model = str(resolve_face_landmarker().path)
        self.tasks_detector = F.create_detector(model, min_confidence=0.5)
        self.tasks_mesh = F.create_landmarker(model, video=False, num_faces=4, min_confidence=0.5, blendshapes=False)
        self.detectors, self.mesh = [], None
        solutions = getattr(mp, "solutions", None)
        if solutions is not None and hasattr(solutions, "face_detection"):
            fd = solutions.face_detection
            self.detectors = [fd.FaceDetection(model_selection=m, min_detection_confidence=0.5) for m in (0, 1)]
            self.mesh = solutions.face_mesh.FaceMesh(static_image_mode=True, max_num_faces=4, min_detection_confidence=0.5)

    def faces(self, rgb: np.ndarray) -> tuple[int, int]:
        """(faces detected by the best detector, faces found by the best landmarker)."""
        from interview_ai_lab.vision import face as F

        rgb = np.ascontiguousarray(rgb)
        img = F.mp_image(rgb)
        det = max([len(self.tasks_detector.detect(img).detections or [])] +
                  [len(d.process(rgb).detections or []) for d in self.detectors])
        mesh = len(self.tasks_mesh.detect(img).face_landmarks or [])
        if self.mesh is not None:
            mesh = max(mesh, len(self.mesh.process(rgb).multi_face_landmarks or []))
        return det, mesh

    def close(self) -> None:
        for g in (self.tasks_detector, self.tasks_mesh, *self.detectors, *([self.mesh] if self.mesh else [])):
            g.close()


@pytest.fixture(scope="module")
def checker():
    c = Checker()
    yield c
    c.close()


def test_without_the_flag_nothing_is_written(tmp_path):
    ctx = Context(video=tmp_path / "missing.mp4", outdir=tmp_path, threads=1)
    assert read_json(run_stage(stage.STAGE, ctx, stage.Options()))["blurred"] is None
    assert not (tmp_path / stage.VIDEO_NAME).exists()


def test_no_face_survives_in_any_frame(face_clip_two_faces, tmp_path, checker):
    """The candidate nods, turns away 35°, leaves; a portrait hangs on the wall: every face must be blurred."""
    clip, truth = face_clip_two_faces
    ctx = Context(video=clip, outdir=tmp_path, threads=2)
    out = read_json(run_stage(stage.STAGE, ctx, stage.Options(blur_faces=True)))["blurred"]
    blurred_path = tmp_path / stage.VIDEO_NAME
    original, blurred = decode(clip), decode(blurred_path)
    assert blurred.shape == original.shape and out["frames"] == len(original)
    assert probe(blurred_path).fps == pytest.approx(truth.fps, abs=0.01)

    every = slice(0, None, 5)  # the original is checked on every 5th frame, the blurred copy on all
    before = np.array([checker.faces(f) for f in original[every]])
    after = np.array([checker.faces(f) for f in blurred])
    present = truth.face_present[every]
    # the check can fail: the original shows a face in most frames where the candidate is there
    assert (before[present, 0] >= 1).mean() >= 0.8 and (before[present, 1] >= 1).mean() >= 0.8
    print(f"original: detector finds a face in {(before[:, 0] > 0).mean():.0%} of {len(before)} frames checked, "
          f"FaceMesh in {(before[:, 1] > 0).mean():.0%}; blurred: detector {int((after[:, 0] > 0).sum())} frames, "
          f"FaceMesh {int((after[:, 1] > 0).sum())} frames")
    assert after[:, 0].max() == 0, f"a face is still detectable in frames {np.flatnonzero(after[:, 0]).tolist()}"
    assert after[:, 1].max() == 0, f"FaceMesh still finds a face in frames {np.flatnonzero(after[:, 1]).tolist()}"
    # only the faces are blurred: far from them (the right side of the room) the picture is unchanged
    # up to the re-encoding, and most of the frame is left as it was
    diff = np.abs(original.astype(np.int16) - blurred.astype(np.int16)).mean(axis=3)
    w = original.shape[2]
    assert np.median(diff[:, :, int(0.88 * w):]) <= 2
    changed = (diff > 12).mean(axis=(1, 2))
    print(f"share of the frame changed: median {np.median(changed):.0%}, max {changed.max():.0%}; "
          f"regions flattened after verification: {out['regions_flattened']}")
    assert np.median(changed) < 0.6


def test_frames_size_and_audio_are_kept(tmp_path):
    """An odd-sized 29.97 fps clip with a tone and no face: same frame count, size, rate; audio copied."""
    src = tmp_path / "tone.mp4"
    subprocess.run([find_ffmpeg().path, "-v", "error", "-f", "lavfi", "-i", "testsrc2=size=322x240:rate=30000/1001",
                    "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=16000", "-t", "2", "-c:v", "libx264",
                    "-pix_fmt", "yuv420p", "-c:a", "aac", "-shortest", str(src)], check=True)
    ctx = Context(video=src, outdir=tmp_path / "out", threads=1)
    ctx.outdir.mkdir()
    out = read_json(run_stage(stage.STAGE, ctx, stage.Options(blur_faces=True)))["blurred"]
    dst = ctx.path(stage.VIDEO_NAME)
    a, b = probe(src), probe(dst)
    assert b.has_audio and b.audio_codec == "aac" and out["audio"] == "copied"
    assert (b.width, b.height) == (322, 240) and b.fps == pytest.approx(a.fps, abs=0.01)
    assert len(decode(dst)) == len(decode(src)) == out["frames"]
    assert out["frames_blurred"] == 0
    assert b.duration_sec == pytest.approx(a.duration_sec, abs=0.1)


def test_box_logic_holds_detections_around_them():
    dets = {10: [(0.4, 0.4, 0.2, 0.2)]}
    kw = dict(detections=dets, fps=10.0, margin=0.25, hold_before_sec=0.3, hold_after_sec=1.0, growth_per_sec=0.5)
    assert stage.boxes_to_blur(frame=6, **kw) == []  # 0.4 s before: not yet
    assert len(stage.boxes_to_blur(frame=7, **kw)) == 1 and len(stage.boxes_to_blur(frame=20, **kw)) == 1
    assert stage.boxes_to_blur(frame=21, **kw) == []
    at, later = stage.boxes_to_blur(frame=10, **kw)[0], stage.boxes_to_blur(frame=20, **kw)[0]
    assert at == pytest.approx((0.35, 0.35, 0.3, 0.3)) and later[2] > at[2]  # grows with the age
    assert stage.expand_box((0.9, 0.0, 0.2, 0.2), margin=0.5) == pytest.approx((0.8, 0.0, 0.2, 0.3))
    assert stage.pixel_rect((0.1, 0.2, 0.5, 0.5), 100, 50) == (10, 10, 60, 35)


def test_blur_changes_only_the_union_of_the_rects_and_counts_regions():
    rng = np.random.default_rng(0)
    img = rng.integers(0, 255, (100, 200, 3), dtype=np.uint8)
    orig = img.copy()
    rects = [(10, 10, 40, 40), (30, 30, 60, 60), (120, 20, 160, 80)]
    assert stage.blur_rects(img, rects) == 2  # the first two overlap: one region
    changed = np.any(img != orig, axis=2)
    inside = np.zeros((100, 200), bool)
    for x0, y0, x1, y1 in rects:
        inside[y0:y1, x0:x1] = True
    assert not changed[~inside].any() and changed[inside].mean() > 0.9
    assert img[inside].std() < orig[inside].std() / 3  # noise smoothed away
