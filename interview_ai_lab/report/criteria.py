"""The criteria of the three score parts, and the score set of a whole recording or of one answer.

The rules of the ``scores`` stage (the whole interview) and of the ``questions`` stage (each
answer alone) are the same functions, kept here so that neither stage imports the other:
:func:`score_set` turns the measures into ``(scores, score_details)`` with every criterion's
value, rule in words, rule parameters and points (:mod:`interview_ai_lab.report.scoring`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from interview_ai_lab.media.audio import min_pause_of
from interview_ai_lab.report.scoring import (
    Criterion,
    band_fraction,
    descending_fraction,
    guiraud_index,
    part_detail,
    summarise,
    total_detail,
)
from interview_ai_lab.runtime.catalogue import entry, fill, placeholders
from interview_ai_lab.runtime.catalogue import text as catalogue_text

_WORD_RE = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*", re.UNICODE)

#: Reason of a part not measured: (code, params), None when measured.
Reason = tuple[str, dict[str, Any]] | None


def _rule(name: str) -> str:
    """The English rule of criterion ``name`` (a template of its rule parameters; ``scoring.json``)."""
    return catalogue_text("scoring", "criteria", name, "rule")


def reason_words(code: str, params: Mapping[str, Any] | None = None, *, lang: str = "en") -> str:
    """Why a part or criterion was not measured, in words, in ``lang``.

    The reason's detail when ``params`` hold what it needs (``a face was visible in only 5% of the
    frames…``), else its short text.

    The offline page (:mod:`interview_ai_lab.report.html`) and the front end say it the same way.
    """
    reasons = entry("scoring", "reasons")
    node = reasons.get(code) or reasons["not_measured"]
    detail = node.get("detail")
    if detail is not None and all(k in (params or {}) for k in placeholders(detail[lang])):
        return fill(detail[lang], **dict(params or {}))
    return str(node[lang])


def content_tokens(*, text: str, filler_words: set[str]) -> list[str]:
    """Lower-cased words of ``text`` without the fillers recognised by the ASR."""
    return [w.lower() for w in _WORD_RE.findall(text or "") if w.lower() not in filler_words]


def speech_reason(*, speech: Mapping[str, Any] | None, audio: Mapping[str, Any] | None, words: int) -> Reason:
    """Why the verbal and paraverbal parts cannot be measured (None: they can).

    ``no_audio_track`` when the file has none, ``no_speech`` when no word was recognised,
    ``not_measured`` when the speech stage did not run.
    """
    if speech is None:
        media = (audio or {}).get("media") or {}
        no_track = media.get("has_audio") is False or (audio is not None and audio.get("audio_path") is None)
        return ("no_audio_track", {}) if no_track else ("not_measured", {})
    if words == 0:
        return ("no_speech", {})
    return None


def face_reason(
    *, nonverbal: Mapping[str, Any] | None, faces: Mapping[str, Any] | None, min_face_ratio: float
) -> Reason:
    """Why the non-verbal part cannot be measured (None: it can)."""
    if nonverbal is None:
        no_video = faces is None or faces.get("has_video") is False
        return ("no_video_stream", {}) if no_video else ("not_measured", {})
    ratio = float(nonverbal.get("face_detected_ratio") or 0.0)
    if ratio <= 0.0:
        return ("no_face", {})
    if ratio < min_face_ratio:
        return ("face_too_rarely_visible", {"ratio": round(ratio, 3), "min_ratio": min_face_ratio})
    return None


def _p(**params: float) -> dict[str, float]:
    """Rule parameters, whole numbers as ``int`` (so "60", not "60.0", in the rule text)."""
    return {k: int(v) if float(v).is_integer() else v for k, v in params.items()}


def _reason_fields(reason: Reason) -> dict[str, Any]:
    """``reason`` and ``reason_params`` of :func:`part_detail` for a part not measured (both None when it is)."""
    return {"reason": None if reason is None else reason[0], "reason_params": None if reason is None else reason[1]}


def _reason_rule(reason: Reason) -> str:
    code, params = reason or ("not_measured", {})
    return _not_measured(reason_words(code, params))


def _words(key: str) -> str:
    """Why one criterion has no value, in English (``criterion_not_measured`` of ``scoring.json``)."""
    return catalogue_text("scoring", "criterion_not_measured", key)


def _not_measured(why: str) -> str:
    """``not measured: <why>``: the rule of a criterion without points."""
    return fill(catalogue_text("scoring", "not_measured_rule"), reason=why)


def verbal_criteria(
    *, tokens: Sequence[str], text: str, cw: Mapping[str, float], reason: Reason = None
) -> list[Criterion]:
    """Verbal criteria without rubrics: amount, vocabulary and sentence structure of what was said."""
    specs = (
        (
            "elaboration",
            _rule("elaboration"),
            _p(full_from=150),
        ),
        (
            "vocabulary",
            _rule("vocabulary"),
            _p(zero_below=2, full_from=7),
        ),
        (
            "structure",
            _rule("structure"),
            _p(full_from=8, full_to=25, zero_below=2, zero_above=50),
        ),
    )
    if reason is not None:
        return [Criterion(n, None, None, cw[n], _reason_rule(reason), p, reason[0], reason[1]) for n, _, p in specs]
    n = len(tokens)
    richness = guiraud_index(tokens=tokens)
    sentences = [s for s in re.split(r"[.!?…]+", text or "") if _WORD_RE.search(s)]
    mean_len = n / len(sentences) if sentences else 0.0
    fractions = {
        "elaboration": (n, min(1.0, n / 150.0)),
        "vocabulary": (richness, band_fraction(richness, zero_below=2.0, full_from=7.0)),
        "structure": (mean_len, band_fraction(mean_len, zero_below=2.0, full_from=8.0, full_to=25.0, zero_above=50.0)),
    }
    return [
        Criterion(name, fractions[name][0], fractions[name][1], cw[name], rule.format(**p), p)
        for name, rule, p in specs
    ]


#: The rule of an answer's rubric coverage (the verbal part with questions).
RUBRIC_RULE = _rule("rubric_coverage")


def rubric_criteria(answers: Sequence[Mapping[str, Any]], *, reason: Reason = None) -> list[Criterion]:
    """Verbal criteria with rubrics: one ``rubric_coverage`` per answer.

    Args:
        answers: ``{question_index (1-based), weight (> 0), coverage (0-1)}`` per answer.
        reason: Why the verbal part cannot be measured (no audio track, no speech).
    """
    wsum = sum(float(a["weight"]) for a in answers) or 1.0
    out = []
    for a in answers:
        w = float(a["weight"])
        cov = None if reason is not None or a.get("coverage") is None else float(a["coverage"])
        extra = {
            "question_index": int(a["question_index"]),
            "weight": round(w / wsum, 4),
            "coverage": cov,
            "off_topic": None if cov is None else cov < 1 / 3,
        }
        out.append(
            Criterion(
                "rubric_coverage",
                cov,
                cov,
                w,
                RUBRIC_RULE if reason is None else _reason_rule(reason),
                {"question_index": int(a["question_index"])},
                None if reason is None else reason[0],
                {} if reason is None else reason[1],
                extra,
            )
        )
    return out


def paraverbal_criteria(
    *,
    speech: Mapping[str, Any] | None,
    wpm_band: tuple[float, float],
    cw: Mapping[str, float],
    reason: Reason = None,
    per_answer: bool = False,
) -> list[Criterion]:
    """Paraverbal criteria: how it was said.

    ``per_answer``: an answer's criteria (the voice variation is measured on the whole
    recording only, so it is not a criterion of an answer).
    """
    lo, hi = wpm_band
    # The pauses' rule names the shortest pause the run counted (its setting), only when it was measured.
    pause_rule = _p(full_to=0.2, zero_from=0.6)
    if reason is None and speech is not None:
        pause_rule["min_pause_sec"] = min_pause_of(speech)
    specs = [
        (
            "speaking_rate",
            _rule("speaking_rate"),
            _p(full_from=lo, full_to=hi, zero_below=lo / 2, zero_above=hi + 60),
        ),
        (
            "fillers",
            _rule("fillers"),
            _p(full_to=2, zero_from=10),
        ),
        (
            "pauses",
            _rule("pauses"),
            pause_rule,
        ),
    ]
    if not per_answer:
        specs.append(
            (
                "voice_variation",
                _rule("voice_variation"),
                _p(full_from=2, full_to=8, zero_below=0.5, zero_above=14),
            )
        )
    if reason is not None or speech is None:
        reason = reason or ("not_measured", {})
        return [Criterion(n, None, None, cw[n], _reason_rule(reason), p, reason[0], reason[1]) for n, _, p in specs]
    duration = max(1e-6, float(speech.get("duration_sec", 0.0)))
    wpm = float(speech.get("wpm", 0.0))
    fillers_per_min = float(speech.get("fillers", 0)) / (duration / 60.0)
    silence_share = float(speech.get("silence_sec", 0.0)) / duration
    values: dict[str, tuple[Any, float | None]] = {
        "speaking_rate": (wpm, band_fraction(wpm, zero_below=lo / 2, full_from=lo, full_to=hi, zero_above=hi + 60)),
        "fillers": (fillers_per_min, descending_fraction(fillers_per_min, full_to=2.0, zero_from=10.0)),
        "pauses": (silence_share, descending_fraction(silence_share, full_to=0.2, zero_from=0.6)),
    }
    pv = speech.get("pitch_variability_st")
    values["voice_variation"] = (
        (None, None)
        if pv is None
        else (float(pv), band_fraction(float(pv), zero_below=0.5, full_from=2.0, full_to=8.0, zero_above=14.0))
    )
    out = []
    for name, rule, p in specs:
        value, frac = values[name]
        if frac is None:
            out.append(Criterion(name, None, None, cw[name], _not_measured(_words("no_voiced_speech")), p,
                                 "not_measured"))
        else:
            out.append(Criterion(name, value, frac, cw[name], rule.format(**p), p))
    return out


_POSITIVE_OR_CALM = ("happiness", "neutral", "surprise")


def expression_scored(*, mode: str, emotions_reason: str | None) -> bool:
    """Whether the facial-expression criterion exists: coaching mode with emotions analysed.

    In ``recruitment`` mode (no emotion inference, EU AI Act art. 5(1)(f)) or with
    ``--no-emotions`` the criterion does not exist at all: the part is eye contact and nods.
    """
    return mode != "recruitment" and not emotions_reason


def nonverbal_criteria(
    *,
    nonverbal: Mapping[str, Any] | None,
    emotions: Mapping[str, Any] | None,
    duration_sec: float,
    cw: Mapping[str, float],
    with_expression: bool,
    reason: Reason = None,
) -> list[Criterion]:
    """Non-verbal criteria: eye contact, nods and (coaching mode) facial expression."""
    specs = [
        (
            "eye_contact",
            _rule("eye_contact"),
            _p(zero_below=0.2, full_from=0.7),
        ),
        (
            "nods",
            _rule("nods"),
            _p(full_from=0.5, full_to=8, zero_above=20),
        ),
    ]
    if with_expression:
        specs.append(
            (
                "expression",
                _rule("expression"),
                _p(zero_below=0.3, full_from=0.8),
            )
        )
    if reason is not None or nonverbal is None:
        reason = reason or ("not_measured", {})
        return [Criterion(n, None, None, cw[n], _reason_rule(reason), p, reason[0], reason[1]) for n, _, p in specs]
    eye = float(nonverbal.get("eye_contact_ratio", 0.0))
    nods = int(nonverbal.get("nods", 0))
    per_min = nods / max(duration_sec / 60.0, 1e-6)
    values: dict[str, tuple[Any, float | None]] = {
        "eye_contact": (eye, band_fraction(eye, zero_below=0.2, full_from=0.7)),
        "nods": (
            nods,
            0.5 if nods == 0 else band_fraction(per_min, zero_below=0.0, full_from=0.5, full_to=8.0, zero_above=20.0),
        ),
    }
    dist = (emotions or {}).get("distribution")
    values["expression"] = (
        (None, None)
        if not dist
        else (
            sum(float(dist.get(k, 0.0)) for k in _POSITIVE_OR_CALM),
            band_fraction(sum(float(dist.get(k, 0.0)) for k in _POSITIVE_OR_CALM), zero_below=0.3, full_from=0.8),
        )
    )
    out = []
    for name, rule, p in specs:
        value, frac = values[name]
        if frac is None:
            out.append(
                Criterion(
                    name, None, None, cw[name], _not_measured(_words("no_expression")), p, "not_measured"
                )
            )
        else:
            out.append(Criterion(name, value, frac, cw[name], rule.format(**p), p))
    return out


def part_rules(*, with_rubrics: bool, with_expression: bool, per_answer: bool = False) -> dict[str, str]:
    """How each part is made, in words (``part_rules`` of ``scoring.json``)."""
    verbal = "verbal_rubric" + ("_answer" if per_answer else "") if with_rubrics else "verbal"
    return {
        "verbal": catalogue_text("scoring", "part_rules", verbal),
        "paraverbal": catalogue_text("scoring", "part_rules", "paraverbal_answer" if per_answer else "paraverbal"),
        "nonverbal": catalogue_text("scoring", "part_rules", "nonverbal_expression" if with_expression else "nonverbal"),
    }


def score_set(
    *,
    text: str | None,
    filler_words: set[str],
    speech: Mapping[str, Any] | None,
    audio: Mapping[str, Any] | None,
    nonverbal: Mapping[str, Any] | None,
    faces: Mapping[str, Any] | None,
    emotions: Mapping[str, Any] | None,
    emotions_reason: str | None,
    duration_sec: float,
    weights: Mapping[str, float],
    cw: Mapping[str, float],
    wpm_band: tuple[float, float],
    min_face_ratio: float,
    mode: str,
    rubric_answers: Sequence[Mapping[str, Any]] | None = None,
    per_answer: bool = False,
    speech_why: Reason | None = None,
    face_why: Reason | None = None,
    missing_answers: Sequence[int] = (),
) -> tuple[dict[str, Any], dict[str, Any]]:
    """``(scores, score_details)`` of the whole recording or of one answer (``per_answer``).

    Args:
        text: What was said (the transcript, or the answer's part of it).
        filler_words: Fillers recognised by the ASR, not counted as words.
        speech: Speech measures (``speech.json``'s ``speech``, or the answer's).
        audio: ``audio.json`` (tells a missing audio track from a stage not run).
        nonverbal: Gaze measures (``gaze.json``'s ``nonverbal``, or the answer's).
        faces: ``faces.json`` (tells a missing video stream from a stage not run).
        emotions: Emotion distribution of the recording (or the answer).
        emotions_reason: Why emotions were not analysed (recruitment mode, ``--no-emotions``).
        duration_sec: Length of the recording (or the answer), seconds.
        weights: Maximum points of each part.
        cw: Relative weights of the criteria.
        wpm_band: Speaking rate earning full points, words/min.
        min_face_ratio: Lowest share of frames with a face for the non-verbal part.
        mode: ``coaching`` or ``recruitment``.
        rubric_answers: With rubrics: ``{question_index, weight, coverage}`` per answer.
        per_answer: The scores of one answer (no voice-variation criterion).
        speech_why: Overrides :func:`speech_reason` (e.g. the whole run's reason for an answer).
        face_why: Overrides :func:`face_reason`.
        missing_answers: Questions (1-based) the recording holds no answer to: the verbal part is then not
            measured (``answer_missing``), so the total is incomplete, never a zero for them.
    """
    tokens = content_tokens(text=text or "", filler_words=filler_words)
    s_why = speech_why if speech_why is not None else speech_reason(speech=speech, audio=audio, words=len(tokens))
    f_why = (
        face_why
        if face_why is not None
        else face_reason(nonverbal=nonverbal, faces=faces, min_face_ratio=min_face_ratio)
    )
    with_expression = expression_scored(mode=mode, emotions_reason=emotions_reason)
    with_rubrics = bool(rubric_answers)
    v_why = s_why
    if v_why is None and missing_answers:
        v_why = ("answer_missing", {"questions": ", ".join(str(i) for i in missing_answers)})
    if with_rubrics:
        v = rubric_criteria(rubric_answers or [], reason=v_why)
    else:
        v = [c for c in verbal_criteria(tokens=tokens, text=text or "", cw=cw, reason=v_why) if c.weight > 0]
    p = paraverbal_criteria(speech=speech, wpm_band=wpm_band, cw=cw, reason=s_why, per_answer=per_answer)
    n = nonverbal_criteria(
        nonverbal=nonverbal,
        emotions=emotions,
        duration_sec=duration_sec,
        cw=cw,
        with_expression=with_expression,
        reason=f_why,
    )
    rules = part_rules(with_rubrics=with_rubrics, with_expression=with_expression, per_answer=per_answer)
    sp = speech or {}
    details = {
        "verbal": part_detail(
            "verbal",
            v,
            out_of=weights["verbal"],
            rule=rules["verbal"],
            inputs={
                "words": len(tokens) if s_why is None else None,
                **({"answers": len(rubric_answers or [])} if with_rubrics else {}),
                **({"missing_answers": list(missing_answers)} if missing_answers else {}),
            },
            **_reason_fields(v_why),
        ),
        "paraverbal": part_detail(
            "paraverbal",
            [c for c in p if c.weight > 0],
            out_of=weights["paraverbal"],
            rule=rules["paraverbal"],
            inputs={k: sp.get(k) for k in ("wpm", "fillers", "silence_sec", "duration_sec", "pitch_variability_st")},
            **_reason_fields(s_why),
        ),
        "nonverbal": part_detail(
            "nonverbal",
            [c for c in n if c.weight > 0],
            out_of=weights["nonverbal"],
            rule=rules["nonverbal"],
            inputs={k: (nonverbal or {}).get(k) for k in ("eye_contact_ratio", "nods", "face_detected_ratio")},
            **_reason_fields(f_why),
        ),
    }
    scores = summarise(details, weights=weights)
    details["total"] = total_detail(
        scores,
        weights=weights,
        answers=[{"question_index": a["question_index"], "weight": a["weight"]} for a in (rubric_answers or [])],
    )
    return scores, details


def rubric_answers_of(questions: Sequence[Mapping[str, Any]] | None) -> list[dict[str, Any]] | None:
    """``{question_index, weight, coverage}`` of every answer scored against a rubric; None without rubrics.

    A question not answered (``"answered": false``) has no rubric and is left out (see :func:`missing_answers_of`).
    """
    answered = [(i, q) for i, q in enumerate(questions or [], 1) if q.get("answered", True) is not False]
    if not answered or any(q.get("rubric") is None for _, q in answered):
        return None
    return [
        {
            "question_index": int(q.get("index", i)),
            "weight": float(q.get("weight") or 1.0),
            "coverage": round(float(q["rubric"]["score"]) / 100.0, 4),
        }
        for i, q in answered
    ]


def missing_answers_of(questions: Sequence[Mapping[str, Any]] | None) -> list[int]:
    """The 1-based indexes of the questions the recording holds no answer to (``"answered": false``).

    >>> missing_answers_of([{"index": 1}, {"index": 2, "answered": False}])
    [2]
    """
    return [int(q.get("index", i)) for i, q in enumerate(questions or [], 1) if q.get("answered", True) is False]
