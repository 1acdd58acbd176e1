"""Stage 7 — per-question analysis: answer boundaries, metrics, answer scores and rubric coverage per answer.

With ``--questions FILE`` (JSON ``[{"text": "...", "start": seconds?, "end": seconds?, "weight": number?,
"rubric": {...}?, "answered": false?}]``) the recording is split into one answer per question (given
start and end times — exact, as for a one-way interview recorded in the browser —, else the
question read aloud in the transcript, else the longest pauses — the method is
recorded per question, see :mod:`interview_ai_lab.report.segmentation`); a question marked
``"answered": false`` has no answer in the recording: it is reported as not answered (no
measure, its answer score and the interview's verbal part not measured: ``answer_missing``,
never a zero). Each answer gets
its transcript, speech and non-verbal measures, a rubric coverage score with the
transcript sentences as evidence (:mod:`interview_ai_lab.text.rubrics`; a rubric given in the
file is used as is, else one is generated from the question) and its **answer score**:
the verbal/paraverbal/non-verbal parts of this answer alone, with the rules of
:mod:`interview_ai_lab.report.criteria` (the verbal part is the answer's rubric coverage). The answer score
is not the interview score: the interview's verbal part is the answers' coverage weighted
by the questions' ``weight`` (default 1), computed by the scores stage, which runs after
this one. Writes ``questions.json``; without ``--questions`` it writes
``{"questions": null}`` at once.

    python scripts/questions.py --outdir outputs/sample1 --questions questions.json
"""

from __future__ import annotations

import json
import logging
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from interview_ai_lab.media.audio import min_pause_of
from interview_ai_lab.report.notices import notice
from interview_ai_lab.report.scoring import DEFAULT_PART_WEIGHTS, DEFAULT_WPM_BAND
from interview_ai_lab.runtime.atomic import read_json
from interview_ai_lab.runtime.errors import InputError
from interview_ai_lab.runtime.stage import Context, Payload, Stage

logger = logging.getLogger(__name__)

#: The artefacts read when present (a stage not run leaves its measures out of the answers).
INPUTS = AUDIO, TRANSCRIPT, SPEECH, TEXT, FACES, GAZE = (
    "audio.json", "transcript.json", "speech.json", "text.json", "faces.json", "gaze.json")


@dataclass
class Options:
    """Options of the per-question analysis.

    Attributes:
        questions: JSON file of the interview questions, ``[{"text": str, "start": seconds
            (optional), "end": seconds (optional, with a start), "rubric": {...} (optional),
            "answered": false (optional: no answer in the recording)}]`` (or
            ``{"questions": [...]}``); None: no per-question analysis.
        min_pause: Shortest pause that splits two answers when no start time is known, seconds.
        match_threshold: Lowest score (0-1) of the question's words found in the transcript.
        rubrics: Score each answer against a rubric (generated from the question when the
            file gives none).
        embedding_model: Sentence-embedding model for the rubrics (name or folder; default:
            the text stage's model, offline the packaged multilingual USE v3, else all-MiniLM-L6-v2).
        weights: Maximum points of each score part, as for the whole-run scores.
        criteria_weights: Relative weights of the criteria inside each part, as for the
            whole-run scores.
        wpm_band: Speaking rate earning full points, words/min, ``low-high``.
        min_face_ratio: Below this share of frames with a face the non-verbal score of an
            answer is not computed.
    """

    questions: Path | None = None
    min_pause: float = 1.5
    match_threshold: float = 0.6
    rubrics: bool = True
    embedding_model: str | None = None
    weights: str = DEFAULT_PART_WEIGHTS
    criteria_weights: str = ""
    wpm_band: str = DEFAULT_WPM_BAND
    min_face_ratio: float = 0.1


