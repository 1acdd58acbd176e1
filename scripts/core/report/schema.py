"""The report: its schema (pydantic, exported as ``report.schema.json``) and validation.

``report.json`` keeps the keys of the original design with their types; extras go
under new keys. The schema is the contract between the pipeline, the web API and
the front end. ``python -m scripts.core.report.schema`` rewrites ``report.schema.json``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Literal, Optional

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from scripts.core.runtime.errors import StageError

SCHEMA_PATH = Path(__file__).resolve().parents[3] / "report.schema.json"
SCHEMA_VERSION = "1.0"


class _Open(BaseModel):
    """Base: unknown extra keys are kept (later stages may add fields)."""

    model_config = ConfigDict(extra="allow")


class FillerEvent(_Open):
    word: str = Field(description="the filler as heard (e.g. 'euh', 'um')")
    t: float = Field(ge=0, description="time in seconds from the start")
    source: Optional[str] = Field(default=None, description="'asr' (in the transcript) or 'acoustic' (found in the signal)")


class Pause(_Open):
    start: float = Field(ge=0, description="seconds")
    end: float = Field(ge=0, description="seconds")


class SpeechLevelling(_Open):
    method: str = Field(description="'bs1770' (short-term ITU-R BS.1770 loudness, pyloudnorm) or 'dynaudnorm' (FFmpeg)")
    target_lufs: Optional[float] = Field(default=None, description="loudness the speech was brought to, LUFS")
    loudness_lufs: Optional[float] = Field(default=None, description="median short-term loudness of the speech as "
                                           "recorded, LUFS")
    gain_db_median: float = Field(description="median gain applied before VAD, ASR and pause detection, dB")
    gain_db_min: float = Field(description="smallest gain applied, dB")
    gain_db_max: float = Field(description="largest gain applied, dB")


class Speech(_Open):
    duration_sec: float = Field(ge=0, description="length of the recording, seconds")
    wpm: float = Field(ge=0, description="words per minute: words (fillers excluded) / total minutes")
    silence_sec: float = Field(ge=0, description="total of silent stretches of at least 0.5 s, seconds")
    fillers: int = Field(ge=0, description="number of filler words (euh, um…)")
    filler_events: list[FillerEvent] = Field(default_factory=list)
    pauses: list[Pause] = Field(default_factory=list)
    coverage: Optional[float] = Field(default=None, ge=0, le=1, description="share of the voiced time covered by "
                                      "recognised words or fillers, 0-1; below 0.9 a warning names the uncovered times")
    uncovered: list[Pause] = Field(default_factory=list, description="voiced stretches of at least 0.5 s without words")
    levelling: Optional[SpeechLevelling] = Field(default=None, description="loudness levelling applied to the audio")


class Sentiment(_Open):
    label: str = Field(description="positive | neutral | negative")
    score: float = Field(ge=0, le=1, description="confidence of the label, 0-1")


class Text(_Open):
    sentiment: Sentiment
    summary: str


class TimelinePoint(_Open):
    t: float = Field(ge=0, description="seconds")
    e: str = Field(description="emotion label")


class Emotions(_Open):
    dominant_emotion: str
    distribution: dict[str, float] = Field(description="label -> share of analysed time; shares sum to 1")
    timeline: list[TimelinePoint] = Field(default_factory=list)


class NodEvent(_Open):
    t: float = Field(ge=0, description="seconds")


class Nonverbal(_Open):
    eye_contact_ratio: float = Field(ge=0, le=1, description="share of analysed time looking at the camera")
    nods: int = Field(ge=0)
    emotions: Optional[Emotions] = None
    nod_events: list[NodEvent] = Field(default_factory=list)
    blink_rate_per_min: Optional[float] = Field(
        default=None, ge=0, description="blinks per minute of visible face (eye-blink blendshape, landmarks at 12 fps or "
        "more); a measured fact for the coaching expression panel only: never scored, and null in recruitment mode, "
        "where no expression measure is kept, scored or shown")
    smile_share: Optional[float] = Field(
        default=None, ge=0, le=1, description="share of the frames with a face whose smile blendshape is above 0.5; a "
        "measured fact for the coaching expression panel only: never scored, and null in recruitment mode, where no "
        "expression measure is kept, scored or shown")


ScorePart = Literal["verbal", "paraverbal", "nonverbal"]


class Measured(_Open):
    points: float = Field(ge=0, description="points earned in the parts that could be measured")
    out_of: float = Field(ge=0, description="maximum points of the parts that could be measured")
    parts: list[ScorePart] = Field(default_factory=list, description="the parts that could be measured")


class IncompleteReason(_Open):
    part: ScorePart
    code: str = Field(description="no_audio_track | no_speech | no_video_stream | no_face | face_too_rarely_visible "
                                  "({ratio}) | not_measured ({criterion}?)")
    params: dict[str, Any] = Field(default_factory=dict, description="values the translated reason needs")


class Incomplete(_Open):
    reasons: list[IncompleteReason] = Field(description="one per part that could not be measured")


class Scores(_Open):
    verbal: Optional[float] = Field(default=None, description="out of 40 by default; null when not measured")
    paraverbal: Optional[float] = Field(default=None, description="out of 20 by default; null when not measured")
    nonverbal: Optional[float] = Field(default=None, description="out of 40 by default; null when not measured")
    total: Optional[float] = Field(default=None, description="out of 100: the sum of the parts; null whenever any part "
                                                             "is not measured (never re-scaled to look complete)")
    measured: Optional[Measured] = Field(default=None, description="what could be measured, e.g. 40 of 40 points on the "
                                                                   "non-verbal part alone")
    incomplete: Optional[Incomplete] = Field(default=None, description="null when every part was measured; else why not")


class Reason(_Open):
    code: str = Field(description="why it was not measured (see IncompleteReason.code)")
    params: dict[str, Any] = Field(default_factory=dict)


class Criterion(_Open):
    name: str = Field(description="stable criterion name: elaboration, vocabulary, structure, rubric_coverage, "
                                  "speaking_rate, fillers, pauses, voice_variation, eye_contact, nods, expression")
    value: Any = Field(default=None, description="the measured value (null when not measured)")
    points: Optional[float] = Field(default=None, description="points earned (null when not measured)")
    max: Optional[float] = Field(default=None, description="maximum points of the criterion")
    rule: str = Field(description="the rule in words (English)")
    rule_params: dict[str, Any] = Field(default_factory=dict, description="the numbers the rule needs, e.g. {full_from: 150}")
    reason: Optional[Reason] = None
    question_index: Optional[int] = Field(default=None, description="rubric_coverage: the question (1-based)")
    weight: Optional[float] = Field(default=None, description="rubric_coverage: the question's share of the verbal part")
    coverage: Optional[float] = Field(default=None, ge=0, le=1, description="rubric_coverage: share of the rubric covered")


class ScoreDetail(_Open):
    name: Optional[str] = Field(default=None, description="verbal | paraverbal | nonverbal | total")
    points: Optional[float] = Field(default=None, description="points obtained (null when not measured)")
    max: float = Field(description="maximum points of this part")
    rule: str = Field(description="how the points are computed, in words")
    rule_params: dict[str, Any] = Field(default_factory=dict, description="the numbers the rule needs")
    inputs: dict[str, Any] = Field(default_factory=dict, description="the measured values used")
    parts: list[Criterion] = Field(default_factory=list, description="criteria: name, value, points, max, rule, rule_params")
    reason: Optional[Reason] = Field(default=None, description="why this part was not measured (null when it was)")


class Question(_Open):
    index: int = Field(ge=1, description="1-based position of the question")
    text: str
    weight: float = Field(default=1.0, gt=0, description="the question's weight in the interview's verbal part")
    scores: Optional[Scores] = Field(default=None, description="the answer score: this answer alone, not the interview's")
    score_details: dict[str, ScoreDetail] = Field(default_factory=dict, description="how the answer score is made")
    rubric: Optional[dict[str, Any]] = Field(default=None, description="rubric coverage: criteria, evidence, score 0-100")


class Notice(_Open):
    code: str = Field(description="stable identifier the reader's interface translates ('message' = an uncoded English text)")
    params: dict[str, Any] = Field(default_factory=dict, description="values the translated sentence needs")
    message: str = Field(description="the English sentence (command line, HTML report)")
    technical: Optional[str] = Field(default=None, description="details for administrators: models, variables, files")


class Network(_Open):
    downloads_allowed: bool = Field(description="a missing model could be downloaded in this run (IAL_ALLOW_DOWNLOADS)")
    attempted: bool = Field(description="this run tried to reach the network (a model download)")
    models: list[str] = Field(default_factory=list, description="models (repository ids or URLs) a download was tried for")


class Meta(_Open):
    asr_model: Optional[dict[str, Any]] = None
    emotion_model: Optional[dict[str, Any]] = None
    face_model: Optional[dict[str, Any]] = Field(default=None, description="the face landmarker used, and where it came from")
    network: Optional[Network] = Field(default=None, description="whether the run tried to reach the network")
    mode: str = "coaching"
    options: dict[str, Any] = Field(default_factory=dict)
    stage_seconds: dict[str, float] = Field(default_factory=dict)
    versions: dict[str, str] = Field(default_factory=dict)


class Report(_Open):
    transcript: str
    speech: Optional[Speech] = None
    text: Optional[Text] = None
    nonverbal: Optional[Nonverbal] = None
    scores: Scores
    score_details: dict[str, ScoreDetail] = Field(default_factory=dict)
    warnings: list[str] = Field(default_factory=list, description="the English messages of `notices`")
    notices: list[Notice] = Field(default_factory=list, description="the warnings as codes with parameters")
    meta: Meta
    questions: Optional[list[Question]] = Field(default=None, description="per-question split (with --questions)")
    blur: Optional[dict[str, Any]] = Field(default=None, description="the face-blurred copy (with --blur-faces)")


def validate_report(data: dict[str, Any]) -> dict[str, Any]:
    """Validate ``data`` against the schema; return it unchanged.

    Raises:
        StageError: The report does not match the schema (a bug, never user input).
    """
    try:
        Report.model_validate(data)
    except ValidationError as e:
        raise StageError(f"the report does not match report.schema.json: {e}") from e
    return data


def json_schema() -> dict[str, Any]:
    """The report's JSON Schema."""
    schema = Report.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "interview-ai-lab report"
    schema["x-schema-version"] = SCHEMA_VERSION
    return schema


def write_schema(path: Path = SCHEMA_PATH) -> Path:
    """Write the JSON Schema to ``path`` (default: ``report.schema.json`` at the project root)."""
    from scripts.core.runtime.atomic import write_text_atomic

    return write_text_atomic(path, json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    print(write_schema())
