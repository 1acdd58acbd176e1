"""Stage 7 — scores: verbal /40, paraverbal /20, non-verbal /40, total /100.

Reads the artefacts of the other stages and writes ``scores.json`` with
``scores`` and ``score_details`` (inputs, rule and points of every criterion), so a
recruiter can see why. A part that could not be measured is ``null`` and the total
is re-scaled over the measured parts, with a warning. The weights are options.

    python scripts/scores.py --outdir outputs/sample1 --weights verbal=40,paraverbal=20,nonverbal=40
"""

from __future__ import annotations

import logging
import re
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    __package__ = "scripts"

from scripts.core.atomic import read_json
from scripts.core.errors import InputError
from scripts.core.notices import notice
from scripts.core.scoring import (Part, band_fraction, combine, descending_fraction, guiraud_index,
                                  parse_weights)
from scripts.core.stage import Context, cli_main, is_fresh, make_meta, skip_message, write_artifact

logger = logging.getLogger(__name__)

STAGE = "scores"
VERSION = "1"
ARTIFACT = "scores.json"
INPUTS = ("transcript.json", "speech.json", "text.json", "faces.json", "gaze.json")

_WORD_RE = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*", re.UNICODE)


@dataclass
class Options:
    """Options of the scoring.

    Attributes:
        weights: Maximum points of each part, ``verbal=40,paraverbal=20,nonverbal=40``;
            the total is always out of 100.
        wpm_band: Speaking rate earning full points, words/min, ``low-high``.
        min_face_ratio: Below this share of frames with a face, the non-verbal score
            is not computed (camera fault, not the candidate's behaviour).
    """

    weights: str = "verbal=40,paraverbal=20,nonverbal=40"
    wpm_band: str = "120-160"
    min_face_ratio: float = 0.1


def _load(ctx: Context, name: str) -> dict[str, Any] | None:
    path = ctx.path(name)
    return read_json(path) if path.exists() else None


def verbal_parts(*, transcript: dict[str, Any] | None, speech: dict[str, Any] | None,
                 text: dict[str, Any] | None) -> list[Part]:
    """Criteria of the verbal score: what was said."""
    words = _WORD_RE.findall((transcript or {}).get("text", "") or "") if transcript else []
    fillers = {e.get("word", "").lower() for e in (speech or {}).get("filler_events", []) if e.get("source") == "asr"}
    tokens = [w.lower() for w in words if w.lower() not in fillers]
    n = len(tokens)
    if speech is None:
        return [Part("elaboration", None, None, 12, "not measured: no speech"),
                Part("vocabulary", None, None, 10, "not measured: no speech"),
                Part("tone", None, None, 10, "not measured: no speech"),
                Part("structure", None, None, 8, "not measured: no speech")]
    parts = [Part("elaboration", n, 12 * min(1.0, n / 150.0), 12,
                  "words spoken (fillers excluded): 12 points at 150 words or more, proportional below")]
    richness = guiraud_index(tokens=tokens)
    parts.append(Part("vocabulary", richness, 10 * band_fraction(richness, zero_below=2.0, full_from=7.0), 10,
                      "lexical richness, distinct words / √words (Guiraud): 0 points at ≤ 2, full at ≥ 7"))
    sentiment = (text or {}).get("sentiment") if text else None
    if sentiment:
        label, conf = sentiment.get("label"), float(sentiment.get("score", 0.0))
        frac = {"positive": 0.7 + 0.3 * conf, "neutral": 0.6, "negative": 0.5 - 0.3 * conf}.get(label, 0.6)
        parts.append(Part("tone", f"{label} ({conf:.2f})", 10 * frac, 10,
                          "sentiment of the answer: positive 7–10 points (by confidence), neutral 6, negative 2–5"))
    else:
        parts.append(Part("tone", None, None, 10, "not measured: no text analysis"))
    sentences = [s for s in re.split(r"[.!?…]+", (transcript or {}).get("text", "") or "") if _WORD_RE.search(s)]
    mean_len = n / len(sentences) if sentences else 0.0
    parts.append(Part("structure", mean_len,
                      8 * band_fraction(mean_len, zero_below=2.0, full_from=8.0, full_to=25.0, zero_above=50.0), 8,
                      "mean sentence length, words: full points for 8–25, 0 at ≤ 2 or ≥ 50"))
    return parts


