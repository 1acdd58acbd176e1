"""Faces in a frame: MediaPipe's Tasks ``FaceLandmarker``, the candidate tracked over time, head pose.

The landmarker gives 478 landmarks with iris, 52 blendshapes and a pose matrix.

Per frame, :class:`FaceAnalyzer` does:

1. **detection** of every face on the whole frame (the BlazeFace model of the
   ``face_landmarker.task`` bundle, through the Tasks ``FaceDetector``), at most every
   ``detect_interval_sec``; small faces are counted too (``n_faces``);
2. **candidate choice** (:class:`CandidateTracker`): the face that continues the
   candidate's track (overlap with its last box), else the largest, most central
   face; a face much smaller than the candidate's usual size (a photo on the wall,
   a person far behind) is never taken as the candidate;
3. **landmarks** (478 with iris, 52 blendshapes) by the Tasks ``FaceLandmarker`` on a crop
   around the candidate only, so the landmarks cannot jump to another face; between two
   detections the crop follows the landmarks. A frame whose face looks the same as in the last
   frame the landmarker saw (:func:`face_signature`; no block of it changed by ``hold_max_change``
   grey levels or more, :func:`signature_change`) keeps that frame's measures, marked ``held`` (at most ``hold_max_frames``
   in a row): the landmarker, two thirds of the face stage's time, runs only where the face moved;
4. **head pose** from the mesh's own 3-D points (:func:`head_pose`; on rendered rotations it
   measured closer to the truth than the landmarker's transformation matrix,
   :func:`matrix_pose`), **iris offsets** (:func:`iris_offsets`) and the **blendshape
   scores** (blinks, smiles).

The model file is resolved like every model (:func:`interview_ai_lab.runtime.model_resolver.resolve_face_landmarker`);
only MediaPipe's public Tasks API is called (``FaceLandmarker``, ``FaceDetector``, ``mp.Image`` and their
results), the same in mediapipe 0.10.x and 1.x, so that a later mediapipe raises instead of crashing.

Angles are in degrees: ``yaw`` > 0 when the face turns towards the image's right
(the candidate's left), ``pitch`` > 0 when the face turns up (chin up; a nod goes
negative first), ``roll`` > 0 when the face tilts clockwise in the image.
"""

from __future__ import annotations

import dataclasses
import logging
import math
import operator
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from interview_ai_lab.runtime.errors import missing_dependency

logger = logging.getLogger(__name__)

# Face-mesh landmark indices (MediaPipe canonical mesh, refine_landmarks=True adds 468-477).
RIGHT_EYE_OUTER, RIGHT_EYE_INNER = 33, 133  # the candidate's right eye: image left
LEFT_EYE_INNER, LEFT_EYE_OUTER = 362, 263
MOUTH_RIGHT, MOUTH_LEFT = 61, 291
UPPER_LIP, LOWER_LIP = 13, 14
RIGHT_IRIS, LEFT_IRIS = 468, 473
N_LANDMARKS_IRIS = 478

#: Calibration of the mesh-based angles, fitted on rendered 3-D head rotations of a real
#: face (interview_ai_lab/media/synthetic_face.py; yaw and pitch within ±20°, where the eye-contact
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
        pixel_bbox: Candidate box in frame pixels, or None.
        blendshapes: The candidate's blendshape scores (0-1) by name, empty without landmarks.
        held: The landmarker did not run on this frame: its face looked the same as in the last frame it
            saw (:func:`signature_change` below ``hold_max_change``), whose measures this result repeats.
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
    blendshapes: dict[str, float] = field(default_factory=dict, repr=False)
    held: bool = False


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


#: Side of the grey thumbnail of a face compared from frame to frame (:func:`face_signature`), pixels.
SIGNATURE_SIDE = 32
#: Margin around the face box in that thumbnail, share of the box side.
SIGNATURE_MARGIN = 0.1


def face_signature(rgb: np.ndarray, bbox: Sequence[float]) -> np.ndarray | None:
    """A ``SIGNATURE_SIDE``² grey thumbnail (float32, 0-255) of the square around ``bbox`` in an RGB frame.

    Area averaging: each thumbnail pixel is the mean of a block of the face (about 6 × 6 pixels of a
    200-pixel face), so sensor noise averages out while a head turn or a nod moves every edge of it.
    None when the window is too small.
    """
    import cv2

    h, w = rgb.shape[:2]
    x0, y0, x1, y1 = square_crop(bbox, w, h, margin=SIGNATURE_MARGIN)
    if x1 - x0 < 8 or y1 - y0 < 8:
        return None
    grey = cv2.cvtColor(np.ascontiguousarray(rgb[y0:y1, x0:x1]), cv2.COLOR_RGB2GRAY)
    return cv2.resize(grey, (SIGNATURE_SIDE, SIGNATURE_SIDE), interpolation=cv2.INTER_AREA).astype(np.float32)


