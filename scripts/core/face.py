"""Faces in a frame: MediaPipe detection + face mesh with iris, the candidate tracked over time, head pose.

Per frame, :class:`FaceAnalyzer` does:

1. **detection** on the whole frame (MediaPipe full-range BlazeFace: it also finds
   a large face in a 16:9 frame, where the short-range model misses it);
2. **candidate choice** (:class:`CandidateTracker`): the face that continues the
   candidate's track (overlap with its last box), else the largest, most central
   face; a face much smaller than the candidate's usual size (a photo on the wall,
   a person far behind) is never taken as the candidate;
3. **face mesh with iris** (478 landmarks) on a crop around the candidate only, so
   the landmarks cannot jump to another face;
4. **head pose** from the mesh's own 3-D points (:func:`head_pose`) and **iris offsets**
   (:func:`iris_offsets`).

Angles are in degrees: ``yaw`` > 0 when the face turns towards the image's right
(the candidate's left), ``pitch`` > 0 when the face turns up (chin up; a nod goes
negative first), ``roll`` > 0 when the face tilts clockwise in the image.
"""

from __future__ import annotations

import logging
import math
from dataclasses import dataclass, field
from typing import Any, Sequence

import numpy as np

from .errors import missing_dependency

logger = logging.getLogger(__name__)

# Face-mesh landmark indices (MediaPipe canonical mesh, refine_landmarks=True adds 468-477).
RIGHT_EYE_OUTER, RIGHT_EYE_INNER = 33, 133  # the candidate's right eye: image left
LEFT_EYE_INNER, LEFT_EYE_OUTER = 362, 263
MOUTH_RIGHT, MOUTH_LEFT = 61, 291
UPPER_LIP, LOWER_LIP = 13, 14
RIGHT_IRIS, LEFT_IRIS = 468, 473
N_LANDMARKS_IRIS = 478

#: Calibration of the mesh-based angles, fitted on rendered 3-D head rotations of a real
#: face (tests/media/face_clip.py; yaw and pitch within ±20°, where the eye-contact
#: thresholds lie): MediaPipe's depth is flatter than a real head, so the raw yaw reads
#: 0.9 × the true yaw; the raw pitch reads 1.22 × the true pitch + 5.2° (a face turned
#: straight at the lens reads about 5° "up").
YAW_GAIN = 1.0 / 0.9
PITCH_GAIN = 1.0 / 1.22
RAW_PITCH_OFFSET_DEG = 5.2


@dataclass(frozen=True)
class Detection:
    """A detected face.

    Attributes:
        bbox: ``(x, y, w, h)`` in pixels of the frame.
        score: Detector confidence, 0-1.
    """

    bbox: tuple[float, float, float, float]
    score: float

    @property
    def area(self) -> float:
        """Box area in square pixels."""
        return max(0.0, self.bbox[2]) * max(0.0, self.bbox[3])

    @property
    def center(self) -> tuple[float, float]:
        """Box centre ``(x, y)`` in pixels."""
        x, y, w, h = self.bbox
        return x + w / 2, y + h / 2


@dataclass
class FaceResult:
    """What one frame says about the candidate.

    Attributes:
        face: The candidate's face is visible.
        n_faces: Faces detected in the frame (the candidate and any other).
        bbox: Candidate box ``(x, y, w, h)`` normalised to the frame (0-1), or None.
        yaw: Head yaw in degrees, or None without landmarks.
        pitch: Head pitch in degrees, or None.
        roll: Head roll in degrees, or None.
        iris: ``(dx, dy)`` iris offset from the eye centre in eye widths (mean of both eyes), or None.
        score: Detector confidence of the candidate, 0-1.
    """

    face: bool = False
    n_faces: int = 0
    bbox: tuple[float, float, float, float] | None = None
    yaw: float | None = None
    pitch: float | None = None
    roll: float | None = None
    iris: tuple[float, float] | None = None
    score: float = 0.0
    pixel_bbox: tuple[float, float, float, float] | None = field(default=None, repr=False)


