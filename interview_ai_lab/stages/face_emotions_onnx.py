"""Stage — faces, head pose, iris and emotions from ONE decode of the video → ``faces.json``.

The video is decoded once by FFmpeg at ``--landmark-fps`` (default 8: a nod lasts
under a second), downscaled to ``--max-width``. Every decoded frame gets the MediaPipe
Tasks face landmarker (every face; the candidate chosen and tracked; a frame whose face looks
the same as the last landmarked one keeps its measures, ``"held": true``, see ``--hold-max-change``), head pose
(yaw/pitch/roll), iris offsets and, outside recruitment mode, the candidate's eye-blink
and smile blendshape scores (``blink``, ``smile``, 0-1); the frames at ``--sample-fps``
(a subset of the same decode) also get an emotion (ONNX Runtime, batched). The
landmarker bundle is named in ``face_model`` (``--face-model`` or as resolved). ``gaze_nods`` reads the per-frame results from
``faces.json`` and never decodes the video again. When no other long stage runs (the transcription has ended), the worker
with the most video left hands the second half of it to another worker with its own decoder and landmarker, up to
``--face-workers`` (``workers`` says how many ran); the frames and their times are those of one pass.

Emotions are off (no model is resolved nor loaded) in recruitment mode and with
``--no-emotions``; ``faces.json`` says why. The model is FER+ when present in
``models/`` (downloaded there when online), else the packaged 7-class fallback; the
artefact names the one used.

    python scripts/face_emotions_onnx.py --video data/sample.mp4 --outdir outputs/sample1
"""

from __future__ import annotations

import logging
import math
import threading
from concurrent.futures import FIRST_COMPLETED, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from interview_ai_lab.media.ffmpeg import MediaInfo, probe
from interview_ai_lab.report.notices import notice
from interview_ai_lab.runtime.atomic import read_json
from interview_ai_lab.runtime.device import choose_device
from interview_ai_lab.runtime.errors import InputError
from interview_ai_lab.runtime.stage import Context, Payload, Stage

logger = logging.getLogger(__name__)

#: Read when present (ordering only): the media facts extract_audio probed, so the video is not probed twice.
AUDIO = "audio.json"
#: Emotion faces are classified in batches of this many (bounded memory: 64×64 bytes each).
EMOTION_BATCH = 64
#: Shortest stretch of video handed to a face worker of its own, seconds (each one starts a decoder and a landmarker).
MIN_SPLIT_SEC = 30.0
#: A stretch handed over starts on a multiple of this, seconds (see :func:`split_point`).
SPLIT_ALIGN_SEC = 1.0
#: How often the face stage looks whether a core is free for another worker, seconds.
SPLIT_POLL_SEC = 0.5


@dataclass
class Options:
    """Options of the face stage.

    Attributes:
        sample_fps: Frames per second classified for emotions (a subset of the landmark frames).
        landmark_fps: Frames per second decoded for face detection, head pose and iris
            (nods last under a second: 8-10 is enough, landmarks are cheap).
        max_width: Frames are downscaled to at most this width before analysis, pixels.
        smooth_win: Emotion smoothing window, in sampled frames (moving average of the
            probabilities before each frame's label is taken).
        max_timeline: Most points in the emotion timeline (evenly downsampled, not cut off).
        emotions: Infer emotions (``--no-emotions`` skips them: no model is loaded).
        emotion_model: Path of an ONNX emotion model (FER+ 8-class or the 7-class fallback);
            default: ``$IAL_EMOTION_MODEL``, ``models/emotion-ferplus-8.onnx``, download, fallback.
        face_model: Path of a MediaPipe ``face_landmarker.task``; default: ``$IAL_FACE_MODEL``,
            ``models/face_landmarker.task``, the cache, download, the packaged copy.
        min_detection_confidence: Face detector threshold, 0-1.
        min_relative_face_area: A face smaller than this share of the candidate's usual
            box area is never taken for the candidate (a photo on the wall).
        multiple_faces_min_ratio: ``multiple_faces`` is true when at least this share of
            the frames with a face show two faces or more.
        hold_max_change: A frame whose face looks like the last landmarked frame's keeps that frame's measures,
            marked ``"held"``: no 4×4 block of a 32×32 grey thumbnail of the face changed by this much on average
            (grey levels, 0-255; a blink changes the eye's block by 15-24); 0 runs the landmarker on every frame.
        hold_max_frames: Most frames held in a row (2: the landmarker sees at least every third frame).
        face_workers: Most workers analysing stretches of the video side by side, each with its own decoder and
            landmarker (at most ``--threads``; 1: one pass). The landmarker takes one frame at a time, so one worker
            leaves a core idle once the transcription has ended: when no other long stage runs, the worker with the
            most video left hands the second half of it (at least 30 s) to a new worker, which starts by finding
            the face again (the candidate is chosen by the same rule).
    """

    sample_fps: float = 2.0
    landmark_fps: float = 8.0
    max_width: int = 640
    smooth_win: int = 3
    max_timeline: int = 1200
    emotions: bool = True
    emotion_model: str | None = None
    face_model: str | None = None
    min_detection_confidence: float = 0.5
    min_relative_face_area: float = 0.3
    multiple_faces_min_ratio: float = 0.1
    hold_max_change: float = 3.0
    hold_max_frames: int = 2
    face_workers: int = 2


