"""Last stage — merge every artefact into ``report.json`` (validated against the schema).

``report.json`` keeps the original keys (transcript, speech, text, nonverbal, scores)
and adds score_details, warnings, meta (models used, mode, options, per-stage wall
time, versions), the media facts, the words with their times (for a clickable
transcript), the known limits of each measure and a note that the scores assist a
human decision. With ``--html`` a self-contained ``report.html`` is written too.

    python scripts/merge_report.py --outdir outputs/sample1
"""

from __future__ import annotations

import logging
import platform
import time
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

from interview_ai_lab.media.audio import min_pause_of
from interview_ai_lab.report.notices import merge_notices
from interview_ai_lab.report.schema import SCHEMA_VERSION, validate_report
from interview_ai_lab.runtime.atomic import read_json
from interview_ai_lab.runtime.catalogue import entry, fill, placeholders, text
from interview_ai_lab.runtime.model_resolver import network_meta
from interview_ai_lab.runtime.resources import package_version
from interview_ai_lab.runtime.stage import Context, Payload, Stage

logger = logging.getLogger(__name__)

PROJECT_VERSION = package_version()
_PACKAGES = ("faster-whisper", "ctranslate2", "librosa", "transformers", "torch", "onnxruntime", "mediapipe",
             "numpy", "opencv-contrib-python")

#: Says that the scores assist a human and never decide (``disclaimers.report`` of ``report_texts.json``).
DISCLAIMER = text("report_texts", "disclaimers", "report")

#: The known limits of each measure, in English (``limits`` of ``report_texts.json``; the front end shows
#: the reader's language): templates, filled by :func:`limits` with the run's settings.
LIMITS: dict[str, str] = {key: str(node["en"]) for key, node in entry("report_texts", "limits").items()}


def limits(*, speech: dict[str, Any] | None, mode: str) -> dict[str, str]:
    """The known limits of this run's measures, in English; emotions are left out in recruitment mode.

    The shortest pause counted is the run's own (``speech.json`` ``min_pause_sec``).
    """
    values = {"min_pause_sec": min_pause_of(speech)}
    return {k: fill(v, **{p: values[p] for p in placeholders(v)}) for k, v in LIMITS.items()
            if not (mode == "recruitment" and k == "emotions")}


@dataclass
class Options:
    """Options of the merge.

    Attributes:
        html: Also write a self-contained ``report.html`` next to ``report.json``.
    """

    html: bool = False


def load_artefacts(ctx: Context) -> dict[str, dict[str, Any] | None]:
    """Every other stage's artefact in ``ctx.outdir`` by stage name, in run order (None when absent).

    The stages are ``ctx.stages``, which the runner sets for the merge.
    """
    out: dict[str, dict[str, Any] | None] = {}
    for stage in ctx.stages:
        if not stage.merges:
            path = ctx.path(stage.output)
            out[stage.name] = read_json(path) if path.exists() else None
    return out


def package_versions() -> dict[str, str]:
    """Versions of the project, Python and the main libraries (absent ones are skipped)."""
    versions = {"interview-ai-lab": PROJECT_VERSION, "python": platform.python_version(), "report_schema": SCHEMA_VERSION}
    for name in _PACKAGES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            pass
    return versions


def timed_words(transcript: dict[str, Any] | None, speech: dict[str, Any] | None) -> list[dict[str, Any]]:
    """Words with times ``[{w, start, end, filler}]`` (seconds) for a clickable transcript."""
    if not transcript:
        return []
    filler_times = [float(e["t"]) for e in (speech or {}).get("filler_events", []) if e.get("source", "asr") == "asr"]
    words = []
    for seg in transcript.get("segments", []):
        for w in seg.get("words") or []:
            start, end = float(w.get("start", seg.get("start", 0.0))), float(w.get("end", seg.get("end", 0.0)))
            is_filler = any(start - 0.05 <= t <= end + 0.05 for t in filler_times)
            words.append({"w": str(w.get("word", "")).strip(), "start": round(start, 3), "end": round(end, 3),
                          "filler": is_filler})
    return words


