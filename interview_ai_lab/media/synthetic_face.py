"""Synthetic interview videos of a real face that turns in 3D, with exact ground truth.

The face is NASA's public-domain portrait of Eileen Collins (``skimage.data.astronaut()``).
MediaPipe FaceMesh runs once on it (478 landmarks: x, y in pixels, z depth in the
same pixel scale); a ring of extra points around the face (hair, crown, back of the
head, jaw/neck) gets depths from an ellipsoid-like head model, so the outline of the
head moves too. Each frame rotates the 3-D points about a pivot in the neck (behind
and below the chin) by the pose of that frame, projects them (weak perspective with a
mild perspective factor), and re-renders the photo triangle by triangle (depth
ordered, back faces culled) over a static room. The nose therefore moves against the
eyes and cheeks as in a real head turn, which is what a landmark model needs to see.

A clip is a timeline of events over a gently swaying head::

    truth = make_face_clip("clip.mp4", seconds=12, events=[
        Nod(t=2.0), LookAway(4.0, 6.5, yaw=35), NoFace(8.0, 9.5), Nod(t=10.5)])
    truth.nod_times            # [2.0, 10.5] (seconds, deepest point of each nod)
    truth.eye_contact_ratio    # share of frames facing the camera (no face = no contact)

Conventions (degrees, the applied head pose):
    yaw > 0: the face turns toward the viewer's right (the nose moves to +x in the image);
    pitch > 0: the face looks up, pitch < 0 down (a nod is a pitch dip);
    roll > 0: the top of the head tilts toward the viewer's right.

"Facing the camera" means ``|yaw| <= 15`` and ``|pitch| <= 12`` (defaults of
:func:`make_face_clip`) with a face in the frame.

Generation is fast (the mesh of the astronaut is built once per machine and cached in
the temp folder; a frame renders in a few milliseconds with one ``cv2.remap``).
"""

from __future__ import annotations

import functools
import logging
import math
import os
import subprocess
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

logger = logging.getLogger(__name__)

MODEL_VERSION = "2"

#: Ordered landmark indices of MediaPipe's face oval (closed loop from the forehead top, clockwise in the image).
FACE_OVAL = (10, 338, 297, 332, 284, 251, 389, 356, 454, 323, 361, 288, 397, 365, 379, 378, 400, 377,
             152, 148, 176, 149, 150, 136, 172, 58, 132, 93, 234, 127, 162, 21, 54, 103, 67, 109)
#: Iris landmarks (refine_landmarks=True): right eye 468-472, left eye 473-477 (468/473 = centres).
IRIS = tuple(range(468, 478))


# --------------------------------------------------------------------------------------------- events


class _CentredEvent:
    """An event of ``duration`` seconds centred on ``t``: its ``start`` and ``end`` in seconds."""

    t: float
    duration: float

    @property
    def start(self) -> float:
        return self.t - self.duration / 2

    @property
    def end(self) -> float:
        return self.t + self.duration / 2


@dataclass(frozen=True)
class Nod(_CentredEvent):
    """A head nod: the pitch dips by ``depth`` degrees and comes back up.

    Attributes:
        t: Time of the deepest point in seconds.
        depth: Pitch dip in degrees (downward, positive number).
        duration: Whole down-and-up movement in seconds (raised cosine).
    """

    t: float
    depth: float = 16.0
    duration: float = 0.6


@dataclass(frozen=True)
class LookAway:
    """The head turns away, holds, and comes back.

    Attributes:
        start: Time the turn starts, in seconds.
        end: Time the head is back facing the camera, in seconds.
        yaw: Yaw held during the interval, degrees (e.g. +-30..40 to the side).
        pitch: Pitch held during the interval, degrees (e.g. -25 to look down at notes).
        roll: Roll held during the interval, degrees.
        ramp: Duration of the turn away and of the turn back, seconds (smoothstep).
        eye_yaw: Extra horizontal rotation of the eyes in the head, degrees (iris shift).
        eye_pitch: Extra vertical rotation of the eyes in the head, degrees.
    """

    start: float
    end: float
    yaw: float = 35.0
    pitch: float = 0.0
    roll: float = 0.0
    ramp: float = 0.35
    eye_yaw: float = 0.0
    eye_pitch: float = 0.0


@dataclass(frozen=True)
class Drift:
    """A slow head movement that is not a nod: a raised-cosine bump over the interval.

    Attributes:
        start: Start in seconds.
        end: End in seconds (the pose is back to its baseline).
        yaw: Peak yaw offset at mid-interval, degrees.
        pitch: Peak pitch offset at mid-interval, degrees.
        roll: Peak roll offset at mid-interval, degrees.
    """

    start: float
    end: float
    yaw: float = 0.0
    pitch: float = -6.0
    roll: float = 0.0


@dataclass(frozen=True)
class Blink(_CentredEvent):
    """An eye blink: the upper lids close and reopen (raised cosine).

    Attributes:
        t: Time the eyes are fully closed, seconds.
        duration: Whole close-and-open movement, seconds.
    """

    t: float
    duration: float = 0.25


@dataclass(frozen=True)
class NoFace:
    """Nobody in the frame (the candidate stepped away): only the room is visible.

    Attributes:
        start: Start in seconds.
        end: End in seconds.
    """

    start: float
    end: float


Event = Nod | LookAway | Drift | NoFace | Blink


# --------------------------------------------------------------------------------------------- truth


def _intervals(mask: np.ndarray, fps: float) -> list[tuple[float, float]]:
    """Maximal runs of True frames as ``(start_s, end_s)``; frame i covers [i/fps, (i+1)/fps)."""
    out: list[tuple[float, float]] = []
    m = np.concatenate([[False], np.asarray(mask, bool), [False]])
    d = np.diff(m.astype(np.int8))
    for a, b in zip(np.flatnonzero(d == 1), np.flatnonzero(d == -1)):
        out.append((round(a / fps, 4), round(b / fps, 4)))
    return out