def decode_fps(opts: Options) -> float:
    """Frames decoded a second: landmarks run on every decoded frame (``sample_fps`` above ``landmark_fps`` raises it)."""
    return max(opts.landmark_fps, opts.sample_fps)


def _media_info(ctx: Context) -> MediaInfo:
    """The media facts from ``audio.json`` (written by extract_audio) or a fresh probe."""
    audio_json = ctx.path(AUDIO)
    if audio_json.exists():
        try:
            m = read_json(audio_json).get("media") or {}
            return MediaInfo(**{k: m[k] for k in MediaInfo.__dataclass_fields__ if k in m})
        except (OSError, ValueError, TypeError) as e:
            logger.debug("audio.json unreadable (%s); probing the video", e)
    return probe(ctx.video)


def _round(x: float | None, nd: int = 2) -> float | None:
    return None if x is None or not math.isfinite(x) else round(float(x), nd)


def _emotion_setup(ctx: Context, opts: Options) -> tuple[Any, str | None, list[str]]:
    """(resolved model or None, reason emotions are off or None, warnings)."""
    if ctx.mode == "recruitment":
        return None, "recruitment mode: emotion inference is not allowed (EU AI Act art. 5(1)(f))", []
    if not opts.emotions:
        return None, "disabled with --no-emotions", []
    from interview_ai_lab.runtime.model_resolver import resolve_emotion

    resolved = resolve_emotion(opts.emotion_model)
    warnings = []
    if resolved.fallback:
        warnings.append(notice("emotion_model_fallback",
                               technical=f"used '{resolved.name}'; FER+ was not available"))
    return resolved, None, warnings


def check(opts: Options) -> None:
    """Raise :class:`InputError` for options out of range."""
    if opts.landmark_fps <= 0 or opts.sample_fps <= 0:
        raise InputError("--landmark-fps and --sample-fps must be positive")
    if opts.max_width < 32:
        raise InputError("--max-width must be at least 32 pixels")
    if not opts.hold_max_change >= 0:
        raise InputError("--hold-max-change must be 0 (off) or a positive grey level")
    if opts.hold_max_frames < 0:
        raise InputError("--hold-max-frames must be 0 or more")
    if opts.face_workers < 1:
        raise InputError("--face-workers must be 1 (one pass) or more")


@dataclass(frozen=True)
class Prepared:
    """The models the freshness check and the run share (resolved, not loaded).

    Attributes:
        emotion_model: The emotion model, None when emotions are off.
        disabled_reason: Why emotions are off, None when they are on.
        warnings: Notices from the resolution (a fallback model).
        face_model: The face landmarker bundle.
    """

    emotion_model: Any
    disabled_reason: str | None
    warnings: tuple[dict[str, Any], ...]
    face_model: Any


def prepare(ctx: Context, opts: Options) -> Prepared:
    """Resolve the emotion model (unless emotions are off) and the face landmarker.

    Raises:
        ModelNotFoundError: Emotions are on and no emotion model can be found.
    """
    resolved, disabled_reason, warnings = _emotion_setup(ctx, opts)
    from interview_ai_lab.runtime.model_resolver import resolve_face_landmarker

    return Prepared(resolved, disabled_reason, tuple(warnings), resolve_face_landmarker(opts.face_model))


def fingerprint(ctx: Context, opts: Options, prep: Prepared) -> dict[str, Any]:
    """What makes ``faces.json`` stale besides the options and the video: the mode and the models."""
    return {"mode": ctx.mode, "emotion_model": str(prep.emotion_model.path) if prep.emotion_model else None,
            "face_model": str(prep.face_model.path)}


