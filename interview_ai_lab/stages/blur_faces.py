"""Stage 9 — face blurring (GDPR): an anonymised copy of the video with every face blurred.

With ``--blur-faces``, writes ``<outdir>/video_blurred.mp4`` (every frame, the original
frame rate and displayed size, the audio track kept) and ``blur.json`` describing it.
Without it, writes ``{"blurred": null}`` at once.

Faces come from two sources: the MediaPipe Tasks face detector (the BlazeFace model of
the ``face_landmarker.task`` bundle) run on **every** decoded frame, on the whole frame
and on four overlapping quarters (so that a small face, far from the camera or in a
photo, is seen at twice the size), with a low confidence threshold so that doubtful
faces are blurred too, and the candidate's boxes of the face stage (``faces.json``, at
``--landmark-fps``). A face seen in one frame is also blurred in the frames around it
(``hold_before_sec`` before, ``hold_after_sec`` after, its box growing with the time
since it was seen), so a face the detector misses for a few frames — a head turn, motion
blur — never flashes through. Each box is enlarged by ``margin`` (hair, ears, chin) and
pixelated then smoothed, which leaves nothing a face detector or a person can recognise.

The video is decoded once through an FFmpeg pipe and encoded through another
(H.264, ``crf``), the audio stream copied from the original (re-encoded to AAC when
MP4 cannot hold its codec).

    python scripts/blur_faces.py --video data/sample.mp4 --outdir outputs/sample1 --blur-faces
"""

from __future__ import annotations

import json
import logging
import math
import subprocess
import tempfile
import time
from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from interview_ai_lab.media.ffmpeg import find_ffmpeg, find_ffprobe, probe
from interview_ai_lab.report.notices import notice
from interview_ai_lab.runtime.atomic import atomic_path, read_json
from interview_ai_lab.runtime.errors import StageError
from interview_ai_lab.runtime.stage import Context, Payload, Stage

logger = logging.getLogger(__name__)

#: Read when present: the face stage's candidate boxes, blurred too.
FACES = "faces.json"
VIDEO_NAME = "video_blurred.mp4"
#: Audio codecs an MP4 file holds as they are (copied); others are re-encoded to AAC.
_MP4_AUDIO = {"aac", "mp3", "alac", "ac3", "eac3", "opus", "flac"}

Box = tuple[float, float, float, float]  # x, y, w, h normalised to the frame (0-1)


@dataclass
class Options:
    """Options of the face blurring.

    Attributes:
        blur_faces: Write the blurred copy (``--blur-faces``); off: nothing is done.
        detect_confidence: MediaPipe detection threshold, 0-1; lower than the analysis
            threshold on purpose: a doubtful face is blurred rather than left.
        detect_width: Frames are downscaled to this width for detection only, pixels.
        margin: Each face box is enlarged by this share of its size on every side.
        hold_before_sec: A detected face is also blurred this long before it was first seen, seconds.
        hold_after_sec: ... and this long after it was last seen, seconds.
        growth_per_sec: A held box grows by this share of its size per second since the
            detection (the head may have moved).
        verify: Run the detector again on each blurred frame and flatten (paint with its mean
            colour) any region where it still finds a face.
        crf: H.264 quality of the output (lower is better, 18-23 is visually lossless to good).
        preset: x264 speed preset.
    """

    blur_faces: bool = False
    detect_confidence: float = 0.4
    detect_width: int = 640
    margin: float = 0.3
    hold_before_sec: float = 0.4
    hold_after_sec: float = 1.0
    growth_per_sec: float = 0.3
    verify: bool = True
    crf: int = 20
    preset: str = "veryfast"


# --------------------------------------------------------------------------- pure box logic


def expand_box(box: Box, *, margin: float) -> Box:
    """``box`` (normalised ``x, y, w, h``) enlarged by ``margin`` × its size on each side, clipped to the frame."""
    x, y, w, h = box
    x0, y0 = max(0.0, x - margin * w), max(0.0, y - margin * h)
    x1, y1 = min(1.0, x + w * (1 + margin)), min(1.0, y + h * (1 + margin))
    return x0, y0, max(0.0, x1 - x0), max(0.0, y1 - y0)