@dataclass
class FaceClipTruth:
    """Ground truth of a generated clip.

    Attributes:
        path: The MP4 file.
        fps: Frame rate, frames per second.
        size: (width, height) in pixels.
        seconds: Duration in seconds (n_frames / fps).
        yaw: Applied yaw per frame, degrees (see the module conventions).
        pitch: Applied pitch per frame, degrees.
        roll: Applied roll per frame, degrees.
        eye_yaw: Applied rotation of the eyes in the head per frame, degrees.
        face_present: Candidate in the frame, per frame.
        facing: Candidate present and facing the camera (|yaw| <= facing_yaw_deg and
            |pitch| <= facing_pitch_deg), per frame.
        face_boxes: Candidate's face-oval box per frame (x0, y0, x1, y1) in pixels, NaN when absent.
        nod_times: Time of the deepest point of each nod, seconds.
        lookaway_intervals: The LookAway events as ``(start_s, end_s)``.
        noface_intervals: The NoFace events as ``(start_s, end_s)``.
        blink_times: Time each blink has the eyes closed, seconds.
        second_face_box: Box (x0, y0, x1, y1) of the face in the picture on the wall, or None.
        facing_yaw_deg: Yaw limit of "facing", degrees.
        facing_pitch_deg: Pitch limit of "facing", degrees.
        events: The events the clip was made from.
        has_audio: An audio track was written.
    """

    path: Path
    fps: float
    size: tuple[int, int]
    seconds: float
    yaw: np.ndarray
    pitch: np.ndarray
    roll: np.ndarray
    eye_yaw: np.ndarray
    face_present: np.ndarray
    facing: np.ndarray
    face_boxes: np.ndarray
    nod_times: list[float]
    lookaway_intervals: list[tuple[float, float]]
    noface_intervals: list[tuple[float, float]]
    blink_times: list[float]
    second_face_box: tuple[int, int, int, int] | None
    facing_yaw_deg: float
    facing_pitch_deg: float
    events: list[Any] = field(default_factory=list)
    has_audio: bool = False

    @property
    def n_frames(self) -> int:
        """Number of frames in the clip."""
        return int(len(self.yaw))

    @property
    def times(self) -> np.ndarray:
        """Start time of each frame in seconds."""
        return np.arange(self.n_frames) / self.fps

    @property
    def nod_count(self) -> int:
        """Number of nods the clip plays (one per entry of ``nod_times``)."""
        return len(self.nod_times)

    @property
    def eye_contact_ratio(self) -> float:
        """Frames facing the camera / all frames (frames without a face count as no contact)."""
        return float(self.facing.mean()) if self.n_frames else 0.0

    @property
    def face_present_ratio(self) -> float:
        """Frames with the candidate in view / all frames."""
        return float(self.face_present.mean()) if self.n_frames else 0.0

    @property
    def face_present_intervals(self) -> list[tuple[float, float]]:
        """Maximal intervals with the candidate in view, seconds."""
        return _intervals(self.face_present, self.fps)

    @property
    def not_facing_intervals(self) -> list[tuple[float, float]]:
        """Maximal intervals with the candidate present but not facing the camera, seconds."""
        return _intervals(self.face_present & ~self.facing, self.fps)

    def frame_at(self, t: float | np.ndarray) -> np.ndarray:
        """Index of the frame shown at time ``t`` (seconds)."""
        return np.clip(np.floor(np.asarray(t) * self.fps + 1e-6).astype(int), 0, self.n_frames - 1)

    def eye_contact_at(self, times: Sequence[float] | np.ndarray) -> float:
        """Eye-contact ratio over the frames shown at ``times`` (e.g. an analyser's sampling grid)."""
        idx = self.frame_at(np.asarray(times, float))
        return float(self.facing[idx].mean()) if len(idx) else 0.0

    def to_dict(self) -> dict[str, Any]:
        """JSON-friendly summary (per-frame arrays included as lists)."""
        return {
            "path": str(self.path), "fps": self.fps, "size": list(self.size), "seconds": self.seconds,
            "n_frames": self.n_frames, "nod_times": self.nod_times, "nod_count": self.nod_count,
            "eye_contact_ratio": round(self.eye_contact_ratio, 4),
            "face_present_ratio": round(self.face_present_ratio, 4),
            "face_present_intervals": self.face_present_intervals,
            "lookaway_intervals": self.lookaway_intervals, "noface_intervals": self.noface_intervals,
            "blink_times": self.blink_times,
            "not_facing_intervals": self.not_facing_intervals,
            "second_face_box": list(self.second_face_box) if self.second_face_box else None,
            "facing_yaw_deg": self.facing_yaw_deg, "facing_pitch_deg": self.facing_pitch_deg,
            "has_audio": self.has_audio,
            "yaw": np.round(self.yaw, 2).tolist(), "pitch": np.round(self.pitch, 2).tolist(),
            "roll": np.round(self.roll, 2).tolist(), "face_present": self.face_present.tolist(),
            "facing": self.facing.tolist(),
        }


# --------------------------------------------------------------------------------------------- timeline


@dataclass(frozen=True)
class PoseTrack:
    """Head pose per frame (degrees) and presence, before any rendering.

    Attributes:
        yaw, pitch, roll: Head rotation per frame, degrees.
        eye_yaw, eye_pitch: Eye rotation in the head per frame, degrees.
        present: Candidate in the frame, per frame.
        blink: Eye closure per frame, 0 (open) to 1 (closed).
    """

    yaw: np.ndarray
    pitch: np.ndarray
    roll: np.ndarray
    eye_yaw: np.ndarray
    eye_pitch: np.ndarray
    present: np.ndarray
    blink: np.ndarray


def _smoothstep(x: np.ndarray) -> np.ndarray:
    x = np.clip(x, 0.0, 1.0)
    return x * x * (3 - 2 * x)


def _sway(t: np.ndarray, amp: float, rng: np.random.Generator) -> np.ndarray:
    """Slow natural sway: three incommensurate sines (0.07-0.35 Hz), peak about ``amp`` degrees."""
    if amp <= 0:
        return np.zeros_like(t)
    freqs = rng.uniform([0.07, 0.13, 0.22], [0.11, 0.2, 0.35])
    phases = rng.uniform(0, 2 * np.pi, 3)
    weights = np.array([1.0, 0.6, 0.3])
    s = sum(w * np.sin(2 * np.pi * f * t + p) for w, f, p in zip(weights, freqs, phases))
    return amp * s / weights.sum() * 1.6


def pose_track(*, seconds: float, fps: float, events: Iterable[Event] = (), sway_deg: float = 2.0,
               base_pose: tuple[float, float, float] = (0.0, 0.0, 0.0), seed: int = 0) -> PoseTrack:
    """Head pose of every frame of a clip (pure; no rendering).

    Args:
        seconds: Clip duration in seconds.
        fps: Frames per second.
        events: Nods, look-aways, drifts and no-face intervals.
        sway_deg: Peak of the slow natural sway, degrees (pitch and roll sway at 60% of it).
        base_pose: Resting (yaw, pitch, roll) of the head, degrees, added to everything else.
        seed: Seed of the sway.

    Returns:
        The per-frame pose; frame i is shown at ``i / fps`` seconds.
    """
    n = int(round(seconds * fps))
    t = np.arange(n) / fps
    rng = np.random.default_rng(seed)
    yaw = base_pose[0] + _sway(t, sway_deg, rng)
    pitch = base_pose[1] + _sway(t, 0.6 * sway_deg, rng)
    roll = base_pose[2] + _sway(t, 0.6 * sway_deg, rng)
    eye_yaw = np.zeros(n)
    eye_pitch = np.zeros(n)
    present = np.ones(n, bool)
    blink = np.zeros(n)
    for ev in events:
        if isinstance(ev, Nod):
            u = (t - ev.start) / ev.duration
            bump = np.where((u >= 0) & (u <= 1), 0.5 * (1 - np.cos(2 * np.pi * u)), 0.0)
            pitch = pitch - ev.depth * bump
        elif isinstance(ev, LookAway):
            ramp = min(ev.ramp, (ev.end - ev.start) / 2)
            env = _smoothstep((t - ev.start) / ramp) * _smoothstep((ev.end - t) / ramp)
            yaw = yaw + ev.yaw * env
            pitch = pitch + ev.pitch * env
            roll = roll + ev.roll * env
            eye_yaw = eye_yaw + ev.eye_yaw * env
            eye_pitch = eye_pitch + ev.eye_pitch * env
        elif isinstance(ev, Drift):
            u = (t - ev.start) / (ev.end - ev.start)
            bump = np.where((u >= 0) & (u <= 1), 0.5 * (1 - np.cos(2 * np.pi * u)), 0.0)
            yaw, pitch, roll = yaw + ev.yaw * bump, pitch + ev.pitch * bump, roll + ev.roll * bump
        elif isinstance(ev, NoFace):
            present &= ~((t >= ev.start) & (t < ev.end))
        elif isinstance(ev, Blink):
            u = (t - ev.start) / ev.duration
            blink = np.maximum(blink, np.where((u >= 0) & (u <= 1), 0.5 * (1 - np.cos(2 * np.pi * u)), 0.0))
        else:
            raise TypeError(f"unknown event {ev!r}")
    return PoseTrack(yaw, pitch, roll, eye_yaw, eye_pitch, present, blink)


def _check_events(events: Sequence[Event], seconds: float) -> None:
    nods = sorted((e for e in events if isinstance(e, Nod)), key=lambda e: e.t)
    for a, b in zip(nods, nods[1:]):
        if b.start < a.end:
            raise ValueError(f"nods overlap: {a} and {b}")
    for e in events:
        if e.start < 0 or e.end > seconds + 1e-9 or e.end <= e.start:
            raise ValueError(f"event outside the clip (0-{seconds} s) or empty: {e}")
    blocked = [e for e in events if isinstance(e, (NoFace, LookAway))]
    for nod in nods:
        for e in blocked:
            if nod.start < e.end and e.start < nod.end:
                raise ValueError(f"nod {nod} overlaps {e}: its truth would be ambiguous")