def paraverbal_parts(*, speech: dict[str, Any] | None, wpm_band: tuple[float, float]) -> list[Part]:
    """Criteria of the paraverbal score: how it was said."""
    if speech is None:
        return [Part(n, None, None, m, "not measured: no speech") for n, m in
                (("speaking rate", 8), ("fillers", 5), ("pauses", 4), ("voice variation", 3))]
    lo, hi = wpm_band
    wpm = float(speech.get("wpm", 0.0))
    duration = max(1e-6, float(speech.get("duration_sec", 0.0)))
    minutes = duration / 60.0
    fillers_per_min = float(speech.get("fillers", 0)) / minutes
    silence_share = float(speech.get("silence_sec", 0.0)) / duration
    parts = [
        Part("speaking rate", wpm, 8 * band_fraction(wpm, zero_below=lo / 2, full_from=lo, full_to=hi, zero_above=hi + 60), 8,
             f"words per minute: full points for {lo:g}–{hi:g}, 0 at ≤ {lo / 2:g} or ≥ {hi + 60:g}"),
        Part("fillers", fillers_per_min, 5 * descending_fraction(fillers_per_min, full_to=2.0, zero_from=10.0), 5,
             "fillers per minute (euh, um…): full points up to 2/min, 0 from 10/min"),
        Part("pauses", silence_share, 4 * descending_fraction(silence_share, full_to=0.2, zero_from=0.6), 4,
             "share of the recording in pauses ≥ 0.5 s: full points up to 20 %, 0 from 60 %"),
    ]
    pitch_var = speech.get("pitch_variability_st")
    if pitch_var is None:
        parts.append(Part("voice variation", None, None, 3, "not measured: no voiced speech"))
    else:
        pv = float(pitch_var)
        parts.append(Part("voice variation", pv, 3 * band_fraction(pv, zero_below=0.5, full_from=2.0, full_to=8.0, zero_above=14.0), 3,
                          "pitch variability, semitones: full points for 2–8 (monotone ≤ 0.5 scores 0)"))
    return parts


_POSITIVE_OR_CALM = ("happiness", "neutral", "surprise")


def nonverbal_parts(*, gaze: dict[str, Any] | None, faces: dict[str, Any] | None, duration_sec: float,
                    min_face_ratio: float, mode: str = "coaching") -> tuple[list[Part], str | None]:
    """Criteria of the non-verbal score; the second value explains why it is not measured.

    In ``recruitment`` mode the facial-expression criterion does not exist at all (no
    emotion inference, EU AI Act art. 5(1)(f)): only observable signals are scored.
    """
    names: tuple[tuple[str, int], ...] = (("eye contact", 20), ("nods", 8), ("expression", 12))
    if mode == "recruitment":
        names = names[:2]
    if gaze is None:
        return [Part(n, None, None, m, "not measured: no video") for n, m in names], "no video stream"
    face_ratio = float(gaze.get("face_detected_ratio", 0.0))
    if face_ratio < min_face_ratio:
        reason = f"a face was visible in only {face_ratio:.0%} of the frames (camera fault?)"
        return [Part(n, None, None, m, f"not measured: {reason}") for n, m in names], reason
    eye = float(gaze.get("eye_contact_ratio", 0.0))
    nods = int(gaze.get("nods", 0))
    per_min = nods / max(duration_sec / 60.0, 1e-6)
    parts = [
        Part("eye contact", eye, 20 * band_fraction(eye, zero_below=0.2, full_from=0.7), 20,
             "share of time looking at the camera: 0 points at ≤ 20 %, full from 70 %"),
        Part("nods", nods, 8 * (0.5 if nods == 0 else band_fraction(per_min, zero_below=0.0, full_from=0.5, full_to=8.0, zero_above=20.0)), 8,
             "head nods per minute (engagement): full points for 0.5–8/min, none at all earns half"),
    ]
    emotions = (faces or {}).get("emotions")
    if mode == "recruitment":
        pass
    elif emotions and emotions.get("distribution"):
        dist = emotions["distribution"]
        calm = sum(float(dist.get(k, 0.0)) for k in _POSITIVE_OR_CALM)
        parts.append(Part("expression", calm, 12 * band_fraction(calm, zero_below=0.3, full_from=0.8), 12,
                          "share of time with a happy, neutral or surprised face: 0 at ≤ 30 %, full from 80 %"))
    else:
        why = (faces or {}).get("emotions_disabled_reason") or "emotions not analysed"
        parts.append(Part("expression", None, None, 12, f"not measured: {why}"))
    return parts, None