def run(ctx: Context, opts: Options, prep: Prepared) -> Payload:
    """Analyse the faces of ``ctx.video``; the payload of ``faces.json``.

    Raises:
        InputError: An unreadable video.
        StageError: FFmpeg or ONNX Runtime failed.
    """
    resolved, disabled_reason, warnings, face_model = (prep.emotion_model, prep.disabled_reason, list(prep.warnings),
                                                       prep.face_model)
    info = _media_info(ctx)
    base: dict[str, Any] = {
        "emotions_enabled": resolved is not None,
        "emotions_disabled_reason": disabled_reason,
        "emotion_model": resolved.as_dict() if resolved else None,
        "face_model": face_model.as_dict(),
        "sample_fps": opts.sample_fps,
        "landmark_fps": decode_fps(opts),
    }
    if not info.has_video:
        warnings.append(notice("no_video_stream"))
        logger.warning(warnings[-1]["message"])
        return {"frames": [], "emotions": None, **base, "face_detected_ratio": 0.0, "multiple_faces": False,
                "frames_analysed": 0, "frames_held": 0, "workers": 0, "has_video": False, "warnings": warnings}

    payload = _analyse(ctx, opts, info, resolved, face_model.path)
    warnings += payload.pop("warnings")
    if payload["face_detected_ratio"] == 0.0:
        warnings.append(notice("no_face"))
        logger.warning(warnings[-1]["message"])
    elif payload["face_detected_ratio"] < 0.5:
        warnings.append(notice("face_rarely_visible", ratio=payload["face_detected_ratio"]))
    if payload["multiple_faces"]:
        warnings.append(notice("multiple_faces"))
    payload = {**payload, **base, "has_video": True, "warnings": warnings}
    if resolved is None:
        payload["emotions"] = None
    return payload


def split_point(*, position_sec: float, end_sec: float, fps: float, min_sec: float = MIN_SPLIT_SEC,
                align_sec: float = SPLIT_ALIGN_SEC) -> float | None:
    """Where a worker at ``position_sec`` hands the rest of its stretch (to ``end_sec``) to a new one, or None.

    About the middle of what is left: the next multiple of ``align_sec`` seconds, on the frame grid of
    ``fps`` (``k / fps``), after the frame at ``position_sec``. None when each half would be shorter than
    ``min_sec`` seconds. Aligned on whole seconds, the new worker detects faces on the frames a single pass
    detects them on (every 0.5 s from 0), so its landmarker sees the same crops.

    >>> split_point(position_sec=0.25, end_sec=600.0, fps=8.0)
    301.0
    >>> split_point(position_sec=550.0, end_sec=600.0, fps=8.0) is None
    True
    """
    if end_sec - position_sec < 2 * min_sec:
        return None
    middle = math.ceil((position_sec + end_sec) / 2 / align_sec) * align_sec
    k = max(math.ceil(middle * fps - 1e-6), math.floor(position_sec * fps + 1e-6) + 1)
    return k / fps


@dataclass
class Stretch:
    """A part of the video one worker analyses: from ``start_sec`` up to ``end_sec`` (seconds).

    ``end_sec`` may be moved earlier while the worker runs (the rest is handed to another worker);
    ``last_t`` is the time of the last frame it took, under ``lock``.
    """

    start_sec: float
    end_sec: float
    last_t: float = -math.inf
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def take(self, t: float, *, frame_sec: float) -> bool:
        """True (and ``t`` recorded) when the frame at ``t`` seconds is this stretch's; False past its end."""
        with self.lock:
            if t > self.end_sec - frame_sec / 2:
                return False
            self.last_t = t
            return True

    def hand_over(self, *, fps: float, duration_sec: float) -> Stretch | None:
        """Cut this stretch in two where :func:`split_point` says (its end counted at most ``duration_sec``).

        Returns the second half, a new stretch (ending where this one ended), or None when it is too short.
        """
        with self.lock:
            cut = split_point(position_sec=max(self.start_sec, self.last_t),
                              end_sec=min(self.end_sec, duration_sec), fps=fps)
            if cut is None:
                return None
            rest = Stretch(cut, self.end_sec)
            self.end_sec = cut
            return rest

    def left_sec(self, duration_sec: float) -> float:
        """Seconds of this stretch not yet taken (its end counted at most ``duration_sec``)."""
        with self.lock:
            return min(self.end_sec, duration_sec) - max(self.start_sec, self.last_t)