# --------------------------------------------------------------------------------------------- face model


@dataclass(frozen=True)
class FaceModel:
    """Textured 3-D head of the astronaut (source pixel units; x right, y down, z away from the camera).

    Attributes:
        image: Source photo, RGB uint8 (512x512).
        alpha: Person mask of the photo (MediaPipe selfie segmentation), float32 0-1.
        landmarks: The 478 FaceMesh landmarks (x, y, z) in source pixels.
        verts: Mesh vertices (N, 3); the first 478 are the landmarks.
        uv: Texture coordinate of each vertex in the photo (N, 2), pixels.
        tris: Triangles (M, 3), wound counter-clockwise on screen when they face the camera.
        back: Per triangle, True for the back of the head (drawn only when it faces the camera; the
            rest is drawn in depth order whatever its facing, which covers the folds of the 2.5-D face).
        pivot: Rotation centre in the neck (3,).
        normals: Unit outward normal of each vertex (N, 3) at rest (the face's point toward -z, the camera).
        texture: BGRA texture of the head: the photo, opaque inside the head's outline (the bits of
            backdrop inside it, e.g. under the ends of the hair, are filled from around them), the
            person mask's soft edge outside.
        torso: The photo with a shaded neck where the head was (RGB uint8), for the static body layer.
        torso_alpha: Alpha of the body layer (person mask without the head), float32.
        face_box: Face-oval box (x0, y0, x1, y1) in source pixels.
        head_box: Whole-head box (hair included) in source pixels.
    """

    image: np.ndarray
    alpha: np.ndarray
    landmarks: np.ndarray
    verts: np.ndarray
    uv: np.ndarray
    tris: np.ndarray
    back: np.ndarray
    pivot: np.ndarray
    normals: np.ndarray
    texture: np.ndarray
    torso: np.ndarray
    torso_alpha: np.ndarray
    face_box: tuple[float, float, float, float]
    head_box: tuple[float, float, float, float]

    @property
    def face_width(self) -> float:
        """Width of the face oval in source pixels."""
        return self.face_box[2] - self.face_box[0]


def _cache_file() -> Path:
    return Path(tempfile.gettempdir()) / f"interview-ai-lab-astronaut-mesh-v{MODEL_VERSION}.npz"