def iou(a: Sequence[float], b: Sequence[float]) -> float:
    """Intersection over union of two ``(x, y, w, h)`` boxes (0-1)."""
    ax1, ay1, ax2, ay2 = a[0], a[1], a[0] + a[2], a[1] + a[3]
    bx1, by1, bx2, by2 = b[0], b[1], b[0] + b[2], b[1] + b[3]
    iw, ih = max(0.0, min(ax2, bx2) - max(ax1, bx1)), max(0.0, min(ay2, by2) - max(ay1, by1))
    inter = iw * ih
    union = a[2] * a[3] + b[2] * b[3] - inter
    return inter / union if union > 0 else 0.0


class CandidateTracker:
    """Chooses the candidate among the detected faces, frame after frame.

    Each face gets a score: its area share × its centrality, doubled when it continues
    the candidate's track (overlaps the last candidate box, IoU > 0.2, seen within
    ``memory_sec``). A face much smaller than the candidate's usual size (median box
    area of the recent frames) is not eligible: below ``min_relative_area`` × usual when
    it continues the track, below ``reacquire_relative_area`` × usual when it does not
    (after the candidate left the frame, a photo on the wall must not take over).

    Args:
        min_relative_area: Eligibility of a face continuing the track, share of the usual area.
        reacquire_relative_area: Eligibility of any other face, share of the usual area.
        memory_sec: How long, seconds, the last candidate box is remembered.
        history: Number of recent candidate boxes whose median area is the usual size.
    """

    def __init__(self, *, min_relative_area: float = 0.3, reacquire_relative_area: float = 0.6,
                 memory_sec: float = 2.0, history: int = 100):
        self.min_relative_area = min_relative_area
        self.reacquire_relative_area = reacquire_relative_area
        self.memory_sec = memory_sec
        self.history = history
        self._areas: list[float] = []
        self._last: Detection | None = None
        self._last_t = -math.inf

    @staticmethod
    def _prominence(det: Detection, frame_w: int, frame_h: int) -> float:
        """Largest and most central first: area share × (1 − distance of the centre from the middle)."""
        cx, cy = det.center
        dx, dy = (cx - frame_w / 2) / frame_w, (cy - frame_h / 2) / frame_h
        centrality = max(0.05, 1.0 - math.hypot(dx, dy) * 1.2)
        return det.area / float(frame_w * frame_h) * centrality

    def choose(self, dets: Sequence[Detection], t: float, frame_w: int, frame_h: int) -> Detection | None:
        """The candidate's detection at time ``t`` (seconds), or None when none fits."""
        if not dets:
            return None
        usual = float(np.median(self._areas)) if self._areas else 0.0
        recent = self._last is not None and t - self._last_t <= self.memory_sec
        best, best_score = None, 0.0
        for d in dets:
            continues = recent and iou(d.bbox, self._last.bbox) > 0.2  # type: ignore[union-attr]
            need = self.min_relative_area if continues else self.reacquire_relative_area
            if d.area < need * usual:
                continue
            score = self._prominence(d, frame_w, frame_h) * (2.0 if continues else 1.0)
            if best is None or score > best_score:
                best, best_score = d, score
        if best is None:
            return None
        self._last, self._last_t = best, t
        self._areas.append(best.area)
        del self._areas[:-self.history]
        return best