#: Side of the blocks of the thumbnail compared one by one (:func:`signature_change`), thumbnail pixels.
SIGNATURE_BLOCK = 4


def signature_change(a: np.ndarray, b: np.ndarray) -> float:
    """How much a face changed between two :func:`face_signature` thumbnails, grey levels (0-255).

    The largest mean absolute difference of any ``SIGNATURE_BLOCK``² block (8 × 8 blocks of the face's
    square, each about the size of an eye): an eye closing or a mouth opening changes one block a lot
    while the mean over the whole face hardly moves (on a rendered blink: 15-24 in the eye's block,
    0.8-1.0 over the face).
    """
    d = np.abs(np.asarray(a, dtype=np.float32) - np.asarray(b, dtype=np.float32))
    n = d.shape[0] // SIGNATURE_BLOCK
    blocks = d[: n * SIGNATURE_BLOCK, : n * SIGNATURE_BLOCK].reshape(n, SIGNATURE_BLOCK, n, SIGNATURE_BLOCK)
    return float(blocks.mean(axis=(1, 3)).max())


#: Faces the landmarker looks for in each frame: the candidate and the others (a second
#: person, a photo on the wall), so that the candidate can be chosen among them.
MAX_FACES = 3  # default of create_landmarker (the analyser asks for 1 face on its crop)


def blendshape_scores(categories: Sequence[Any]) -> dict[str, float]:
    """``{name: score}`` (0-1) of a FaceLandmarker blendshape list (``eyeBlinkLeft``, ``mouthSmileRight``…)."""
    return {str(c.category_name): float(c.score) for c in categories}


def landmark_box(points: np.ndarray) -> tuple[float, float, float, float]:
    """``(x, y, w, h)`` pixel box of the face-mesh points (forehead to chin, cheek to cheek)."""
    p = np.asarray(points, dtype=np.float64)[:, :2]
    x0, y0 = p.min(axis=0)
    x1, y1 = p.max(axis=0)
    return float(x0), float(y0), float(x1 - x0), float(y1 - y0)


def matrix_pose(matrix: np.ndarray) -> tuple[float, float, float]:
    """Head ``(yaw, pitch, roll)`` in degrees from a FaceLandmarker facial transformation matrix.

    The 4×4 matrix maps MediaPipe's canonical face (x right, y up, z towards the viewer,
    in centimetres) into camera space (same axes, camera looking along −z). The face's
    forward axis is its third column; the angles follow this module's convention (yaw > 0
    facing image-right, pitch > 0 facing up, roll > 0 clockwise in the image).
    """
    r = np.asarray(matrix, dtype=np.float64)[:3, :3]
    r = r / (np.linalg.norm(r[:, 0]) or 1.0)
    fwd, right = r[:, 2], r[:, 0]
    yaw = math.degrees(math.atan2(fwd[0], fwd[2]))
    pitch = math.degrees(math.atan2(fwd[1], math.hypot(fwd[0], fwd[2])))
    roll = math.degrees(math.atan2(-right[1], right[0]))
    return yaw, pitch, roll


def _vision() -> Any:
    """``mediapipe.tasks.python.vision`` and ``BaseOptions`` (mediapipe 0.10.x and 1.x both have the Tasks API)."""
    try:
        import mediapipe as mp
        from mediapipe.tasks.python import BaseOptions, vision
    except ImportError as e:
        raise missing_dependency("mediapipe", pip_name="mediapipe", purpose="face analysis (MediaPipe Tasks)") from e
    return mp, BaseOptions, vision


def create_landmarker(model_path: str, *, video: bool, num_faces: int = MAX_FACES,
                      min_confidence: float = 0.5, blendshapes: bool = True, matrix: bool | None = None) -> Any:
    """A MediaPipe Tasks ``FaceLandmarker`` (CPU) on ``model_path`` (``face_landmarker.task``).

    Args:
        model_path: Path of the ``.task`` bundle.
        video: VIDEO running mode (tracking between frames, increasing timestamps), else IMAGE.
        num_faces: Most faces returned per frame.
        min_confidence: Face detection / presence / tracking threshold, 0-1.
        blendshapes: Also output the 52 blendshape scores (about 0.5-1 ms a face on one core).
        matrix: Also output the facial transformation matrix (the geometry pipeline, about 0.3-0.5 ms
            a face); None: the same as ``blendshapes``.
    """
    mp, BaseOptions, vision = _vision()
    opts = vision.FaceLandmarkerOptions(
        base_options=BaseOptions(model_asset_path=str(model_path)),
        running_mode=vision.RunningMode.VIDEO if video else vision.RunningMode.IMAGE,
        num_faces=num_faces, min_face_detection_confidence=min_confidence,
        min_face_presence_confidence=min_confidence, min_tracking_confidence=min_confidence,
        output_face_blendshapes=blendshapes,
        output_facial_transformation_matrixes=blendshapes if matrix is None else matrix)
    return vision.FaceLandmarker.create_from_options(opts)