def _run_mediapipe(image: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """MediaPipe's view of ``image`` (RGB): face landmarks, a person mask and the tessellation's edges.

    Returns the face-mesh landmarks (478, 3) in pixels, a person mask of ``image`` (0-1), and the edges
    (E, 2) of MediaPipe's face tessellation.

    With mediapipe 0.10.x (``mediapipe.solutions``): FaceMesh and the selfie-segmentation mask. With
    mediapipe 1.x (Tasks only, no segmentation model packaged): the Tasks FaceLandmarker and a GrabCut
    person mask seeded with the face outline (:func:`_grabcut_mask`).
    """
    import mediapipe as mp
    from mediapipe.tasks.python import vision

    h, w = image.shape[:2]
    edges = np.array(sorted(tuple(sorted((c.start, c.end)))
                            for c in vision.FaceLandmarksConnections.FACE_LANDMARKS_TESSELATION), np.int32)
    solutions = getattr(mp, "solutions", None)
    if solutions is not None and hasattr(solutions, "selfie_segmentation"):
        with solutions.face_mesh.FaceMesh(static_image_mode=True, refine_landmarks=True, max_num_faces=1) as fm:
            res = fm.process(image)
        if not res.multi_face_landmarks:
            raise RuntimeError("MediaPipe found no face in skimage.data.astronaut()")
        lm = np.array([[p.x * w, p.y * h, p.z * w] for p in res.multi_face_landmarks[0].landmark], np.float64)
        with solutions.selfie_segmentation.SelfieSegmentation(model_selection=0) as ss:
            mask = ss.process(image).segmentation_mask.astype(np.float32)
        return lm, mask, edges
    from mediapipe.tasks.python import BaseOptions

    from interview_ai_lab.runtime.model_resolver import resolve_face_landmarker

    # MediaPipe's public Tasks API directly (media sits below vision in the package's layers).
    opts = vision.FaceLandmarkerOptions(base_options=BaseOptions(model_asset_path=str(resolve_face_landmarker().path)),
                                        running_mode=vision.RunningMode.IMAGE, num_faces=1)
    rgb = mp.Image(image_format=mp.ImageFormat.SRGB, data=np.ascontiguousarray(image, dtype=np.uint8))
    with vision.FaceLandmarker.create_from_options(opts) as lmk:
        faces = lmk.detect(rgb).face_landmarks
    if not faces:
        raise RuntimeError("MediaPipe found no face in skimage.data.astronaut()")
    xyz = np.array([(p.x, p.y, p.z) for p in faces[0]], np.float64) * (w, h, w)
    lm = xyz.astype(np.float32).astype(np.float64)  # the float32 pixels the vision layer reads
    return lm, _grabcut_mask(image, lm), edges


def _grabcut_mask(image: np.ndarray, lm: np.ndarray) -> np.ndarray:
    """A 0/1 person mask of ``image`` (RGB) by OpenCV GrabCut.

    The face outline is sure foreground, a head-and-shoulders window around it probable, everything else
    background.
    """
    import cv2

    h, w = image.shape[:2]
    oval = lm[list(FACE_OVAL), :2]
    c = oval.mean(0)
    fw = float(oval[:, 0].max() - oval[:, 0].min())
    seed = np.full((h, w), cv2.GC_BGD, np.uint8)
    x0, x1 = int(max(0, c[0] - 1.6 * fw)), int(min(w, c[0] + 1.6 * fw))
    y0, y1 = int(max(0, c[1] - 1.7 * fw)), h
    seed[y0:y1, x0:x1] = cv2.GC_PR_FGD
    cv2.fillConvexPoly(seed, cv2.convexHull(oval.astype(np.int32)), cv2.GC_FGD)
    chin = lm[152, :2]  # neck and chest below the chin: sure foreground too (the suit's dark collar)
    seed[int(chin[1]):, int(max(0, c[0] - 0.9 * fw)):int(min(w, c[0] + 0.9 * fw))] = cv2.GC_FGD
    bgd, fgd = np.zeros((1, 65), np.float64), np.zeros((1, 65), np.float64)
    cv2.setRNGSeed(0)
    cv2.grabCut(cv2.cvtColor(image, cv2.COLOR_RGB2BGR), seed, None, bgd, fgd, 5, cv2.GC_INIT_WITH_MASK)
    return np.isin(seed, (cv2.GC_FGD, cv2.GC_PR_FGD)).astype(np.float32)


def _mediapipe_facts(image: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """:func:`_run_mediapipe`, cached in the temp folder.

    The cache is shared by the processes of a machine, so that a clip is made without even importing
    MediaPipe once it exists.
    """
    path = _cache_file()
    if path.exists():
        try:
            with np.load(path) as z:
                return z["landmarks"], z["mask"], z["edges"]
        except (OSError, ValueError, KeyError) as e:  # a damaged cache is rebuilt
            logger.debug("ignoring bad mesh cache %s: %s", path, e)
    lm, mask, edges = _run_mediapipe(image)
    fd, tmp = tempfile.mkstemp(prefix=path.stem, suffix=".npz", dir=path.parent)
    os.close(fd)
    try:
        np.savez_compressed(tmp, landmarks=lm, mask=mask, edges=edges)
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return lm, mask, edges


def _ray_extent(mask: np.ndarray, c: np.ndarray, u: np.ndarray, r0: float, rmax: float) -> float:
    """Distance from ``c`` along unit ``u`` (starting at ``r0``) to where ``mask`` drops below 0.5."""
    h, w = mask.shape
    rs = np.arange(r0, rmax, 0.5)
    q = c[None, :] + rs[:, None] * u[None, :]
    xi = np.clip(q[:, 0].round().astype(int), 0, w - 1)
    yi = np.clip(q[:, 1].round().astype(int), 0, h - 1)
    out = np.flatnonzero(mask[yi, xi] < 0.5)
    return float(rs[out[0]]) if len(out) else float(rmax)


@functools.lru_cache(maxsize=1)
def face_model() -> FaceModel:
    """Build (once per process) the textured head mesh of ``skimage.data.astronaut()``."""
    from skimage import data

    image = np.ascontiguousarray(data.astronaut()[..., :3])
    lm, mask, tess = _mediapipe_facts(image)
    oval = lm[list(FACE_OVAL)]
    c = oval[:, :2].mean(0)
    fw = float(oval[:, 0].max() - oval[:, 0].min())
    chin_y = float(lm[152, 1])
    z_side = float((lm[234, 2] + lm[454, 2]) / 2)  # depth of the face outline at the ears
    zc = z_side + 0.05 * fw  # plane of the head's silhouette
    rel = oval[:, :2] - c
    r_o = np.linalg.norm(rel, axis=1)
    u = rel / r_o[:, None]
    down = u[:, 1]  # 1 = straight down (chin), -1 = straight up
    r_seg = np.array([_ray_extent(mask, c, u[i], r_o[i], 2.4 * r_o[i]) for i in range(len(oval))])
    k_hair = np.clip(r_seg / r_o, 1.08, 2.3)
    # circular median of three to remove spikes of the mask
    k_hair = np.median(np.stack([np.roll(k_hair, 1), k_hair, np.roll(k_hair, -1)]), axis=0)
    # rays through hair (top and sides, where the person mask reaches well beyond the face outline);
    # the others go through the jaw, chin and neck
    hair = (down < 0.35) & (k_hair >= 1.2)
    k_out = np.where(hair, k_hair, 1.02)

    verts: list[np.ndarray] = [lm]
    uvs: list[np.ndarray] = [lm[:, :2]]
    ring_idx: list[np.ndarray] = []
    base = len(lm)
    # front rings between the face outline and the silhouette (height field seen from the camera)
    for frac in (0.35, 0.7, 1.0):
        k = 1 + frac * (k_out - 1)
        xy = c + (r_o * k)[:, None] * u
        # ellipse profile from the outline depth to the silhouette plane (hair); tucked back under the jaw
        z_hair = zc - (zc - oval[:, 2]) * np.sqrt(max(0.0, 1 - frac ** 2))
        # jaw and chin: the side of the jaw turns back toward the neck, nearly edge-on at rest; its texture
        # is the skin just inside the outline (the frontal photo has none of the side of the face)
        z_jaw = oval[:, 2] + frac * 0.3 * fw
        z = np.where(hair, z_hair, z_jaw)
        uv = np.where(hair[:, None], xy, c + (r_o * (0.97 - 0.12 * frac))[:, None] * u)
        verts.append(np.column_stack([xy, z]))
        uvs.append(uv)
        ring_idx.append(np.arange(base, base + len(oval)))
        base += len(oval)
    sil = ring_idx[-1]
    # back of the head: two rings curving away behind the silhouette (keeps the head's width when it turns)
    half_w = 0.5 * float(np.ptp(verts[-1][:, 0]))
    back_rings: list[np.ndarray] = []
    for ang in (35.0, 70.0):
        a = math.radians(ang)
        r_back = r_o * k_out * math.cos(a) * 0.92
        xy = c + r_back[:, None] * u
        z = np.full(len(oval), zc + half_w * math.sin(a))
        uv = c + (r_o * (1 + (k_out - 1) * (0.85 if ang < 50 else 0.7)))[:, None] * u
        verts.append(np.column_stack([xy, z]))
        uvs.append(uv)
        back_rings.append(np.arange(base, base + len(oval)))
        base += len(oval)
    V = np.concatenate(verts).astype(np.float64)
    UV = np.concatenate(uvs).astype(np.float32)

    # face: MediaPipe's own tessellation, its eye and mouth openings filled (iris points included)
    tris = [_orient(_face_triangles(lm, tess), V, front=True)]
    # rings: quads between consecutive rings (oval -> ... -> silhouette), then the back of the head (hair rays)
    n = len(oval)
    oval_idx = np.array(FACE_OVAL)
    front, band = [], []
    chain = [oval_idx, *ring_idx]
    for r1, r2 in zip(chain, chain[1:]):
        for i in range(n):
            j = (i + 1) % n
            front += [[r1[i], r1[j], r2[j]], [r1[i], r2[j], r2[i]]]
    rings = [sil, *back_rings]
    for r1, r2 in zip(rings, rings[1:]):
        for i in range(n):
            j = (i + 1) % n
            if hair[i] and hair[j]:
                band += [[r1[i], r1[j], r2[j]], [r1[i], r2[j], r2[i]]]
    tris.append(_orient(np.array(front), V, front=True))
    if band:
        tris.append(_orient(np.array(band), V, front=False))
    T = np.concatenate(tris).astype(np.int32)
    back = np.zeros(len(T), bool)
    back[len(T) - len(band):] = True
    normals = _vertex_normals(V, T)

    outline = V[sil, :2].astype(np.float32)
    pivot = np.array([c[0], chin_y + 0.25 * fw, zc + 0.05 * fw])
    torso, torso_alpha = _body_layer(image, mask, lm, outline, fw)
    texture = _head_texture(image, mask, outline)
    face_box = (float(oval[:, 0].min()), float(oval[:, 1].min()), float(oval[:, 0].max()), float(oval[:, 1].max()))
    head_box = (float(outline[:, 0].min()), float(outline[:, 1].min()),
                float(outline[:, 0].max()), float(outline[:, 1].max()))
    return FaceModel(image=image, alpha=mask, landmarks=lm, verts=V, uv=UV, tris=T, back=back, pivot=pivot,
                     normals=normals, texture=texture, torso=torso, torso_alpha=torso_alpha.astype(np.float32),
                     face_box=face_box, head_box=head_box)


def _face_triangles(lm: np.ndarray, tess: np.ndarray) -> np.ndarray:
    """Triangles of the face: MediaPipe's tessellation (3-cycles of its edges) plus its openings filled.

    The tessellation has openings at the eyes and inside the lips; each is triangulated (Delaunay over its
    outline, with the iris landmarks inside the eyes) so that the eyes and the smile are drawn too.
    """
    import itertools
    from collections import Counter

    import cv2
    from scipy.spatial import Delaunay

    edges = {(int(a), int(b)) for a, b in tess}
    adj: dict[int, set[int]] = {}
    for a, b in edges:
        adj.setdefault(a, set()).add(b)
        adj.setdefault(b, set()).add(a)
    cycles = {tuple(sorted((a, b, c))) for a, b in edges for c in adj[a] & adj[b]}
    count = Counter(e for t in cycles for e in itertools.combinations(t, 2))
    # a 3-cycle whose three edges all border three cycles is not a face of the mesh
    faces = [t for t in cycles if not all(count[e] == 3 for e in itertools.combinations(t, 2))]
    count = Counter(e for t in faces for e in itertools.combinations(t, 2))
    border = [e for e, k in count.items() if k == 1]
    nbr: dict[int, list[int]] = {}
    for a, b in border:
        nbr.setdefault(a, []).append(b)
        nbr.setdefault(b, []).append(a)
    oval = set(FACE_OVAL)
    seen: set[int] = set()
    out = [np.array(faces)]
    for start in nbr:
        if start in seen or start in oval:
            continue
        loop, prev, cur = [start], -1, start
        seen.add(start)
        while True:
            nxt = next((v for v in nbr[cur] if v != prev and (v not in seen or v == start)), None)
            if nxt is None or nxt == start:
                break
            loop.append(nxt)
            seen.add(nxt)
            prev, cur = cur, nxt
        poly = lm[loop, :2].astype(np.float32)
        inner = [i for i in IRIS if cv2.pointPolygonTest(poly, (float(lm[i, 0]), float(lm[i, 1])), False) > 0]
        idx = np.array(loop + inner)
        tri = Delaunay(lm[idx, :2]).simplices
        cen = lm[idx[tri], :2].mean(1)
        ok = [cv2.pointPolygonTest(poly, (float(x), float(y)), False) >= 0 for x, y in cen]
        out.append(idx[tri[np.array(ok, bool)]])
    return np.concatenate(out).astype(np.int64)


def _head_texture(image: np.ndarray, mask: np.ndarray, outline: np.ndarray) -> np.ndarray:
    """BGRA texture of the head (see :class:`FaceModel`)."""
    import cv2

    poly = np.zeros(mask.shape, np.uint8)
    cv2.fillPoly(poly, [outline.round().astype(np.int32)], 255)
    poly = cv2.erode(poly, np.ones((3, 3), np.uint8))
    # fill the backdrop around the head from the hair and skin next to it (the area to fill reaches
    # well outside the outline, so the fill inside it comes from the person, not from the backdrop)
    near = cv2.dilate(poly, np.ones((25, 25), np.uint8))
    fill = ((near > 0) & (mask < 0.97)).astype(np.uint8) * 255
    bgr = np.ascontiguousarray(image[..., ::-1])
    if fill.any():
        bgr = cv2.inpaint(bgr, cv2.dilate(fill, np.ones((3, 3), np.uint8)), 7, cv2.INPAINT_TELEA)
    alpha = np.maximum(mask, cv2.GaussianBlur(poly.astype(np.float32) / 255, (0, 0), 0.8))
    return np.ascontiguousarray(np.dstack([bgr, (alpha * 255 + 0.5).astype(np.uint8)]))


def _body_layer(image: np.ndarray, mask: np.ndarray, lm: np.ndarray, outline: np.ndarray,
                fw: float) -> tuple[np.ndarray, np.ndarray]:
    """The static body (RGB, alpha): the photo without its head, and a shaded neck where the head was.

    The neck (a tapered, shaded skin cylinder from ear level to the collar) shows where a turned or
    nodding head uncovers it; the rest of the old head area is transparent (the room shows through).
    """
    import cv2

    h, w = mask.shape
    head = np.zeros((h, w), np.uint8)
    cv2.fillPoly(head, [outline.round().astype(np.int32)], 255)
    head = cv2.dilate(head, np.ones((5, 5), np.uint8)) > 0
    skin_pts = lm[[50, 280, 205, 425, 36, 266], :2].round().astype(int)
    skin = np.median(np.stack([image[y - 2:y + 3, x - 2:x + 3].reshape(-1, 3) for x, y in skin_pts]).reshape(-1, 3),
                     axis=0).astype(np.float32)
    cx = float(lm[[234, 454], 0].mean())
    y_top, y_bot = float(lm[[234, 454], 1].mean()), float(lm[152, 1] + 0.45 * fw)
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    v = np.clip((yy - y_top) / (y_bot - y_top), 0, 1)
    half = (0.42 - 0.12 * v) * fw
    across = (xx - cx) / half  # -1..1 across the neck
    inside = (np.abs(across) <= 1) & (yy >= y_top) & (yy <= y_bot)
    shade = (0.55 + 0.25 * np.sqrt(np.clip(1 - across ** 2, 0, 1))) * (0.8 + 0.2 * v)
    neck = skin[None, None, :] * shade[..., None]
    body = image.astype(np.float32).copy()
    body[head] = 0
    body[head & inside] = neck[head & inside]
    alpha = mask.copy()
    alpha[head] = 0.0
    # the soft fringe of the hair in the person mask, around the head's outline, goes too
    fringe = cv2.dilate(head.astype(np.uint8), np.ones((15, 15), np.uint8)) > 0
    alpha[fringe & (yy < float(lm[[58, 288], 1].mean()))] = 0.0
    alpha[head & inside] = 1.0
    alpha = cv2.GaussianBlur(alpha, (0, 0), 1.2)
    return np.clip(body, 0, 255).astype(np.uint8), alpha.astype(np.float32)


def _vertex_normals(V: np.ndarray, T: np.ndarray, smooth: int = 6) -> np.ndarray:
    """Area-weighted outward vertex normals (triangles are wound so that -cross(b-a, c-a) points outward)."""
    a, b, c = V[T[:, 0]], V[T[:, 1]], V[T[:, 2]]
    fn = -np.cross(b - a, c - a)
    n = np.zeros_like(V)
    for k in range(3):
        np.add.at(n, T[:, k], fn)
    n /= np.maximum(np.linalg.norm(n, axis=1, keepdims=True), 1e-9)
    # smooth over the mesh (the landmark depths are noisy at the scale of a triangle)
    edges = np.concatenate([T[:, [0, 1]], T[:, [1, 2]], T[:, [2, 0]]])
    for _ in range(smooth):
        acc = n.copy()
        np.add.at(acc, edges[:, 0], n[edges[:, 1]])
        np.add.at(acc, edges[:, 1], n[edges[:, 0]])
        n = acc / np.maximum(np.linalg.norm(acc, axis=1, keepdims=True), 1e-9)
    return n


def _signed_area(p: np.ndarray, tri: np.ndarray) -> np.ndarray:
    a, b, c = p[tri[:, 0]], p[tri[:, 1]], p[tri[:, 2]]
    return (b[:, 0] - a[:, 0]) * (c[:, 1] - a[:, 1]) - (b[:, 1] - a[:, 1]) * (c[:, 0] - a[:, 0])


def _orient(tri: np.ndarray, V: np.ndarray, *, front: bool) -> np.ndarray:
    """Wind triangles so that camera-facing ones have positive screen area (back ones negative at rest)."""
    area = _signed_area(V[:, :2], tri)
    flip = area < 0 if front else area > 0
    tri = tri.copy()
    tri[flip] = tri[flip][:, [0, 2, 1]]
    return tri


# --------------------------------------------------------------------------------------------- rendering


def rotation(yaw: float, pitch: float, roll: float) -> np.ndarray:
    """3x3 rotation (image axes: x right, y down, z away) applying yaw, then pitch, then roll (degrees)."""
    y, p, r = (math.radians(v) for v in (yaw, pitch, roll))
    ry = np.array([[math.cos(y), 0, -math.sin(y)], [0, 1, 0], [math.sin(y), 0, math.cos(y)]])
    rp = np.array([[1, 0, 0], [0, math.cos(p), math.sin(p)], [0, -math.sin(p), math.cos(p)]])
    rr = np.array([[math.cos(r), -math.sin(r), 0], [math.sin(r), math.cos(r), 0], [0, 0, 1]])
    return rr @ rp @ ry


class FaceRenderer:
    """Renders frames of the astronaut in a room at a given head pose.

    Args:
        size: Output (width, height) in pixels.
        second_face: Hang a framed photo of the same face on the wall (a face that is not the candidate).
        face_width_frac: Width of the candidate's face oval as a share of the frame width.
        focal: Focal length in source pixels of the mild perspective (larger = flatter).
        shading: Relight the turned head (a side turning away from the light darkens).
        seed: Seed of the room's texture.
    """

    def __init__(self, *, size: tuple[int, int] = (640, 480), second_face: bool = False,
                 face_width_frac: float = 0.25, focal: float = 900.0, shading: bool = True, seed: int = 0) -> None:
        import cv2

        self.model = m = face_model()
        self.size = (int(size[0]), int(size[1]))
        w, h = self.size
        self.focal = focal
        self.shading = shading
        self.scale = face_width_frac * w / m.face_width  # output px per source px
        fc = np.array([(m.face_box[0] + m.face_box[2]) / 2, (m.face_box[1] + m.face_box[3]) / 2])
        self.offset = np.array([0.5 * w, 0.46 * h]) - self.scale * fc  # out = scale * src + offset
        self.room, self.second_face_box = _room(w, h, second_face=second_face, seed=seed, model=m)
        aff = np.array([[self.scale, 0, self.offset[0]], [0, self.scale, self.offset[1]]], np.float32)
        torso = cv2.warpAffine(m.torso[..., ::-1], aff, (w, h), flags=cv2.INTER_LINEAR)
        ta = cv2.warpAffine(m.torso_alpha, aff, (w, h), flags=cv2.INTER_LINEAR)[..., None]
        self._lids = _lid_map(m.landmarks)
        self._lid_uv = (np.array(_UPPER_LIDS).ravel(), np.array(_LID_CREASES).ravel())
        self.static = np.clip(self.room * (1 - ta) + torso * ta + 0.5, 0, 255).astype(np.uint8)
        self.empty = np.clip(self.room + 0.5, 0, 255).astype(np.uint8)

    def project(self, yaw: float, pitch: float, roll: float, eye_yaw: float = 0.0,
                eye_pitch: float = 0.0, blink: float = 0.0) -> tuple[np.ndarray, np.ndarray]:
        """Output-pixel positions (N, 2) and depths (N,) of the mesh vertices at this pose."""
        m = self.model
        V = m.verts.copy()
        if eye_yaw or eye_pitch:
            V[list(IRIS), :2] += _iris_shift(m.landmarks, eye_yaw, eye_pitch)
        if blink > 0:  # lower the upper lids (and squeeze the irises) onto the lower lids
            idx, y_low, drop = self._lids
            V[idx, 1] = y_low + (V[idx, 1] - y_low) * (1 - drop * min(blink, 1.0))
        R = rotation(yaw, pitch, roll)
        P = (V - m.pivot) @ R.T
        z_ref = float(m.landmarks[list(FACE_OVAL), 2].mean() - m.pivot[2])  # the face outline keeps its size
        persp = (self.focal + z_ref) / (self.focal + P[:, 2])
        xy = (P[:, :2] * persp[:, None] + m.pivot[:2]) * self.scale + self.offset
        return xy, P[:, 2]

    def landmarks(self, yaw: float, pitch: float, roll: float) -> np.ndarray:
        """Where the 478 FaceMesh landmarks land in the output at this pose (pixels)."""
        return self.project(yaw, pitch, roll)[0][:478]

    def face_box(self, yaw: float, pitch: float, roll: float) -> tuple[float, float, float, float]:
        """Box (x0, y0, x1, y1) of the projected face oval, output pixels."""
        p = self.project(yaw, pitch, roll)[0][list(FACE_OVAL)]
        return (float(p[:, 0].min()), float(p[:, 1].min()), float(p[:, 0].max()), float(p[:, 1].max()))

    def render(self, yaw: float = 0.0, pitch: float = 0.0, roll: float = 0.0, *, present: bool = True,
               eye_yaw: float = 0.0, eye_pitch: float = 0.0, blink: float = 0.0) -> np.ndarray:
        """One frame at this pose (degrees), BGR uint8 (H, W, 3); the empty room when not ``present``."""
        import cv2

        if not present:
            return self.empty.copy()
        m = self.model
        w, h = self.size
        xy, depth = self.project(yaw, pitch, roll, eye_yaw, eye_pitch, blink)
        uv = m.uv
        if blink > 0:  # the closing lid shows lid skin, not the lashes stretched over the eye
            uv = uv.copy()
            margin, crease = self._lid_uv
            uv[margin] += (uv[crease] - uv[margin]) * (0.7 * min(blink, 1.0))
        area = _signed_area(xy, m.tris)
        keep = np.flatnonzero(np.where(m.back, area > 1e-3, np.abs(area) > 1e-3))
        tris = m.tris[keep]
        tris = tris[np.argsort(-depth[tris].mean(1), kind="stable")]  # painter's order: far first
        x0 = max(int(np.floor(xy[:, 0].min())) - 2, 0)
        y0 = max(int(np.floor(xy[:, 1].min())) - 2, 0)
        x1 = min(int(np.ceil(xy[:, 0].max())) + 3, w)
        y1 = min(int(np.ceil(xy[:, 1].max())) + 3, h)
        frame = self.static.copy()
        if x1 <= x0 or y1 <= y0:
            return frame
        n_tri = len(tris)
        ids = np.full((y1 - y0, x1 - x0), n_tri, np.int32)  # n_tri = nothing drawn there
        tri_pts = np.round((xy - [x0, y0]) * 16).astype(np.int32)[tris]
        fill, line = cv2.fillConvexPoly, cv2.LINE_8
        for k in range(n_tri):
            fill(ids, tri_pts[k], k, line, 4)
        # affine map screen -> texture of every triangle (+ a last one that maps outside the texture)
        a, b, c = xy[tris[:, 0]] - [x0, y0], xy[tris[:, 1]] - [x0, y0], xy[tris[:, 2]] - [x0, y0]
        ua, ub, uc = uv[tris[:, 0]], uv[tris[:, 1]], uv[tris[:, 2]]
        s00, s01, s10, s11 = b[:, 0] - a[:, 0], c[:, 0] - a[:, 0], b[:, 1] - a[:, 1], c[:, 1] - a[:, 1]
        det = s00 * s11 - s01 * s10
        det = np.where(np.abs(det) < 1e-9, 1e-9, det)
        i00, i01, i10, i11 = s11 / det, -s01 / det, -s10 / det, s00 / det
        coef = np.zeros((9 if self.shading else 6, n_tri + 1), np.float32)
        for row, (du, dv) in enumerate(((ub[:, 0] - ua[:, 0], uc[:, 0] - ua[:, 0]),
                                        (ub[:, 1] - ua[:, 1], uc[:, 1] - ua[:, 1]))):
            mx, my = du * i00 + dv * i10, du * i01 + dv * i11
            coef[3 * row] = np.append(mx, 0)
            coef[3 * row + 1] = np.append(my, 0)
            coef[3 * row + 2] = np.append(ua[:, row] - mx * a[:, 0] - my * a[:, 1], -10)
        if self.shading:  # Gouraud: the light stays while the head turns (the photo's own light is at rest)
            R = rotation(yaw, pitch, roll)
            shade = np.clip(_lambert(m.normals @ R.T) / _lambert(m.normals), 0.7, 1.15)
            sa, sb, sc = shade[tris[:, 0]], shade[tris[:, 1]], shade[tris[:, 2]]
            du, dv = sb - sa, sc - sa
            mx, my = du * i00 + dv * i10, du * i01 + dv * i11
            coef[6], coef[7] = np.append(mx, 0), np.append(my, 0)
            coef[8] = np.append(sa - mx * a[:, 0] - my * a[:, 1], 1)
        xs = np.arange(x1 - x0, dtype=np.float32)[None, :]
        ys = np.arange(y1 - y0, dtype=np.float32)[:, None]
        mapx = coef[0][ids] * xs + coef[1][ids] * ys + coef[2][ids]
        mapy = coef[3][ids] * xs + coef[4][ids] * ys + coef[5][ids]
        head = cv2.remap(m.texture, mapx, mapy, cv2.INTER_LINEAR, borderMode=cv2.BORDER_CONSTANT,
                         borderValue=(0, 0, 0, 0))
        alpha = cv2.GaussianBlur(head[..., 3], (3, 3), 0.7).astype(np.float32)[..., None] * (1 / 255)
        rgb = head[..., :3].astype(np.float32)
        if self.shading:
            rgb *= (coef[6][ids] * xs + coef[7][ids] * ys + coef[8][ids])[..., None]
        roi = frame[y0:y1, x0:x1].astype(np.float32)
        frame[y0:y1, x0:x1] = np.clip(roi + (rgb - roi) * alpha + 0.5, 0, 255).astype(np.uint8)
        return frame


#: Direction toward the key light (slightly above the camera), image axes (x right, y down, z away).
LIGHT = np.array([0.1, -0.35, -1.0]) / np.linalg.norm([0.1, -0.35, -1.0])


def _lambert(n: np.ndarray) -> np.ndarray:
    """Ambient + diffuse brightness of surfaces with normals ``n`` under :data:`LIGHT`."""
    return 0.6 + 0.4 * np.clip(n @ LIGHT, 0, 1)


#: Eyelids (MediaPipe indices, outer to inner corner): upper lid points and the lower lid points below them.
_UPPER_LIDS = ((246, 161, 160, 159, 158, 157, 173), (466, 388, 387, 386, 385, 384, 398))
_LOWER_LIDS = ((33, 7, 163, 144, 145, 153, 154, 155, 133), (263, 249, 390, 373, 374, 380, 381, 382, 362))
_LID_CREASES = ((247, 30, 29, 27, 28, 56, 190), (467, 260, 259, 257, 258, 286, 414))
_EYE_IRIS = (tuple(range(468, 473)), tuple(range(473, 478)))


def _lid_map(lm: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """What a blink moves: the vertices, the lower lid's height under each, and how far each goes.

    Returns the vertices a blink moves (lid margins and irises all the way, creases a third of the way),
    the height of the lower lid under each (pixels), and the share of the way each one goes.
    """
    idx, y_low, drop = [], [], []
    for upper, crease, lower, iris in zip(_UPPER_LIDS, _LID_CREASES, _LOWER_LIDS, _EYE_IRIS):
        lo = np.array(lower)
        order = np.argsort(lm[lo, 0])
        for group, share in ((upper, 0.92), (iris, 0.92), (crease, 0.35)):
            for i in group:
                idx.append(i)
                y_low.append(float(np.interp(lm[i, 0], lm[lo[order], 0], lm[lo[order], 1])))
                drop.append(share)
    return np.array(idx), np.array(y_low), np.array(drop)


def _iris_shift(lm: np.ndarray, eye_yaw: float, eye_pitch: float) -> np.ndarray:
    """2-D shift of the iris landmarks for an eye rotation (eyeball radius ~ 2 iris radii)."""
    r_iris = float(np.linalg.norm(lm[469, :2] - lm[471, :2]) / 2)
    r_ball = 2.05 * r_iris
    return np.array([r_ball * math.sin(math.radians(eye_yaw)), -r_ball * math.sin(math.radians(eye_pitch))])


def _room(w: int, h: int, *, second_face: bool, seed: int, model: FaceModel,
          picture_face_frac: float = 0.14) -> tuple[np.ndarray, tuple | None]:
    """A static room: lit wall, a door frame, a shelf, a framed picture (the face, when asked). BGR float32."""
    import cv2

    rng = np.random.default_rng(1000 + seed)
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    light = 1.0 - 0.35 * ((xx / w - 0.7) ** 2 + (yy / h - 0.2) ** 2)
    wall = np.array([176, 196, 214], np.float32)  # warm beige (BGR)
    room = wall[None, None, :] * light[..., None]
    blotch = cv2.resize(rng.normal(0, 1, (12, 16)).astype(np.float32), (w, h), interpolation=cv2.INTER_CUBIC)
    room += 6 * blotch[..., None]
    # door frame on the right
    dx0, dx1 = int(0.80 * w), int(0.97 * w)
    room[int(0.08 * h):, dx0:dx1] = np.array([150, 160, 170], np.float32) * light[int(0.08 * h):, dx0:dx1, None]
    cv2.rectangle(room, (dx0, int(0.08 * h)), (dx1, h + 5), (95, 105, 115), max(2, w // 160))
    # shelf on the left with a few books
    sy = int(0.7 * h)
    cv2.rectangle(room, (0, sy), (int(0.22 * w), sy + max(3, h // 60)), (60, 80, 100), -1)
    x = int(0.015 * w)
    for _ in range(6):
        bw = int(rng.uniform(0.012, 0.025) * w)
        bh = int(rng.uniform(0.08, 0.14) * h)
        col = tuple(float(v) for v in rng.uniform(40, 200, 3))
        cv2.rectangle(room, (x, sy - bh), (x + bw, sy), col, -1)
        x += bw + 2
    # framed picture upper left: a portrait whose face is ``picture_face_frac`` of the frame width
    face_out = picture_face_frac * w
    fw_out, fh_out = int(1.9 * face_out), int(2.3 * face_out)
    px0, py0 = int(0.03 * w), int(0.04 * h)
    box = None
    border = max(3, w // 100)
    cv2.rectangle(room, (px0 - border, py0 - border), (px0 + fw_out + border, py0 + fh_out + border),
                  (40, 50, 60), -1)
    if second_face:
        fb = model.face_box
        s = face_out / model.face_width  # picture px per source px
        cx, cy = (fb[0] + fb[2]) / 2, (fb[1] + fb[3]) / 2 - 0.12 * model.face_width
        ox, oy = px0 + fw_out / 2 - s * cx, py0 + fh_out / 2 - s * cy
        aff = np.array([[s, 0, ox - px0], [0, s, oy - py0]], np.float32)
        pic = cv2.warpAffine(model.image[..., ::-1], aff, (fw_out, fh_out), flags=cv2.INTER_AREA,
                             borderMode=cv2.BORDER_REPLICATE).astype(np.float32)
        room[py0:py0 + fh_out, px0:px0 + fw_out] = pic * 0.92
        box = (int(fb[0] * s + ox), int(fb[1] * s + oy), int(fb[2] * s + ox), int(fb[3] * s + oy))
    else:  # an abstract print
        art = np.zeros((fh_out, fw_out, 3), np.float32)
        art[:] = (180, 150, 90)
        cv2.circle(art, (fw_out // 3, fh_out // 2), fh_out // 4, (60, 120, 200), -1)
        cv2.rectangle(art, (fw_out // 2, fh_out // 5), (fw_out - 8, fh_out - 10), (90, 170, 120), -1)
        room[py0:py0 + fh_out, px0:px0 + fw_out] = art
    return np.clip(room, 0, 255), box


# --------------------------------------------------------------------------------------------- video


class _Webcam:
    """A cheap webcam: lost detail (``low_res`` < 1), dim light (``dim`` < 1), sensor noise (grey levels).

    The noise comes from a small bank of pre-drawn noise images read at random offsets (fast).
    """

    def __init__(self, size: tuple[int, int], *, dim: float, low_res: float, noise: float,
                 rng: np.random.Generator) -> None:
        w, h = size
        self.size, self.dim, self.low_res, self.noise, self.rng = size, dim, low_res, noise, rng
        self.bank = [(rng.standard_normal((h + 32, w + 32, 3), dtype=np.float32) * noise).round().astype(np.int16)
                     for _ in range(4)] if noise > 0 else []

    def __call__(self, frame: np.ndarray) -> np.ndarray:
        import cv2

        w, h = self.size
        if self.low_res < 1.0:
            small = cv2.resize(frame, (max(8, int(w * self.low_res)), max(8, int(h * self.low_res))),
                               interpolation=cv2.INTER_AREA)
            frame = cv2.resize(small, (w, h), interpolation=cv2.INTER_LINEAR)
        if self.dim != 1.0:
            frame = cv2.convertScaleAbs(frame, alpha=self.dim)
        if self.bank:
            k, dy, dx = self.rng.integers(len(self.bank)), self.rng.integers(32), self.rng.integers(32)
            noisy = frame.astype(np.int16) + self.bank[k][dy:dy + h, dx:dx + w]
            frame = np.clip(noisy, 0, 255).astype(np.uint8)
        return frame


def _random_blinks(seconds: float, rate: float, rng: np.random.Generator) -> list[Blink]:
    """Blinks at random times: gaps of 1.2 s plus an exponential draw, ``60 / rate`` seconds on average."""
    mean_gap = 60 / rate
    out, t = [], 0.3 + rng.uniform(0, mean_gap)
    while t < seconds - 0.3:
        out.append(Blink(t=round(float(t), 3), duration=float(rng.uniform(0.2, 0.3))))
        t += 1.2 + float(rng.exponential(max(0.1, mean_gap - 1.2)))
    return out


def make_face_clip(path: str | Path, *, seconds: float = 10.0, fps: float = 25.0,
                   size: tuple[int, int] = (640, 480), events: Sequence[Event] = (), sway_deg: float = 2.0,
                   second_face: bool = False, dim: float = 1.0, low_res: float = 1.0, noise: float = 0.0,
                   audio: str | Path | None = None, facing_yaw_deg: float = 15.0, facing_pitch_deg: float = 12.0,
                   blink_rate: float = 0.0, base_pose: tuple[float, float, float] = (0.0, 0.0, 0.0),
                   crf: int = 20, threads: int = 1, seed: int = 0) -> FaceClipTruth:
    """Render an interview clip of the astronaut's face and return its ground truth.

    Args:
        path: Output MP4 (H.264, yuv420p), written atomically.
        seconds: Duration in seconds.
        fps: Frames per second.
        size: (width, height) in pixels (even numbers).
        events: :class:`Nod`, :class:`LookAway`, :class:`Drift`, :class:`NoFace` and :class:`Blink` events.
        sway_deg: Peak of the slow natural head sway, degrees (0 = a still head).
        second_face: A framed photo of a face hangs on the wall behind the candidate.
        dim: Brightness factor (e.g. 0.45 for a dim room).
        low_res: Detail factor below 1 renders the picture at that share of the resolution and scales it
            back up (a cheap webcam), e.g. 0.5.
        noise: Standard deviation of per-frame sensor noise, in 0-255 grey levels.
        audio: ``None`` (no audio track), ``"silence"``, or a WAV/audio file to mux in (padded with
            silence or cut to the clip's length).
        facing_yaw_deg: Truth's yaw limit of "facing the camera", degrees.
        facing_pitch_deg: Truth's pitch limit of "facing the camera", degrees.
        blink_rate: Spontaneous blinks per minute at random times (added to the events; 0 = none,
            people blink ~10-20 times a minute).
        base_pose: Resting (yaw, pitch, roll) of the head relative to the camera, degrees (a camera
            off to one side or above the screen); "facing" is judged on the total pose.
        crf: x264 quality (lower = better).
        threads: Threads of the encoder.
        seed: Seed of the sway, room texture and noise.

    Returns:
        The clip's :class:`FaceClipTruth`.
    """
    from interview_ai_lab.media.ffmpeg import find_ffmpeg
    from interview_ai_lab.runtime.atomic import atomic_path

    path = Path(path)
    events = list(events)
    _check_events(events, seconds)
    if blink_rate > 0:
        events += _random_blinks(seconds, blink_rate, np.random.default_rng(seed + 11))
    w, h = int(size[0]) // 2 * 2, int(size[1]) // 2 * 2
    track = pose_track(seconds=seconds, fps=fps, events=events, sway_deg=sway_deg, base_pose=base_pose,
                       seed=seed)
    n = len(track.yaw)
    renderer = FaceRenderer(size=(w, h), second_face=second_face, seed=seed)
    webcam = _Webcam((w, h), dim=dim, low_res=low_res, noise=noise, rng=np.random.default_rng(seed + 7))
    cmd = [find_ffmpeg().path, "-hide_banner", "-nostdin", "-loglevel", "error", "-y",
           "-f", "rawvideo", "-pix_fmt", "bgr24", "-s", f"{w}x{h}", "-r", f"{fps:g}", "-i", "-"]
    has_audio = audio is not None
    if audio == "silence":
        cmd += ["-f", "lavfi", "-i", "anullsrc=r=16000:cl=mono"]
    elif audio is not None:
        if not Path(audio).exists():
            raise FileNotFoundError(f"audio file not found: {audio}")
        cmd += ["-i", str(audio)]
    cmd += ["-map", "0:v:0", "-c:v", "libx264", "-preset", "ultrafast", "-crf", str(crf), "-pix_fmt", "yuv420p",
            "-threads", str(threads)]
    if has_audio:
        cmd += ["-map", "1:a:0", "-af", "apad", "-c:a", "aac", "-b:a", "96k"]
    cmd += ["-t", f"{n / fps:.6f}", "-movflags", "+faststart"]
    boxes = np.full((n, 4), np.nan)
    with atomic_path(path) as tmp:
        proc = subprocess.Popen([*cmd, str(tmp)], stdin=subprocess.PIPE, stderr=subprocess.PIPE)
        try:
            for i in range(n):
                present = bool(track.present[i])
                frame = renderer.render(track.yaw[i], track.pitch[i], track.roll[i], present=present,
                                        eye_yaw=track.eye_yaw[i], eye_pitch=track.eye_pitch[i],
                                        blink=track.blink[i])
                if present:
                    boxes[i] = renderer.face_box(track.yaw[i], track.pitch[i], track.roll[i])
                frame = webcam(frame)
                assert proc.stdin is not None
                proc.stdin.write(frame.tobytes())
            assert proc.stdin is not None
            proc.stdin.close()
        except BrokenPipeError:
            pass
        err = proc.stderr.read().decode("utf-8", "replace") if proc.stderr else ""
        if proc.wait() != 0:
            raise RuntimeError(f"ffmpeg failed to write {path.name}: {err.strip()[-400:]}")
    facing = track.present & (np.abs(track.yaw) <= facing_yaw_deg) & (np.abs(track.pitch) <= facing_pitch_deg)
    return FaceClipTruth(
        path=path, fps=float(fps), size=(w, h), seconds=n / fps, yaw=track.yaw, pitch=track.pitch,
        roll=track.roll, eye_yaw=track.eye_yaw, face_present=track.present, facing=facing, face_boxes=boxes,
        nod_times=sorted(round(e.t, 4) for e in events if isinstance(e, Nod)),
        lookaway_intervals=sorted((e.start, e.end) for e in events if isinstance(e, LookAway)),
        noface_intervals=sorted((e.start, e.end) for e in events if isinstance(e, NoFace)),
        blink_times=sorted(round(e.t, 4) for e in events if isinstance(e, Blink)),
        second_face_box=renderer.second_face_box, facing_yaw_deg=facing_yaw_deg,
        facing_pitch_deg=facing_pitch_deg, events=events, has_audio=has_audio)


def render_frame(yaw: float = 0.0, pitch: float = 0.0, roll: float = 0.0, *, size: tuple[int, int] = (640, 480),
                 second_face: bool = False, present: bool = True, eye_yaw: float = 0.0, eye_pitch: float = 0.0,
                 blink: float = 0.0, seed: int = 0) -> np.ndarray:
    """One BGR uint8 frame of the astronaut at this head pose (degrees), for unit tests of pose estimators.

    With the ``size``, ``second_face`` and ``seed`` of a clip, this is the clip's frame at that pose
    (before compression and any ``dim``/``low_res``/``noise``).
    """
    r = _renderer((int(size[0]), int(size[1])), bool(second_face), int(seed))
    return r.render(yaw, pitch, roll, present=present, eye_yaw=eye_yaw, eye_pitch=eye_pitch, blink=blink)


@functools.lru_cache(maxsize=4)
def _renderer(size: tuple[int, int], second_face: bool, seed: int) -> FaceRenderer:
    return FaceRenderer(size=size, second_face=second_face, seed=seed)