def head_pose(points: np.ndarray) -> tuple[float, float, float]:
    """Head ``(yaw, pitch, roll)`` in degrees from face-mesh points in pixel units.

    The face's axes come from the mesh itself: *across* from the right to the left
    eye corners and mouth corners, *down* from the eye corners to the mouth; the
    face's forward direction is their cross product. MediaPipe's ``z`` (depth, same
    scale as ``x``) makes this a 3-D estimate (no camera model needed; a weak
    perspective is assumed). Calibrated (:data:`YAW_GAIN`, :data:`PITCH_GAIN`,
    :data:`RAW_PITCH_OFFSET_DEG`) so that a face looking into the lens reads about 0°
    (± a few degrees that depend on the face's shape).

    Args:
        points: ``(N, 3)`` array (``N`` ≥ 468) of ``x, y`` in pixels and ``z`` in the
            same pixel scale (``z`` grows away from the camera).

    Returns:
        ``(yaw, pitch, roll)``: yaw > 0 facing image-right, pitch > 0 facing up,
        roll > 0 tilted clockwise.
    """
    p = np.asarray(points, dtype=np.float64)
    across = (p[LEFT_EYE_OUTER] - p[RIGHT_EYE_OUTER]) + (p[MOUTH_LEFT] - p[MOUTH_RIGHT])
    across /= np.linalg.norm(across) or 1.0
    eyes = p[[RIGHT_EYE_OUTER, LEFT_EYE_OUTER, RIGHT_EYE_INNER, LEFT_EYE_INNER]].mean(axis=0)
    mouth = p[[MOUTH_RIGHT, MOUTH_LEFT, UPPER_LIP, LOWER_LIP]].mean(axis=0)
    down = mouth - eyes
    down -= across * float(np.dot(down, across))
    down /= np.linalg.norm(down) or 1.0
    forward = -np.cross(across, down)  # towards the camera for a frontal face: (0, 0, -1)
    yaw = YAW_GAIN * math.degrees(math.atan2(forward[0], -forward[2]))
    raw_pitch = math.degrees(math.atan2(-forward[1], math.hypot(forward[0], forward[2])))
    pitch = PITCH_GAIN * (raw_pitch - RAW_PITCH_OFFSET_DEG)
    roll = math.degrees(math.atan2(across[1], across[0]))
    return yaw, pitch, roll


def iris_offsets(points: np.ndarray) -> tuple[float, float]:
    """Iris position in each eye, averaged: ``(dx, dy)`` in eye widths.

    ``dx`` > 0: irises towards the image's right; ``dy`` > 0: irises down. Measured
    from the middle of the two eye corners along (and across) the corner line, divided
    by the eye width; about ``(0, -0.05)`` when looking straight ahead (the corners sit
    slightly below the iris centre).

    Args:
        points: ``(478, 3)`` face-mesh points with iris landmarks, pixel units.
    """
    p = np.asarray(points, dtype=np.float64)[:, :2]
    out = []
    for a, b, iris in ((RIGHT_EYE_OUTER, RIGHT_EYE_INNER, RIGHT_IRIS), (LEFT_EYE_INNER, LEFT_EYE_OUTER, LEFT_IRIS)):
        axis = p[b] - p[a]
        width = float(np.linalg.norm(axis)) or 1.0
        axis = axis / width
        perp = np.array([-axis[1], axis[0]])
        d = p[iris] - (p[a] + p[b]) / 2
        out.append((float(np.dot(d, axis)) / width, float(np.dot(d, perp)) / width))
    dx, dy = np.mean(out, axis=0)
    return float(dx), float(dy)


def square_crop(bbox: Sequence[float], frame_w: int, frame_h: int, *, margin: float) -> tuple[int, int, int, int]:
    """A square ``(x0, y0, x1, y1)`` pixel window around ``bbox``, ``margin`` × its side on each side, clipped."""
    x, y, w, h = bbox
    side = max(w, h) * (1 + 2 * margin)
    cx, cy = x + w / 2, y + h / 2
    x0, y0 = int(round(cx - side / 2)), int(round(cy - side / 2))
    x1, y1 = int(round(cx + side / 2)), int(round(cy + side / 2))
    return max(0, x0), max(0, y0), min(frame_w, x1), min(frame_h, y1)