def load_questions(path: Path) -> list[dict[str, Any]]:
    """Read and validate a questions file.

    Accepts a list of objects ``{"text", "start"?, "end"?, "weight"?, "rubric"?, "answered"?}``
    (or plain strings), or an object with such a list under ``"questions"``. ``weight`` (a
    number > 0, default 1) is the question's share of the interview's verbal part. ``end``
    (with a ``start``) ends the answer exactly there; ``"answered": false`` says the recording
    holds no answer to the question (it then has no start or end).

    Raises:
        InputError: Missing/unreadable file, invalid JSON, no question, a question without
            text, a start that is not a number ≥ 0, starts not increasing, an end without a
            start, not after it or after the next start, an unanswered question with times,
            no answered question, a weight that is not a number > 0, an invalid rubric.
    """
    from interview_ai_lab.text.rubrics import validate_rubric

    path = Path(path)
    if not path.is_file():
        raise InputError(f"--questions {path}: file not found")
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError) as e:
        raise InputError(f"--questions {path}: cannot read it ({e})") from e
    except json.JSONDecodeError as e:
        raise InputError(f"--questions {path}: not valid JSON (line {e.lineno}: {e.msg})") from e
    if isinstance(data, dict) and "questions" in data:
        data = data["questions"]
    if not isinstance(data, list) or not data:
        raise InputError(f'--questions {path}: expected a non-empty JSON list like [{{"text": "...", "start": 12.5}}]')
    out: list[dict[str, Any]] = []
    last_start = -1.0
    for i, q in enumerate(data, 1):
        if isinstance(q, str):
            q = {"text": q}
        if not isinstance(q, dict):
            raise InputError(f"--questions {path}: item {i} must be an object with a 'text'")
        text = q.get("text")
        if not isinstance(text, str) or not text.strip():
            raise InputError(f"--questions {path}: question {i} has no 'text'")
        start = q.get("start")
        if start is not None:
            if isinstance(start, bool) or not isinstance(start, (int, float)) or start < 0:
                raise InputError(f"--questions {path}: question {i}: 'start' must be a number of seconds ≥ 0, got {start!r}")
            if start <= last_start:
                raise InputError(f"--questions {path}: question {i}: 'start' {start} s is not after the previous one")
            last_start = float(start)
        item: dict[str, Any] = {"text": " ".join(text.split()), "start": None if start is None else float(start)}
        previous_end = next((o["end"] for o in reversed(out) if o.get("end") is not None), None)
        if start is not None and previous_end is not None and previous_end > start:
            raise InputError(f"--questions {path}: question {i}: its answer starts before the previous one ends")
        end = q.get("end")
        if end is not None:
            if isinstance(end, bool) or not isinstance(end, (int, float)) or start is None or end <= start:
                raise InputError(f"--questions {path}: question {i}: 'end' must be a number of seconds after its "
                                 f"'start', got {end!r}")
            item["end"] = float(end)
        answered = q.get("answered", True)
        if not isinstance(answered, bool):
            raise InputError(f"--questions {path}: question {i}: 'answered' must be true or false, got {answered!r}")
        if not answered:
            if start is not None or end is not None:
                raise InputError(f"--questions {path}: question {i}: a question not answered has no 'start' or 'end'")
            item["answered"] = False
        weight = q.get("weight")
        if weight is not None:
            if isinstance(weight, bool) or not isinstance(weight, (int, float)) or not weight > 0 or weight == float("inf"):
                raise InputError(f"--questions {path}: question {i}: 'weight' must be a number > 0, got {weight!r}")
            item["weight"] = float(weight)
        if q.get("rubric") is not None:
            item["rubric"] = validate_rubric(q["rubric"], where=f"--questions {path.name}: question {i} rubric")
        out.append(item)
    if all(q.get("answered") is False for q in out):
        raise InputError(f"--questions {path}: no question is answered in the recording")
    return out


def _load(ctx: Context, name: str) -> dict[str, Any] | None:
    path = ctx.path(name)
    return read_json(path) if path.exists() else None


def _join_words(words: list[Any]) -> str:
    text = " ".join(w.text for w in words)
    return re.sub(r"\s+([,.!?…;:])", r"\1", text).strip()