def boxes_to_blur(*, detections: dict[int, list[Box]], frame: int, fps: float, margin: float, hold_before_sec: float,
                  hold_after_sec: float, growth_per_sec: float) -> list[Box]:
    """The boxes to blur in frame ``frame`` (normalised coordinates).

    Every detection from ``hold_after_sec`` before to ``hold_before_sec`` after the frame, enlarged by
    ``margin`` plus ``growth_per_sec`` × its age.

    Args:
        detections: Normalised boxes detected in each frame index.
        frame: Index of the frame to blur.
        fps: Frames per second.
        margin: Share of the box size added on each side.
        hold_before_sec: How far ahead detections are looked for, seconds.
        hold_after_sec: How far back detections are kept, seconds.
        growth_per_sec: Extra margin per second of age of the detection.
    """
    back = int(math.ceil(hold_after_sec * fps))
    ahead = int(math.ceil(hold_before_sec * fps))
    out: list[Box] = []
    for k in range(frame - back, frame + ahead + 1):
        for b in detections.get(k, ()):
            age = abs(frame - k) / max(fps, 1e-6)
            out.append(expand_box(b, margin=margin + growth_per_sec * age))
    return out


def pixel_rect(box: Box, width: int, height: int) -> tuple[int, int, int, int]:
    """Normalised box → pixel rectangle ``(x0, y0, x1, y1)`` clipped to the frame (outward rounding)."""
    x, y, w, h = box
    x0, y0 = max(0, int(math.floor(x * width))), max(0, int(math.floor(y * height)))
    x1, y1 = min(width, int(math.ceil((x + w) * width))), min(height, int(math.ceil((y + h) * height)))
    return x0, y0, x1, y1