def create_detector(model_path: str, *, min_confidence: float) -> Any:
    """A MediaPipe Tasks ``FaceDetector`` (IMAGE mode) on the BlazeFace model inside the ``.task`` bundle."""
    import zipfile

    mp, BaseOptions, vision = _vision()
    with zipfile.ZipFile(model_path) as z:
        buf = z.read("face_detector.tflite")
    return vision.FaceDetector.create_from_options(vision.FaceDetectorOptions(
        base_options=BaseOptions(model_asset_buffer=buf), min_detection_confidence=min_confidence))


def detector_boxes(result: Any) -> list[Detection]:
    """The faces of a ``FaceDetectorResult`` as :class:`Detection` (pixel boxes)."""
    out = []
    for d in result.detections or []:
        b = d.bounding_box
        if b.width > 0 and b.height > 0:
            out.append(Detection((float(b.origin_x), float(b.origin_y), float(b.width), float(b.height)),
                                 float(d.categories[0].score) if d.categories else 0.0))
    return out


def mp_image(rgb: np.ndarray) -> Any:
    """An ``mp.Image`` (SRGB) over a ``H×W×3`` uint8 RGB array."""
    mp, _, _ = _vision()
    return mp.Image(image_format=mp.ImageFormat.SRGB, data=np.ascontiguousarray(rgb, dtype=np.uint8))


@dataclass
class MeshFace:
    """One face found by the landmarker.

    Attributes:
        points: ``(478, 3)`` landmarks in frame pixels (``z`` in the same scale as ``x``).
        blendshapes: Blendshape scores, 0-1, by name (empty when not asked).
        matrix: 4×4 facial transformation matrix, or None.
    """

    points: np.ndarray
    blendshapes: dict[str, float]
    matrix: np.ndarray | None

    @property
    def detection(self) -> Detection:
        """The face as a :class:`Detection` (box of its landmarks; the landmarker gives no score: 1.0)."""
        return Detection(landmark_box(self.points), 1.0)


#: Readers of one landmark coordinate (``NormalizedLandmark.x``, ``.y``, ``.z``): mapped over a face's landmarks,
#: they fill one NumPy column each without a Python tuple per landmark.
_COORDINATE_READERS = tuple(operator.attrgetter(axis) for axis in ("x", "y", "z"))


def landmark_array(landmarks: Sequence[Any], width: int, height: int) -> np.ndarray:
    """The public ``NormalizedLandmark`` list of one face as a ``(N, 3)`` float32 array in pixels.

    ``x`` and ``z`` are scaled by ``width``, ``y`` by ``height`` (MediaPipe's ``z`` has the scale
    of ``x``). Each coordinate is read into its own column by :func:`numpy.fromiter`: the values
    of ``np.array([(p.x, p.y, p.z) for p in landmarks]) * (width, height, width)`` without a tuple
    per landmark (0.06 instead of 0.11 ms for 478 landmarks, measured side by side).

    Args:
        landmarks: One face of ``FaceLandmarkerResult.face_landmarks`` (coordinates 0-1).
        width: Image width, pixels.
        height: Image height, pixels.
    """
    n = len(landmarks)
    xyz = np.empty((n, 3), dtype=np.float64)
    for column, read in enumerate(_COORDINATE_READERS):
        xyz[:, column] = np.fromiter(map(read, landmarks), dtype=np.float64, count=n)
    xyz *= (width, height, width)
    return xyz.astype(np.float32)


def mesh_faces(result: Any, width: int, height: int) -> list[MeshFace]:
    """The faces of a public ``FaceLandmarkerResult``, landmarks in pixels of a ``width`` × ``height`` frame.

    Faces with fewer than :data:`N_LANDMARKS_IRIS` landmarks (no iris) are left out.
    """
    out = []
    shapes = getattr(result, "face_blendshapes", None) or []
    mats = getattr(result, "facial_transformation_matrixes", None) or []
    for i, lms in enumerate(result.face_landmarks or []):
        if len(lms) < N_LANDMARKS_IRIS:
            continue
        out.append(MeshFace(landmark_array(lms, width, height),
                            blendshape_scores(shapes[i]) if i < len(shapes) else {},
                            np.asarray(mats[i], dtype=np.float64) if i < len(mats) else None))
    return out