def _scores(*, answer_text: str, speech: dict[str, Any] | None, audio: dict[str, Any], nonverbal: dict[str, Any] | None,
            faces: dict[str, Any] | None, emotions: dict[str, Any] | None, emotions_reason: str | None,
            filler_words: set[str], duration: float, weights: dict[str, float], cw: dict[str, float],
            wpm_band: tuple[float, float], min_face_ratio: float, rubric: dict[str, Any] | None, index: int,
            mode: str = "coaching") -> tuple[dict[str, Any], dict[str, Any]]:
    """The answer score of one answer (the rules of :mod:`interview_ai_lab.report.criteria`), and its details."""
    from interview_ai_lab.report.criteria import face_reason, score_set

    face_why = None
    if nonverbal is None and faces and faces.get("has_video") is not False and faces.get("frames") is not None:
        face_why = ("not_measured", {})  # the video was analysed, but no frame falls in this answer
    answers = None if rubric is None else [{"question_index": index, "weight": 1.0,
                                            "coverage": round(float(rubric["score"]) / 100.0, 4)}]
    scores, details = score_set(
        text=answer_text, filler_words=filler_words, speech=speech, audio=audio, nonverbal=nonverbal, faces=faces,
        emotions=emotions, emotions_reason=emotions_reason, duration_sec=duration, weights=weights, cw=cw,
        wpm_band=wpm_band, min_face_ratio=min_face_ratio, mode=mode, rubric_answers=answers, per_answer=True,
        face_why=face_why or face_reason(nonverbal=nonverbal, faces=faces, min_face_ratio=min_face_ratio))
    details["total"]["rule"] = ("answer score, this answer alone (not the interview score): " + details["total"]["rule"])
    return scores, details