def blur_rects(image: np.ndarray, rects: Iterable[tuple[int, int, int, int]], *, cells: int = 8) -> int:
    """Blur the union of the rectangles ``(x0, y0, x1, y1)`` of ``image`` in place; returns the regions blurred.

    The rectangles are painted into a mask; each connected region of the mask is
    pixelated to about ``cells`` cells across (a face's features are gone at that size),
    enlarged back, Gaussian-smoothed so no block edge looks like a feature, and copied
    into the image inside the mask only. The many held boxes of one face are thus
    blurred once, and two faces side by side stay two regions.
    """
    import cv2

    h, w = image.shape[:2]
    mask = np.zeros((h, w), np.uint8)
    for x0, y0, x1, y1 in rects:
        if x1 - x0 >= 2 and y1 - y0 >= 2:
            mask[y0:y1, x0:x1] = 1
    if not mask.any():
        return 0
    n, _, stats, _ = cv2.connectedComponentsWithStats(mask, connectivity=4)
    for x, y, rw, rh, _area in stats[1:n]:
        roi = image[y:y + rh, x:x + rw]
        size = (max(1, min(int(rw), cells)), max(1, min(int(rh), int(round(cells * rh / rw)) or 1)))
        small = cv2.resize(roi, size, interpolation=cv2.INTER_AREA)
        big = cv2.resize(small, (int(rw), int(rh)), interpolation=cv2.INTER_LINEAR)
        k = max(3, (int(min(rw, rh)) // 6) | 1)
        big = cv2.GaussianBlur(big, (k, k), 0)
        m = mask[y:y + rh, x:x + rw].astype(bool)
        roi[m] = big[m]
    return int(n - 1)


def fill_rects(image: np.ndarray, rects: Iterable[tuple[int, int, int, int]]) -> int:
    """Paint each rectangle ``(x0, y0, x1, y1)`` of ``image`` with its own mean colour, in place."""
    n = 0
    for x0, y0, x1, y1 in rects:
        if x1 - x0 >= 1 and y1 - y0 >= 1:
            roi = image[y0:y1, x0:x1]
            roi[:] = roi.reshape(-1, roi.shape[-1]).mean(axis=0).astype(image.dtype)
            n += 1
    return n


# --------------------------------------------------------------------------- detection


def tiles(width: int, height: int, *, overlap: float = 0.25) -> list[tuple[int, int, int, int]]:
    """The whole frame and its four quarters, each grown by ``overlap`` × its size: ``(x0, y0, x1, y1)`` pixels."""
    out = [(0, 0, width, height)]
    tw, th = width / 2 * (1 + overlap), height / 2 * (1 + overlap)
    for x0 in (0, width - tw):
        for y0 in (0, height - th):
            out.append((int(round(x0)), int(round(y0)), int(round(x0 + tw)), int(round(y0 + th))))
    return out


class FaceFinder:
    """All faces of a frame with the MediaPipe Tasks face detector, on the frame and its quarters (boxes normalised).

    Args:
        min_confidence: Detection threshold, 0-1.
        detect_width: Frames wider than this are downscaled for detection, pixels.
        model_path: ``face_landmarker.task`` (its BlazeFace model is used); default: as resolved.
    """

    def __init__(self, *, min_confidence: float, detect_width: int, model_path: str | None = None,
                 quarters: bool = False):
        from interview_ai_lab.vision.face import create_detector

        if model_path is None:
            from interview_ai_lab.runtime.model_resolver import resolve_face_landmarker

            model_path = str(resolve_face_landmarker().path)
        self._detector = create_detector(model_path, min_confidence=min_confidence)
        self.detect_width = detect_width
        self.quarters = quarters

    def __enter__(self) -> FaceFinder:
        return self

    def __exit__(self, *exc: Any) -> None:
        try:
            self._detector.close()
        except Exception:
            pass

    def find(self, rgb: np.ndarray) -> list[Box]:
        """Normalised boxes of every face found in the frame or one of its quarters."""
        import cv2

        from interview_ai_lab.vision.face import detector_boxes, mp_image

        h, w = rgb.shape[:2]
        if self.detect_width and w > self.detect_width:
            scale = self.detect_width / w
            rgb = cv2.resize(rgb, (self.detect_width, max(2, int(round(h * scale)))), interpolation=cv2.INTER_AREA)
        sh, sw = rgb.shape[:2]
        boxes: list[Box] = []
        for x0, y0, x1, y1 in tiles(sw, sh) if self.quarters else [(0, 0, sw, sh)]:
            part = rgb if (x0, y0, x1, y1) == (0, 0, sw, sh) else np.ascontiguousarray(rgb[y0:y1, x0:x1])
            for d in detector_boxes(self._detector.detect(mp_image(part))):
                bx, by, bw, bh = d.bbox
                boxes.append(((x0 + bx) / sw, (y0 + by) / sh, bw / sw, bh / sh))
        return boxes


def stage_boxes(faces: dict[str, Any] | None, *, fps: float, n_hint: int = 0) -> dict[int, list[Box]]:
    """The face stage's candidate boxes (``faces.json`` frames, normalised) by nearest frame index."""
    out: dict[int, list[Box]] = {}
    for f in (faces or {}).get("frames") or []:
        b = f.get("bbox")
        if f.get("face") and b and len(b) == 4:
            out.setdefault(int(round(float(f["t"]) * fps)), []).append(tuple(float(v) for v in b))  # type: ignore[arg-type]
    return out


# --------------------------------------------------------------------------- video I/O


def _rate(video: Path, fallback: float) -> str:
    """The video stream's average frame rate as FFmpeg writes it (``30000/1001``), else ``fallback``."""
    tool = find_ffprobe()
    if tool is not None:
        proc = subprocess.run([tool.path, "-v", "error", "-select_streams", "v:0", "-show_entries",
                               "stream=avg_frame_rate,r_frame_rate", "-of", "json", str(video)],
                              capture_output=True, text=True, encoding="utf-8", errors="replace")
        try:
            s = (json.loads(proc.stdout or "{}").get("streams") or [{}])[0]
            for key in ("avg_frame_rate", "r_frame_rate"):
                num, _, den = str(s.get(key, "0/0")).partition("/")
                if float(num or 0) > 0 and float(den or 1) > 0:
                    return s[key]
        except (ValueError, IndexError):
            pass
    return f"{fallback:g}"


def _blur_video(ctx: Context, opts: Options, out_video: Path) -> dict[str, Any]:
    from interview_ai_lab.media.frames import output_size, rotation_deg

    info = probe(ctx.video)
    if not info.has_video:
        return {"skipped": "the file has no video stream"}
    width, height = output_size(info.width, info.height, 0, rotation=rotation_deg(ctx.video))
    rate = _rate(ctx.video, info.fps or 25.0)
    num, _, den = rate.partition("/")
    fps = float(num) / float(den or 1)
    faces = read_json(ctx.path(FACES)) if ctx.path(FACES).exists() else None
    detections = stage_boxes(faces, fps=fps)
    from_stage = sum(len(v) for v in detections.values())
    ffmpeg = find_ffmpeg().path
    decode = [ffmpeg, "-hide_banner", "-nostdin", "-loglevel", "error", "-i", str(ctx.video), "-map", "0:v:0",
              "-an", "-sn", "-dn", "-fps_mode", "passthrough", "-vf", f"scale={width}:{height}",
              "-f", "rawvideo", "-pix_fmt", "rgb24", "pipe:1"]
    audio_codec = info.audio_codec if info.has_audio else ""
    audio_args = (["-map", "1:a:0", "-c:a", "copy"] if audio_codec in _MP4_AUDIO else
                  ["-map", "1:a:0", "-c:a", "aac", "-b:a", "160k"]) if info.has_audio else []
    frame_bytes = width * height * 3
    ahead = int(math.ceil(opts.hold_before_sec * fps))
    n_in = n_out = frames_blurred = rects_blurred = detected_frames = 0
    nonlocal_flat = [0]  # regions flattened after the verification pass
    pending: deque[tuple[int, np.ndarray]] = deque()
    with atomic_path(out_video) as tmp, tempfile.TemporaryFile() as dec_err, tempfile.TemporaryFile() as enc_err:
        encode = [ffmpeg, "-hide_banner", "-nostdin", "-loglevel", "error", "-y", "-f", "rawvideo", "-pix_fmt", "rgb24",
                  "-s", f"{width}x{height}", "-r", rate, "-i", "pipe:0", "-i", str(ctx.video), "-map", "0:v:0",
                  "-c:v", "libx264", "-preset", opts.preset, "-crf", str(opts.crf), "-pix_fmt", "yuv420p",
                  "-threads", str(max(1, ctx.threads)), *audio_args, "-movflags", "+faststart", "-f", "mp4", str(tmp)]
        dec = subprocess.Popen(decode, stdout=subprocess.PIPE, stderr=dec_err, bufsize=frame_bytes)
        enc = subprocess.Popen(encode, stdin=subprocess.PIPE, stderr=enc_err)
        assert dec.stdout is not None and enc.stdin is not None

        def emit(index: int, image: np.ndarray) -> None:
            nonlocal n_out, frames_blurred, rects_blurred
            boxes = boxes_to_blur(detections=detections, frame=index, fps=fps, margin=opts.margin,
                                  hold_before_sec=opts.hold_before_sec, hold_after_sec=opts.hold_after_sec,
                                  growth_per_sec=opts.growth_per_sec)
            done = blur_rects(image, (pixel_rect(b, width, height) for b in boxes))
            if done and opts.verify:
                # a blurred blob can still look like a face to a detector: check, and flatten what it finds
                for _ in range(2):
                    left = finder.find(image)
                    if not left:
                        break
                    nonlocal_flat[0] += len(left)
                    fill_rects(image, (pixel_rect(expand_box(b, margin=opts.margin), width, height) for b in left))
            frames_blurred += done > 0
            rects_blurred += done
            enc.stdin.write(image.tobytes())  # type: ignore[union-attr]
            n_out += 1

        try:
            with FaceFinder(min_confidence=opts.detect_confidence, detect_width=opts.detect_width) as finder:
                while True:
                    buf = dec.stdout.read(frame_bytes)
                    if len(buf) < frame_bytes:
                        break
                    image = np.frombuffer(buf, dtype=np.uint8).reshape(height, width, 3).copy()
                    found = finder.find(image)
                    if found:
                        detections.setdefault(n_in, []).extend(found)
                        detected_frames += 1
                    pending.append((n_in, image))
                    n_in += 1
                    while pending and pending[0][0] <= n_in - 1 - ahead:
                        emit(*pending.popleft())
                    if n_in % max(1, int(fps)) == 0:
                        ctx.hook(STAGE.name, round(n_in / fps, 1), round(info.duration_sec, 1))
                while pending:
                    emit(*pending.popleft())
            enc.stdin.close()
        except BrokenPipeError:
            pass
        finally:
            dec.stdout.close()
            if dec.poll() is None:
                dec.kill()
            dec_code = dec.wait()
            enc_code = enc.wait()
        if enc_code != 0:
            enc_err.seek(0)
            lines = enc_err.read().decode("utf-8", "replace").strip().splitlines()
            raise StageError(f"ffmpeg could not encode the blurred video: {lines[-1] if lines else f'exit code {enc_code}'}")
        if n_in == 0:
            dec_err.seek(0)
            lines = dec_err.read().decode("utf-8", "replace").strip().splitlines()
            raise StageError(f"ffmpeg could not decode {ctx.video.name}: {lines[-1] if lines else f'exit code {dec_code}'}")
    return {
        "path": out_video.name, "frames": n_out, "fps": round(fps, 3), "width": width, "height": height,
        "frames_with_detections": detected_frames, "frames_blurred": frames_blurred, "regions_blurred": rects_blurred,
        "regions_flattened": nonlocal_flat[0],
        "boxes_from_face_stage": from_stage,
        "audio": ("copied" if audio_codec in _MP4_AUDIO else "re-encoded (aac)") if info.has_audio else "none",
        "detector": "mediapipe tasks face detector (frame + quarters), every frame" + (" + faces.json boxes" if from_stage else ""),
        "settings": {"detect_confidence": opts.detect_confidence, "margin": opts.margin,
                     "hold_before_sec": opts.hold_before_sec, "hold_after_sec": opts.hold_after_sec,
                     "growth_per_sec": opts.growth_per_sec, "verify": opts.verify, "crf": opts.crf},
    }


def run(ctx: Context, opts: Options) -> Payload:
    """Write ``video_blurred.mp4`` (atomically); the payload of ``blur.json``."""
    video_out = ctx.path(VIDEO_NAME)
    t0 = time.perf_counter()
    result = _blur_video(ctx, opts, video_out)
    warnings: list[str] = []
    if "skipped" in result:
        warnings.append(notice("blur_skipped", reason="no_video_stream"))
        logger.warning(warnings[-1]["message"])
        return {"blurred": None, "warnings": warnings}
    result["seconds"] = round(time.perf_counter() - t0, 2)
    logger.info("Blurred video: %s (%d frames, faces blurred in %d)", video_out, result["frames"],
                result["frames_blurred"])
    return {"blurred": result, "warnings": warnings}


STAGE = Stage(name="blur_faces", version="2", optional_inputs=(FACES,), output="blur.json", options=Options, run=run,
              uses_video=True, enabled=lambda opts: opts.blur_faces, disabled_payload={"blurred": None, "warnings": []},
              side_files_ok=lambda ctx, opts, artefact: ctx.path(VIDEO_NAME).exists(), weight=2)