def build_report(ctx: Context, *, options: dict[str, Any], stage_seconds: dict[str, float],
                 device_choice: dict[str, Any] | None = None) -> dict[str, Any]:
    """Assemble the report dict from the artefacts in ``ctx.outdir``."""
    arts = load_artefacts(ctx)
    audio, transcript = arts.get("extract_audio") or {}, arts.get("transcribe")
    speech = (arts.get("speech_metrics") or {}).get("speech")
    text_art = arts.get("text_analysis") or {}
    text = text_art.get("text")
    faces, gaze_art = arts.get("face_emotions_onnx") or {}, arts.get("gaze_nods") or {}
    scores_art = arts.get("scores") or {}

    notices = merge_notices([(art or {}).get("warnings", []) for art in arts.values()])
    warnings = [n["message"] for n in notices]

    nonverbal = gaze_art.get("nonverbal")
    if nonverbal is not None:
        nonverbal = dict(nonverbal)
        nonverbal["emotions"] = faces.get("emotions")
        nonverbal.setdefault("face_detected_ratio", faces.get("face_detected_ratio"))
        if faces.get("multiple_faces") is not None:
            nonverbal["multiple_faces"] = faces.get("multiple_faces")

    seconds = dict(stage_seconds)
    for art in arts.values():
        stage = (art or {}).get("_meta", {}).get("stage")
        if stage and stage not in seconds and "seconds" in art["_meta"]:
            seconds[stage] = art["_meta"]["seconds"]

    report: dict[str, Any] = {
        "transcript": (transcript or {}).get("text", "") or "",
        "speech": speech,
        "text": text,
        "nonverbal": nonverbal,
        "scores": scores_art.get("scores") or {"verbal": None, "paraverbal": None, "nonverbal": None, "total": None},
        "score_details": scores_art.get("score_details", {}),
        "warnings": warnings,
        "notices": notices,
        "language": (transcript or {}).get("language"),
        "words": timed_words(transcript, speech),
        "transcript_dropped": (transcript or {}).get("dropped") or [],
        "questions": (arts.get("questions") or {}).get("questions"),
        "blur": (arts.get("blur_faces") or {}).get("blurred"),
        "media": audio.get("media"),
        "limits": limits(speech=speech, mode=ctx.mode),
        "disclaimer": DISCLAIMER,
        "meta": {
            "asr_model": (transcript or {}).get("model"),
            "emotion_model": faces.get("emotion_model"),
            "face_model": faces.get("face_model"),
            "text_models": text_art.get("models"),
            "emotions_enabled": faces.get("emotions_enabled"),
            "mode": ctx.mode,
            "device": (transcript or {}).get("device", ctx.device),
            "device_choice": device_choice,
            "options": options,
            "stage_seconds": seconds,
            "network": network_meta([(transcript or {}).get("model"), faces.get("emotion_model"),
                                     faces.get("face_model"), *(text_art.get("models") or {}).values()]),
            "versions": package_versions(),
            "video": Path(audio.get("video") or ctx.video).name,
            "created_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        },
    }
    for stage in ctx.stages:  # a stage the merge has no code for brings its own key
        if stage.report_key and stage.report_key not in report:
            report[stage.report_key] = (arts.get(stage.name) or {}).get(stage.report_key)
    return report


def run(ctx: Context, opts: Options) -> Payload:
    """Merge the artefacts into the ``report.json`` payload (validated against the schema).

    The stage times, the device choice and the run's options come from ``ctx.record``
    (filled by the runner and the caller).
    """
    record = ctx.record
    report = build_report(ctx, options=dict(record.options) or {"html": opts.html}, stage_seconds=record.stage_seconds,
                          device_choice=record.device_choice)
    return validate_report(report)


def write_html_report(ctx: Context, opts: Options, report_path: Path) -> None:
    """With ``opts.html``, write ``report.html`` next to ``report.json``."""
    if opts.html:
        from interview_ai_lab.report.html import write_html

        logger.info("HTML report: %s", write_html(report_path, video=ctx.video))


STAGE = Stage(name="merge_report", version="2", output="report.json", options=Options, run=run, merges=True,
              after_write=write_html_report, weight=2)