def analyse(ctx: Context, opts: Options, questions: list[dict[str, Any]]) -> dict[str, Any]:
    """The ``questions.json`` payload for validated ``questions`` (see :func:`load_questions`)."""
    from interview_ai_lab.report import segmentation as seg
    from interview_ai_lab.report.scoring import parse_criteria_weights, parse_weights

    try:
        weights = parse_weights(opts.weights)
        cw = parse_criteria_weights(opts.criteria_weights)
        lo, hi = (float(x) for x in opts.wpm_band.split("-"))
    except ValueError as e:
        raise InputError(f"questions: {e}") from e
    audio = _load(ctx, AUDIO) or {}
    transcript = _load(ctx, TRANSCRIPT)
    speech_doc = _load(ctx, SPEECH) or {}
    speech_all = speech_doc.get("speech")
    faces = _load(ctx, FACES) or {}
    gaze_doc = _load(ctx, GAZE) or {}
    gaze = gaze_doc.get("nonverbal")
    warnings: list[dict[str, Any]] = []

    duration = float((audio.get("media") or {}).get("duration_sec") or (speech_all or {}).get("duration_sec") or 0.0)
    words = seg.words_from_transcript(transcript)
    pauses = list((speech_all or {}).get("pauses") or [])
    if not pauses and words:  # no acoustic pauses: the gaps between the ASR's words
        pauses = [{"start": a.end, "end": b.start} for a, b in zip(words, words[1:]) if b.start - a.end >= 0.5]
    language = (transcript or {}).get("language")
    # the questions the recording answers (a one-way interview may send a question unanswered)
    answered = [(i, q) for i, q in enumerate(questions, 1) if q.get("answered", True)]
    try:
        windows = seg.answer_windows(questions=[q for _, q in answered], words=words, pauses=pauses,
                                     duration=duration, min_pause=opts.min_pause,
                                     match_threshold=opts.match_threshold)
    except ValueError as e:
        raise InputError(f"--questions: {e}") from e
    methods = [w.method for w in windows]
    if "even_split" in methods:
        warnings.append(notice("boundaries_even_split"))
    if "short_pause" in methods:
        warnings.append(notice("boundaries_short_pause", seconds=opts.min_pause))

    embedder = None
    model_name = None
    if opts.rubrics and words:
        from interview_ai_lab.runtime.model_resolver import resolve_embedding
        from interview_ai_lab.text.embeddings import load_encoder

        resolved = resolve_embedding(opts.embedding_model)
        embedder = load_encoder(resolved, threads=ctx.threads, device=ctx.device)
        model_name = getattr(embedder, "name", None)
        if embedder is None:
            warnings.append(notice("rubric_keywords_only"))

    if opts.rubrics and not words:
        warnings.append(notice("rubric_no_speech"))
    frames = faces.get("frames") or []
    # raw per-frame labels of the sampled frames, else the (smoothed, capped) timeline of the run
    timeline = [{"t": f["t"], "e": f["e"]} for f in frames if f.get("e")] or \
        (((faces.get("emotions") or {}).get("timeline")) or [])
    emotions_reason = faces.get("emotions_disabled_reason")
    fillers = (speech_all or {}).get("filler_events") or []
    asr_fillers = {str(e.get("word", "")).lower() for e in fillers if e.get("source") == "asr"}
    lang = language if language in ("fr", "en") else None
    items = []
    exact = [q.get("end") is not None for _, q in answered]  # spans given: a word outside every one is no answer's
    per_answer = seg.assign_words(windows=windows, words=words, exact=exact)
    # the words the speech stage counted (fillers, ASR loops and words without sound left out), given to the
    # answers by the same cut, and each frame's eye contact as the gaze stage decided it: an answer's rates and
    # shares follow the interview's rule
    counted = (seg.assign_words(windows=windows, words=_counted_words(speech_doc), exact=exact)
               if speech_all is not None else [])
    contact = _contact_flags(gaze_doc, frames) if gaze is not None else None
    times = [float(f.get("t", -1.0)) for f in frames]
    face = [bool(f.get("face")) for f in frames]
    for k, ((i, q), w, answer_words) in enumerate(zip(answered, windows, per_answer)):
        ctx.hook(STAGE.name, k, len(answered))
        text = _join_words(answer_words)
        speech = None
        if speech_all is not None:
            speech = seg.window_speech(words=counted[k], pauses=speech_all.get("pauses") or [],
                                       filler_events=fillers, start=w.start, end=w.end,
                                       min_pause=min_pause_of(speech_all))
            speech["pitch_variability_st"] = None  # pitch is measured on the whole run only
        nonverbal = None
        if contact is not None:
            nonverbal = seg.window_nonverbal(times=times, face=face, contact=contact,
                                             nod_events=gaze.get("nod_events") or [], start=w.start, end=w.end)
        emotions = seg.window_emotions(timeline=timeline, start=w.start, end=w.end) if timeline else None
        if nonverbal is not None:
            nonverbal["emotions"] = emotions
        rubric_out = None
        if opts.rubrics and words:
            rubric_out = _rubric(q, text, embedder=embedder, language=lang)
        scores, details = _scores(answer_text=text, speech=speech, audio=audio, nonverbal=nonverbal,
                                  faces=faces or None, emotions=emotions, emotions_reason=emotions_reason,
                                  filler_words=asr_fillers, duration=w.duration, weights=weights, cw=cw,
                                  wpm_band=(lo, hi), min_face_ratio=opts.min_face_ratio, rubric=rubric_out, index=i,
                                  mode=ctx.mode)
        items.append({
            "index": i, "text": q["text"], "start": w.start, "end": w.end, "boundary_method": w.method,
            "question_span": None if w.question_span is None else {"start": w.question_span[0], "end": w.question_span[1]},
            "match_score": w.match_score, "transcript": text, "speech": speech, "nonverbal": nonverbal,
            "weight": q.get("weight", 1.0), "scores": scores, "score_details": details,
            "score_parts": {p: details[p]["parts"] for p in ("verbal", "paraverbal", "nonverbal")},
            "rubric": rubric_out,
        })
    items += [not_answered_item(i, q) for i, q in enumerate(questions, 1) if not q.get("answered", True)]
    items.sort(key=lambda item: item["index"])
    missing = [item["index"] for item in items if item.get("answered") is False]
    if missing:
        warnings.append(notice("answers_missing", questions=", ".join(str(i) for i in missing)))
    ctx.hook(STAGE.name, len(answered), len(answered))
    return {"questions": items, "language": language, "rubric_model": model_name, "warnings": warnings}