class FaceAnalyzer:
    """MediaPipe face detection + face mesh (iris) for the candidate, frame after frame.

    Args:
        min_detection_confidence: Detector threshold, 0-1.
        min_relative_area: See :class:`CandidateTracker`.
        crop_margin: Margin around the candidate box given to the mesh, share of the box side.

    Use as a context manager (it frees the MediaPipe graphs on exit).
    """

    def __init__(self, *, min_detection_confidence: float = 0.5, min_relative_area: float = 0.3,
                 crop_margin: float = 0.5, detect_interval_sec: float = 0.5):
        try:
            import mediapipe as mp
        except ImportError as e:
            raise missing_dependency("mediapipe", pip_name="mediapipe==0.10.21", purpose="face analysis") from e
        solutions = getattr(mp, "solutions", None)
        if solutions is None or not hasattr(solutions, "face_mesh"):
            raise missing_dependency("mediapipe.solutions", pip_name="mediapipe==0.10.21",
                                     purpose="face analysis (newer mediapipe releases dropped 'solutions')")
        self._detector = solutions.face_detection.FaceDetection(
            model_selection=1, min_detection_confidence=min_detection_confidence)
        self._mesh = solutions.face_mesh.FaceMesh(static_image_mode=False, max_num_faces=1, refine_landmarks=True,
                                                  min_detection_confidence=0.3)
        self.tracker = CandidateTracker(min_relative_area=min_relative_area)
        self.crop_margin = crop_margin
        self.detect_interval_sec = max(0.0, float(detect_interval_sec))
        self._last_detect_t = -math.inf
        self._track: tuple[tuple[float, float, float, float], int, float] | None = None
        self._offset = (0.0, 0.0)

    def __enter__(self) -> "FaceAnalyzer":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    def close(self) -> None:
        """Release the MediaPipe graphs."""
        for g in (self._detector, self._mesh):
            try:
                g.close()
            except Exception:  # noqa: BLE001 (already closed)
                pass

    def detect(self, rgb: np.ndarray) -> list[Detection]:
        """All faces in an RGB frame, boxes in pixels."""
        h, w = rgb.shape[:2]
        res = self._detector.process(rgb)
        out = []
        for d in res.detections or []:
            b = d.location_data.relative_bounding_box
            out.append(Detection((b.xmin * w, b.ymin * h, b.width * w, b.height * h), float(d.score[0])))
        return out

    def mesh(self, rgb: np.ndarray, bbox: Sequence[float]) -> np.ndarray | None:
        """Face-mesh points ``(478, 3)`` in frame pixels for the face in ``bbox``, or None."""
        h, w = rgb.shape[:2]
        x0, y0, x1, y1 = square_crop(bbox, w, h, margin=self.crop_margin)
        if x1 - x0 < 8 or y1 - y0 < 8:
            return None
        crop = np.ascontiguousarray(rgb[y0:y1, x0:x1])
        res = self._mesh.process(crop)
        if not res.multi_face_landmarks:
            return None
        lm = res.multi_face_landmarks[0].landmark
        if len(lm) < N_LANDMARKS_IRIS:
            return None
        cw, ch = x1 - x0, y1 - y0
        return np.array([[x0 + p.x * cw, y0 + p.y * ch, p.z * cw] for p in lm], dtype=np.float32)

    def analyse(self, rgb: np.ndarray, t: float) -> FaceResult:
        """Detect, choose the candidate, mesh and pose for one RGB frame at time ``t`` seconds.

        The face detector runs at most every ``detect_interval_sec`` seconds; in between, the
        candidate's box follows the centre of the face mesh of the previous frame (the mesh
        runs in tracking mode), and a frame where the mesh loses the face is detected again.
        """
        h, w = rgb.shape[:2]
        tracked = self._track is not None and t - self._last_detect_t < self.detect_interval_sec
        if tracked:
            bbox, n_faces, score = self._track
        else:
            dets = self.detect(rgb)
            self._last_detect_t = t
            cand = self.tracker.choose(dets, t, w, h)
            n_faces = len(dets)
            if cand is None:
                self._track = None
                return FaceResult(face=False, n_faces=n_faces)
            bbox, score = cand.bbox, cand.score
        points = self.mesh(rgb, bbox)
        if points is None and tracked:  # the mesh lost the face: detect now
            self._track = None
            return self.analyse(rgb, t)
        bx, by, bw, bh = bbox
        result = FaceResult(face=True, n_faces=n_faces, score=score, pixel_bbox=bbox,
                            bbox=(max(0.0, bx / w), max(0.0, by / h), min(1.0, bw / w), min(1.0, bh / h)))
        if points is None:
            self._track = None
            return result
        result.yaw, result.pitch, result.roll = head_pose(points)
        result.iris = iris_offsets(points)
        c = points[:, :2].mean(axis=0)  # the box keeps its size and follows the mesh centre
        if not tracked:
            self._offset = (bx + bw / 2 - float(c[0]), by + bh / 2 - float(c[1]))
        ox, oy = self._offset
        self._track = ((float(c[0]) + ox - bw / 2, float(c[1]) + oy - bh / 2, bw, bh), n_faces, score)
        return result