@dataclass
class StretchResult:
    """What one stretch of the video gave.

    Attributes:
        frames: The ``faces.json`` rows, in time order.
        emotion_times: Times of the frames classified for emotions, seconds.
        emotion_probs: Their FER+ probabilities (8 each).
        frames_held: Frames that kept the last landmarked frame's measures.
    """

    frames: list[dict[str, Any]] = field(default_factory=list)
    emotion_times: list[float] = field(default_factory=list)
    emotion_probs: list[np.ndarray] = field(default_factory=list)
    frames_held: int = 0


def _analyse_stretch(ctx: Context, opts: Options, info: MediaInfo, model: Any, face_model: Path, stretch: Stretch, *,
                     progress: Any, stop: threading.Event) -> StretchResult:
    """One decode of a stretch of the video: landmarks on every frame, emotions on the sampled ones."""
    import cv2

    from interview_ai_lab.media.frames import FrameStream
    from interview_ai_lab.vision import nonverbal_metrics as nm
    from interview_ai_lab.vision.emotion_model import FERPLUS_LABELS, face_patch
    from interview_ai_lab.vision.face import FaceAnalyzer

    fps = decode_fps(opts)
    out = StretchResult()
    pending_t: list[float] = []
    pending_faces: list[np.ndarray] = []
    pending_rows: list[dict[str, Any]] = []
    # index of the next emotion sample slot (t ≥ next_sample / sample_fps)
    next_sample = math.ceil(stretch.start_sec * opts.sample_fps - 1e-6)

    def flush() -> None:
        if not pending_faces:
            return
        probs = model.to_ferplus(model.predict(np.stack(pending_faces)))
        for tt, row, pr in zip(pending_t, pending_rows, probs):
            out.emotion_times.append(tt)
            out.emotion_probs.append(pr)
            row["e"] = FERPLUS_LABELS[int(pr.argmax())]
        pending_t.clear(), pending_faces.clear(), pending_rows.clear()

    expressions = ctx.mode != "recruitment"  # no expression measure is kept in recruitment mode
    # FFmpeg starts first: its start-up and first frames overlap the loading of the landmarker
    stream = FrameStream(ctx.video, fps=fps, width=info.width, height=info.height, max_width=opts.max_width,
                         duration_sec=max(info.duration_sec, 1e-6), progress=progress, start_sec=stretch.start_sec)
    with stream, FaceAnalyzer(model_path=str(face_model), blendshapes=expressions,
                              min_detection_confidence=opts.min_detection_confidence,
                              min_relative_area=opts.min_relative_face_area,
                              hold_max_change=opts.hold_max_change,
                              hold_max_frames=opts.hold_max_frames) as analyzer:
        for fr in stream:
            if stop.is_set() or not stretch.take(fr.t, frame_sec=1.0 / fps):  # a failure, or the next stretch's
                break
            res = analyzer.analyse(fr.image, fr.t)
            row: dict[str, Any] = {
                "t": round(fr.t, 3), "face": res.face, "n_faces": res.n_faces,
                "bbox": [round(v, 4) for v in res.bbox] if res.bbox else None,
                "yaw": _round(res.yaw), "pitch": _round(res.pitch), "roll": _round(res.roll),
                "iris": [round(res.iris[0], 4), round(res.iris[1], 4)] if res.iris else None,
            }
            if expressions and res.blendshapes:
                row["blink"], row["smile"] = nm.blink_smile_scores(blendshapes=res.blendshapes)
            if res.held:
                row["held"] = True
            out.frames.append(row)
            is_sample = fr.t + 1e-6 >= next_sample / opts.sample_fps
            if is_sample:
                next_sample = int(math.floor(fr.t * opts.sample_fps + 1e-6)) + 1
            if model is not None and is_sample and res.face and res.pixel_bbox is not None:
                grey = cv2.cvtColor(fr.image, cv2.COLOR_RGB2GRAY)
                pending_faces.append(face_patch(grey, res.pixel_bbox))
                pending_t.append(fr.t)
                pending_rows.append(row)
                if len(pending_faces) >= EMOTION_BATCH:
                    flush()
        out.frames_held = analyzer.frames_held
    if model is not None:
        flush()
    return out