def not_answered_item(index: int, question: dict[str, Any]) -> dict[str, Any]:
    """The ``questions.json`` item of a question the recording holds no answer to.

    It has no time and no measure, and an answer score not measured (``answer_missing``), never a zero.
    """
    from interview_ai_lab.report.scoring import PARTS

    reason = {"code": "answer_missing", "params": {"questions": str(index)}}
    return {
        "index": index, "text": question["text"], "answered": False, "start": None, "end": None,
        "boundary_method": "not_answered", "question_span": None, "match_score": None, "transcript": None,
        "speech": None, "nonverbal": None, "weight": question.get("weight", 1.0), "rubric": None,
        "scores": {**dict.fromkeys(PARTS), "total": None, "measured": {"points": 0.0, "out_of": 0.0, "parts": []},
                   "incomplete": {"reasons": [{"part": p, **reason} for p in PARTS]}},
        "score_details": {}, "score_parts": {},
    }


def _counted_words(speech_doc: dict[str, Any]) -> list[Any]:
    """The words the speech stage counted in the rates (``speech.json`` ``counted_words``), in time order.

    Raises:
        InputError: ``speech.json`` has measures but no counted words (written by an older version).
    """
    from interview_ai_lab.report.segmentation import Word

    counted = speech_doc.get("counted_words")
    if counted is None:
        raise InputError(f"{SPEECH} lists no counted words: rerun the 'speech_metrics' stage")
    return sorted((Word(str(w["word"]), float(w["start"]), float(w["end"])) for w in counted), key=lambda w: w.start)


def _contact_flags(gaze_doc: dict[str, Any], frames: list[dict[str, Any]]) -> list[bool]:
    """Each ``faces.json`` frame's eye contact as the gaze stage decided it (``gaze.json`` ``eye_contact``).

    Raises:
        InputError: ``gaze.json`` has no flags or not one per frame (it was written for other frames, or by an
            older version).
    """
    flags = gaze_doc.get("eye_contact")
    if flags is None or len(flags) != len(frames):
        raise InputError(f"{GAZE} does not give the eye contact of each of the {len(frames)} frames of {FACES}: "
                         "rerun the 'gaze_nods' stage")
    return [bool(x) for x in flags]


def _rubric(question: dict[str, Any], answer: str, *, embedder: Any, language: str | None) -> dict[str, Any]:
    """Rubric coverage of one answer: the given rubric, else one generated from the question."""
    from interview_ai_lab.text.rubrics import answer_sentences, generate_rubric, score_answer

    if question.get("rubric") is not None:
        definition = dict(question["rubric"])
        source = "given"
    else:
        definition = generate_rubric(question["text"], language=language, embedder=embedder)
        source = "generated"
    result = score_answer(definition, answer_sentences(answer), embedder, language=language or definition.get("language"))
    return {**result, "source": source, "question_type": definition.get("question_type"), "definition": definition}


def run(ctx: Context, opts: Options, questions: list[dict[str, Any]]) -> Payload:
    """Split the answers and analyse each; the payload of ``questions.json``."""
    payload = analyse(ctx, opts, questions)
    for w in payload["warnings"]:
        logger.warning(w["message"])
    return payload


STAGE = Stage(name="questions", version="6", optional_inputs=INPUTS, output="questions.json", options=Options, run=run,
              enabled=lambda opts: opts.questions is not None, disabled_payload={"questions": None, "warnings": []},
              prepare=lambda ctx, opts: load_questions(opts.questions),
              input_files=lambda ctx, opts, questions: [Path(opts.questions)],
              fingerprint=lambda ctx, opts, questions: {"mode": ctx.mode}, weight=2)