class FaceAnalyzer:
    """MediaPipe Tasks face detection + ``FaceLandmarker`` (478 landmarks with iris, blendshapes) for the candidate.

    Every ``detect_interval_sec`` the bundle's BlazeFace detector finds every face of the
    whole frame; :class:`CandidateTracker` picks the candidate (a small face, such as a photo
    on the wall, is never taken); the landmarker then runs on a square crop around the
    candidate only, so its landmarks cannot be those of another face. Between detections the
    crop follows the candidate's landmarks of the previous frame; a frame where the landmarker
    loses the face is detected again.

    Args:
        model_path: ``face_landmarker.task``; default: :func:`interview_ai_lab.runtime.model_resolver.resolve_face_landmarker`.
        min_detection_confidence: Threshold for the candidate's detection and landmarks, 0-1.
        min_relative_area: See :class:`CandidateTracker`.
        crop_margin: Margin around the candidate box given to the landmarker, share of the box side.
        detect_interval_sec: Longest time between two detections on the whole frame, seconds.
        count_confidence: Lower threshold of the faces only counted (``n_faces``: the others), 0-1.
        pose: ``"mesh"`` (:func:`head_pose` on the landmarks, the default: it measured better)
            or ``"matrix"`` (the landmarker's facial transformation matrix, :func:`matrix_pose`).
        blendshapes: Compute the blendshape scores (off: ``FaceResult.blendshapes`` stays empty).
        hold_max_change: A frame whose face thumbnail (:func:`face_signature`, in the box of the last frame the
            landmarker saw, the candidate still there) changed by less than this (:func:`signature_change`,
            grey levels 0-255) repeats that frame's measures (``held``); 0 runs the landmarker on every frame.
        hold_max_frames: Most frames held in a row (2: the landmarker sees at least every third frame).

    Use as a context manager (it frees the MediaPipe graphs on exit).
    """

    def __init__(self, *, model_path: str | None = None, min_detection_confidence: float = 0.5,
                 min_relative_area: float = 0.3, crop_margin: float = 0.5, detect_interval_sec: float = 0.5,
                 count_confidence: float = 0.3, pose: str = "mesh", blendshapes: bool = True,
                 hold_max_change: float = 0.0, hold_max_frames: int = 2):
        if model_path is None:
            from interview_ai_lab.runtime.model_resolver import resolve_face_landmarker

            model_path = str(resolve_face_landmarker().path)
        self.model_path = str(model_path)
        self.min_confidence = min_detection_confidence
        self._detector = create_detector(self.model_path, min_confidence=min(count_confidence, min_detection_confidence))
        # VIDEO mode: the landmarker tracks the face from frame to frame (its own detector runs only when it
        # loses it); the crop follows the face, so the face stays where the landmarker expects it
        # the transformation matrix only for pose="matrix" (its geometry pipeline costs about 0.3-0.5 ms a frame)
        self._landmarker = create_landmarker(self.model_path, video=True, num_faces=1,
                                             min_confidence=min_detection_confidence, blendshapes=blendshapes,
                                             matrix=pose == "matrix")
        self._last_ms = -1
        self.tracker = CandidateTracker(min_relative_area=min_relative_area)
        self.crop_margin = crop_margin
        self.detect_interval_sec = max(0.0, float(detect_interval_sec))
        self.pose = pose
        self._last_detect_t = -math.inf
        self._t = 0.0
        self._track: tuple[tuple[float, float, float, float], int, float] | None = None
        self.hold_max_change = max(0.0, float(hold_max_change))
        self.hold_max_frames = max(0, int(hold_max_frames))
        self._seen: tuple[FaceResult, np.ndarray] | None = None  # the last landmarked result and its thumbnail
        self._held = 0
        self.frames_held = 0

    def __enter__(self) -> FaceAnalyzer:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    def close(self) -> None:
        """Release the MediaPipe graphs."""
        for g in (self._detector, self._landmarker):
            try:
                g.close()
            except Exception:  # already closed
                pass

    def detect_all(self, rgb: np.ndarray) -> list[Detection]:
        """Every face of an RGB frame down to the counting threshold, boxes in pixels."""
        return detector_boxes(self._detector.detect(mp_image(rgb)))

    def detect(self, rgb: np.ndarray) -> list[Detection]:
        """The faces of an RGB frame above ``min_detection_confidence``, boxes in pixels."""
        return [d for d in self.detect_all(rgb) if d.score >= self.min_confidence]

    def mesh(self, rgb: np.ndarray, bbox: Sequence[float]) -> MeshFace | None:
        """The landmarker's face (points in frame pixels) in a square crop around ``bbox``, or None."""
        h, w = rgb.shape[:2]
        x0, y0, x1, y1 = square_crop(bbox, w, h, margin=self.crop_margin)
        if x1 - x0 < 8 or y1 - y0 < 8:
            return None
        ms = max(int(round(self._t * 1000)), self._last_ms + 1)  # VIDEO mode: increasing timestamps
        self._last_ms = ms
        image = mp_image(rgb[y0:y1, x0:x1])
        found = mesh_faces(self._landmarker.detect_for_video(image, ms), x1 - x0, y1 - y0)
        if not found:
            return None
        face = found[0]
        face.points[:, 0] += x0
        face.points[:, 1] += y0
        return face

    def analyse(self, rgb: np.ndarray, t: float) -> FaceResult:
        """Analyse one RGB frame at time ``t`` seconds: the candidate's face, landmarks, pose, iris and blendshapes.

        Faces are detected at most every ``detect_interval_sec`` seconds; between two detections the crop
        follows the candidate's landmarks.
        """
        h, w = rgb.shape[:2]
        self._t = t
        tracked = self._track is not None and t - self._last_detect_t < self.detect_interval_sec
        if tracked:
            bbox, n_faces, score = self._track  # type: ignore[misc]
        else:
            found = self.detect_all(rgb)
            self._last_detect_t = t
            cand = self.tracker.choose([d for d in found if d.score >= self.min_confidence], t, w, h)
            n_faces = len(found)
            if cand is None:
                self._track = None
                return FaceResult(face=False, n_faces=n_faces)
            bbox, score = cand.bbox, cand.score
        held = self._hold(rgb, bbox, n_faces)
        if held is not None:
            return held
        face = self.mesh(rgb, bbox)
        if face is None and tracked:  # the landmarker lost the face: detect now
            self._track = None
            self._last_detect_t = -math.inf
            return self.analyse(rgb, t)
        if face is None:
            self._track = None
            bx, by, bw, bh = bbox
            return FaceResult(face=True, n_faces=n_faces, score=score, pixel_bbox=tuple(bbox),  # type: ignore[arg-type]
                              bbox=(max(0.0, bx / w), max(0.0, by / h), min(1.0, bw / w), min(1.0, bh / h)))
        lbox = landmark_box(face.points)
        bx, by, bw, bh = lbox
        result = FaceResult(face=True, n_faces=n_faces, score=score, pixel_bbox=lbox,
                            bbox=(max(0.0, bx / w), max(0.0, by / h), min(1.0, bw / w), min(1.0, bh / h)))
        if self.pose == "matrix" and face.matrix is not None:
            result.yaw, result.pitch, result.roll = matrix_pose(face.matrix)
        else:
            result.yaw, result.pitch, result.roll = head_pose(face.points)
        result.iris = iris_offsets(face.points)
        result.blendshapes = face.blendshapes
        self._track = (lbox, n_faces, score)  # the crop follows the landmarks
        self._remember(rgb, result)
        return result

    def _remember(self, rgb: np.ndarray, result: FaceResult) -> None:
        """Keep ``result`` (just landmarked) and its face thumbnail, the reference of the frames held next."""
        self._held = 0
        self._seen = None
        if self.hold_max_change > 0 and result.pixel_bbox is not None:
            sig = face_signature(rgb, result.pixel_bbox)
            if sig is not None:
                self._seen = (result, sig)

    def _hold(self, rgb: np.ndarray, bbox: Sequence[float], n_faces: int) -> FaceResult | None:
        """The last landmarked result again, marked ``held``, when this frame's face looks the same; else None.

        ``bbox`` is where the candidate is now (the tracked box, or the box just detected: it must overlap the
        landmarked one, IoU > 0.5); ``n_faces`` the faces counted now.
        """
        if self._seen is None or self._held >= self.hold_max_frames:
            return None
        seen, sig = self._seen
        if seen.pixel_bbox is None or iou(seen.pixel_bbox, bbox) <= 0.5:
            return None
        now = face_signature(rgb, seen.pixel_bbox)
        if now is None or signature_change(now, sig) >= self.hold_max_change:
            return None
        self._held += 1
        self.frames_held += 1
        return dataclasses.replace(seen, held=True, n_faces=n_faces)