def _detail(parts: list[Part], *, out_of: float, rule: str, inputs: dict[str, Any]) -> dict[str, Any]:
    points = combine(parts, out_of=out_of)
    return {"points": None if points is None else round(points, 2), "max": out_of, "rule": rule,
            "inputs": inputs, "parts": [p.as_dict() for p in parts]}


def run(ctx: Context, opts: Options) -> Path:
    """Compute the scores from the artefacts in ``ctx.outdir``; return ``scores.json``."""
    try:
        weights = parse_weights(opts.weights)
        lo, hi = (float(x) for x in opts.wpm_band.split("-"))
    except ValueError as e:
        raise InputError(f"scores: {e}") from e
    out = ctx.path(ARTIFACT)
    meta = make_meta(STAGE, VERSION, opts, [ctx.path(n) for n in INPUTS], mode=ctx.mode)
    if is_fresh(out, meta, force=ctx.force):
        skip_message(STAGE)
        return out
    t0 = time.perf_counter()
    transcript = _load(ctx, "transcript.json")
    speech = (_load(ctx, "speech.json") or {}).get("speech")
    text = (_load(ctx, "text.json") or {}).get("text")
    faces = _load(ctx, "faces.json")
    gaze = (_load(ctx, "gaze.json") or {}).get("nonverbal")
    duration = float((speech or {}).get("duration_sec") or ((_load(ctx, "audio.json") or {}).get("media") or {}).get("duration_sec") or 0.0)

    warnings: list[dict[str, Any]] = []
    v_parts = verbal_parts(transcript=transcript, speech=speech, text=text)
    p_parts = paraverbal_parts(speech=speech, wpm_band=(lo, hi))
    n_parts, n_reason = nonverbal_parts(gaze=gaze, faces=faces, duration_sec=duration, min_face_ratio=opts.min_face_ratio,
                                        mode=ctx.mode)
    details = {
        "verbal": _detail(v_parts, out_of=weights["verbal"], inputs={"words": v_parts[0].value},
                          rule="what was said: amount, vocabulary, tone, sentence structure; measured parts re-scaled"),
        "paraverbal": _detail(p_parts, out_of=weights["paraverbal"],
                              inputs={k: (speech or {}).get(k) for k in ("wpm", "fillers", "silence_sec", "duration_sec", "pitch_variability_st")},
                              rule="how it was said: speaking rate, fillers, pauses, voice variation; measured parts re-scaled"),
        "nonverbal": _detail(n_parts, out_of=weights["nonverbal"],
                             inputs={k: (gaze or {}).get(k) for k in ("eye_contact_ratio", "nods", "face_detected_ratio")},
                             rule="what the face showed: eye contact, nods" + ("" if ctx.mode == "recruitment" else ", expression")
                                  + "; measured parts re-scaled"),
    }
    scores: dict[str, float | None] = {k: details[k]["points"] for k in ("verbal", "paraverbal", "nonverbal")}
    measured = {k: v for k, v in scores.items() if v is not None}
    unmeasured = [k for k, v in scores.items() if v is None]
    total = None
    if measured:
        total = round(100.0 * sum(measured.values()) / sum(weights[k] for k in measured), 2)
    for k in unmeasured:
        why = n_reason if k == "nonverbal" and n_reason else "nothing to measure"
        warnings.append(notice("part_not_measured", f"The {k} score could not be computed ({why}); the total is "
                               "re-scaled over the measured parts.", part=k, reason=why))
    details["total"] = {"points": total, "max": 100.0, "parts": [], "inputs": {k: scores[k] for k in scores},
                        "rule": "sum of the measured parts re-scaled to 100: 100 × Σ points / Σ max of the measured parts"
                                + (f" (not measured: {', '.join(unmeasured)})" if unmeasured else "")}
    payload = {"scores": {**scores, "total": total}, "score_details": details, "weights": weights, "warnings": warnings}
    return write_artifact(out, payload, meta, seconds=time.perf_counter() - t0)


def main(argv: list[str] | None = None) -> int:
    """Command line: ``python scripts/scores.py --outdir D``."""
    return cli_main(__doc__.splitlines()[0], Options, run, argv)


if __name__ == "__main__":
    sys.exit(main())
