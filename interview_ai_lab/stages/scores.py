"""Stage 8 — scores: verbal /40, paraverbal /20, non-verbal /40, interview score /100.

Reads the artefacts of the other stages and writes ``scores.json`` with ``scores`` and
``score_details`` (inputs, rule in words, rule parameters and points of every criterion),
so a recruiter can see why. The rules (:mod:`interview_ai_lab.report.scoring`):

* **Nothing unmeasured becomes points.** A part that could not be measured (no audio
  track, no speech, no video stream, no face…) is ``null``, and so is the total:
  ``scores.measured`` says how many of the points that could be measured were earned and
  ``scores.incomplete`` why the rest could not be.
* **A question left unanswered is never a zero.** In a one-way interview sent with a question
  unanswered (``questions.json`` ``"answered": false``), the verbal part is not measured
  (``answer_missing``), so the interview score is incomplete and says why.
* **Content counts.** With questions whose answers were scored against a rubric
  (``questions.json``), the verbal part is the rubric coverage of the answers, weighted per
  question: an answer covering a third of its rubric earns a third of its points, so an
  off-topic answer gets at most a third of the verbal points. Without rubrics it is the
  amount, vocabulary and sentence structure of what was said.
* **Sentiment earns no points.** How positive a candidate sounds is not a job-related
  criterion: it stays in ``text.sentiment`` as information.

The part weights (``--weights``) and the criteria weights inside each part
(``--criteria-weights``) are options; question weights come from the questions file.

    python scripts/scores.py --outdir outputs/sample1 --weights verbal=50,paraverbal=20,nonverbal=30
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from interview_ai_lab.report.criteria import missing_answers_of, rubric_answers_of, score_set
from interview_ai_lab.report.notices import notice
from interview_ai_lab.report.scoring import (
    DEFAULT_PART_WEIGHTS,
    DEFAULT_WPM_BAND,
    parse_criteria_weights,
    parse_weights,
)
from interview_ai_lab.runtime.atomic import read_json
from interview_ai_lab.runtime.errors import InputError
from interview_ai_lab.runtime.stage import Context, Payload, Stage

logger = logging.getLogger(__name__)

#: The artefacts read when present (a stage not run leaves its part "not measured").
INPUTS = AUDIO, TRANSCRIPT, SPEECH, TEXT, FACES, GAZE, QUESTIONS = (
    "audio.json", "transcript.json", "speech.json", "text.json", "faces.json", "gaze.json", "questions.json")


@dataclass
class Options:
    """Options of the scoring.

    Attributes:
        weights: Maximum points of each part, ``part=points,…`` (default :data:`DEFAULT_PART_WEIGHTS`); the
            interview score is their sum, out of 100 (re-scaled to 100 when they sum to
            something else).
        criteria_weights: Relative weights of the criteria inside each part, e.g.
            ``eye_contact=30,nods=10`` (unlisted criteria keep their default, see
            :data:`interview_ai_lab.report.scoring.DEFAULT_CRITERIA_WEIGHTS`; 0 drops a criterion).
        wpm_band: Speaking rate earning full points, words/min, ``low-high``.
        min_face_ratio: Below this share of frames with a face, the non-verbal part is not
            measured (camera fault, not the candidate's behaviour).
    """

    weights: str = DEFAULT_PART_WEIGHTS
    criteria_weights: str = ""
    wpm_band: str = DEFAULT_WPM_BAND
    min_face_ratio: float = 0.1


def _load(ctx: Context, name: str) -> dict[str, Any] | None:
    path = ctx.path(name)
    return read_json(path) if path.exists() else None


def incomplete_notice(scores: Mapping[str, Any]) -> list[dict[str, Any]]:
    """One ``part_not_measured`` notice per part not measured (the interview score is then incomplete)."""
    out = []
    for r in (scores.get("incomplete") or {}).get("reasons") or []:
        m = scores.get("measured") or {}
        out.append(notice("part_not_measured", part=r["part"], reason=r["code"], points=m.get("points"),
                          out_of=m.get("out_of")))
    return out


def _parsed(opts: Options) -> tuple[dict[str, float], dict[str, float], tuple[float, float]]:
    """The part weights, criteria weights and speaking-rate band of the options.

    Raises:
        InputError: One of them cannot be parsed.
    """
    try:
        lo, hi = (float(x) for x in opts.wpm_band.split("-"))
        return parse_weights(opts.weights), parse_criteria_weights(opts.criteria_weights), (lo, hi)
    except ValueError as e:
        raise InputError(f"scores: {e}") from e


def run(ctx: Context, opts: Options) -> Payload:
    """Compute the scores from the artefacts in ``ctx.outdir``; the payload of ``scores.json``."""
    weights, cw, band = _parsed(opts)
    audio = _load(ctx, AUDIO)
    transcript = _load(ctx, TRANSCRIPT)
    speech = (_load(ctx, SPEECH) or {}).get("speech")
    text_art = (_load(ctx, TEXT) or {}).get("text")
    faces = _load(ctx, FACES)
    gaze = (_load(ctx, GAZE) or {}).get("nonverbal")
    questions = (_load(ctx, QUESTIONS) or {}).get("questions")
    duration = float((speech or {}).get("duration_sec") or ((audio or {}).get("media") or {}).get("duration_sec") or 0.0)
    fillers = {e.get("word", "").lower() for e in (speech or {}).get("filler_events", []) if e.get("source") == "asr"}

    scores, details = score_set(
        text=(transcript or {}).get("text", ""), filler_words=fillers, speech=speech, audio=audio, nonverbal=gaze,
        faces=faces, emotions=(faces or {}).get("emotions"), emotions_reason=(faces or {}).get("emotions_disabled_reason"),
        duration_sec=duration, weights=weights, cw=cw, wpm_band=band, min_face_ratio=opts.min_face_ratio,
        mode=ctx.mode, rubric_answers=rubric_answers_of(questions), missing_answers=missing_answers_of(questions))
    sentiment = (text_art or {}).get("sentiment")
    # Information only, shown beside the verbal part: how positive the words sound earns no points.
    details["verbal"]["information"] = {"sentiment": None if not sentiment else
                                        {"label": sentiment.get("label"), "score": sentiment.get("score"), "scored": False,
                                         "note": "information only: sentiment earns no points"}}
    warnings = incomplete_notice(scores)
    for w in warnings:
        logger.warning(w["message"])
    return {"scores": scores, "score_details": details, "weights": weights, "criteria_weights": cw,
            "warnings": warnings}


STAGE = Stage(name="scores", version="3", optional_inputs=INPUTS, output="scores.json", options=Options, run=run,
              check=_parsed, fingerprint=lambda ctx, opts, prep: {"mode": ctx.mode}, weight=2)