def _analyse(ctx: Context, opts: Options, info: MediaInfo, resolved: Any, face_model: Path) -> dict[str, Any]:
    """The video in one or more :class:`Stretch` es (one decode each, side by side), joined in time order."""
    import cv2

    from interview_ai_lab.vision import nonverbal_metrics as nm
    from interview_ai_lab.vision.emotion_model import FERPLUS_LABELS, EmotionModel

    try:
        cv2.setNumThreads(max(1, ctx.threads))
    except Exception:
        pass
    model = (EmotionModel(resolved.path, threads=ctx.threads, providers=tuple(choose_device(ctx.device).onnx_providers))
             if resolved is not None else None)
    duration = max(info.duration_sec, 1e-6)
    most_workers = max(1, min(opts.face_workers, ctx.threads))
    stretches = [Stretch(0.0, math.inf)]
    done: dict[int, float] = {}
    lock = threading.Lock()
    stop = threading.Event()

    def progress_of(i: int) -> Any:
        def progress(seconds: float, _covered: float) -> None:
            with lock:
                done[i] = seconds
                ctx.hook(STAGE.name, round(min(sum(done.values()), duration), 1), round(duration, 1))
        return progress

    def work(i: int) -> StretchResult:
        try:
            return _analyse_stretch(ctx, opts, info, model, face_model, stretches[i], progress=progress_of(i), stop=stop)
        except BaseException:
            stop.set()  # the other workers stop at their next frame
            raise

    # One worker while another stage (the transcription) keeps the other cores busy; when this stage runs alone,
    # the worker with the most video left hands its second half to a new worker, up to `most_workers`.
    with ThreadPoolExecutor(max_workers=most_workers, thread_name_prefix="faces") as pool:
        futures = {pool.submit(work, 0): 0}
        while pending := [f for f in futures if not f.done()]:  # (a done future would make `wait` return at once)
            wait(pending, timeout=SPLIT_POLL_SEC, return_when=FIRST_COMPLETED)
            running = [futures[f] for f in pending if not f.done()]
            if not running or stop.is_set() or len(stretches) >= most_workers or ctx.others_running() > 0:
                continue
            longest = max(running, key=lambda i: stretches[i].left_sec(duration))
            rest = stretches[longest].hand_over(fps=decode_fps(opts), duration_sec=duration)
            if rest is None:
                continue
            stretches.append(rest)
            logger.info("faces: the video from %.1f s is handed to worker %d", rest.start_sec, len(stretches))
            futures[pool.submit(work, len(stretches) - 1)] = len(stretches) - 1
        parts = {i: f.result() for f, i in futures.items()}
    order = sorted(parts, key=lambda i: stretches[i].start_sec)
    parts = [parts[i] for i in order]
    frames = [row for p in parts for row in p.frames]
    emo_times = [t for p in parts for t in p.emotion_times]
    emo_probs = [pr for p in parts for pr in p.emotion_probs]
    frames_held = sum(p.frames_held for p in parts)
    warnings: list[str] = []

    n = len(frames)
    with_face = [f for f in frames if f["face"]]
    multi = sum(1 for f in with_face if f["n_faces"] >= 2)
    emotions = None
    if model is not None and emo_times:
        emotions = nm.emotion_summary(np.array(emo_times), np.stack(emo_probs), labels=FERPLUS_LABELS,
                                      smooth_win=opts.smooth_win, max_timeline=opts.max_timeline)
        if emotions is not None and model.kind == "fer7":
            emotions["distribution"].pop("contempt", None)
            emotions["mean_probabilities"].pop("contempt", None)
        if emotions is not None:
            emotions["model"] = resolved.name
    if n == 0:
        warnings.append(notice("no_frames"))
    return {
        "frames": frames,
        "emotions": emotions,
        "face_detected_ratio": round(len(with_face) / n, 4) if n else 0.0,
        "multiple_faces": bool(with_face) and multi / len(with_face) >= opts.multiple_faces_min_ratio,
        "frames_analysed": n,
        "frames_held": frames_held,
        "workers": len(stretches),
        "emotion_frames": len(emo_times),
        "duration_sec": round(info.duration_sec, 3),
        "warnings": warnings,
    }


STAGE = Stage(name="face_emotions_onnx", version="5", output="faces.json", after=(AUDIO,), options=Options, run=run,
              uses_video=True, check=check, prepare=prepare, fingerprint=fingerprint, weight=25,
              yield_cpu=2)

