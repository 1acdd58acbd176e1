"""The report: its schema (pydantic, exported as ``report.schema.json``) and validation.

``report.json`` keeps the keys of the original design with their types; extras go
under new keys. The schema is the contract between the pipeline, the web API and
the front end. ``python -m interview_ai_lab.report.schema`` rewrites ``report.schema.json``.
"""

from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from interview_ai_lab.runtime.errors import StageError
from interview_ai_lab.runtime.resources import data_path

SCHEMA_PATH = data_path("report.schema.json")
SCHEMA_VERSION = "1.0"


class _Open(BaseModel):
    """Base: unknown extra keys are kept (later stages may add fields)."""

    model_config = ConfigDict(extra="allow")


class FillerEvent(_Open):
    word: str = Field(description="the filler as heard (e.g. 'euh', 'um')")
    t: float = Field(ge=0, description="time in seconds from the start")
    source: str | None = Field(default=None, description="'asr' (in the transcript) or 'acoustic' (found in the signal)")
    end: float | None = Field(default=None, ge=0, description="end of the filler, seconds")


class Pause(_Open):
    start: float = Field(ge=0, description="seconds")
    end: float = Field(ge=0, description="seconds")


class SpeechLevelling(_Open):
    method: str = Field(description="'bs1770' (short-term ITU-R BS.1770 loudness, pyloudnorm) or 'dynaudnorm' (FFmpeg)")
    target_lufs: float | None = Field(default=None, description="loudness the speech was brought to, LUFS")
    loudness_lufs: float | None = Field(default=None, description="median short-term loudness of the speech as "
                                           "recorded, LUFS")
    gain_db_median: float = Field(description="median gain applied before VAD, ASR and pause detection, dB")
    gain_db_min: float = Field(description="smallest gain applied, dB")
    gain_db_max: float = Field(description="largest gain applied, dB")
    speech_share: float | None = Field(default=None, ge=0, le=1, description="share of the analysis windows that "
                                          "stood clearly above the noise floor and set the gain")


class Word(_Open):
    w: str = Field(description="the word as transcribed, punctuation included")
    start: float = Field(ge=0, description="seconds")
    end: float = Field(ge=0, description="seconds")
    filler: bool = Field(default=False, description="a hesitation filler (euh, um…) found at this time")


class DroppedText(_Open):
    start: float = Field(ge=0, description="seconds")
    end: float = Field(ge=0, description="seconds")
    text: str = Field(description="what the speech recogniser wrote there")
    reason: Literal["no_speech", "loop", "prompt_echo", "zero_length", "no_voice", "filler_sound"] = Field(
        description="no_speech: the recogniser rated it as no speech; loop: a repeated phrase or a text that "
                    "compresses like a loop; prompt_echo: the decoding prompt written back; zero_length: words of no "
                    "length piled at a chunk's end; no_voice: no voiced sound under it (silence, breath, cough); "
                    "filler_sound: a word written over a lone hesitation sound (counted as a filler)")


class Speech(_Open):
    duration_sec: float = Field(ge=0, description="length of the recording, seconds")
    wpm: float = Field(ge=0, description="words per minute: words (fillers excluded) / total minutes")
    silence_sec: float = Field(ge=0, description="total of the pauses (stretches without speech of at least "
                                                 "min_pause_sec), seconds")
    min_pause_sec: float | None = Field(default=None, gt=0, description="shortest stretch without speech counted as a "
                                           "pause in this run (--min-pause-sec), seconds; null in reports written "
                                           "before it was recorded (0.25 s unless set otherwise)")
    fillers: int = Field(ge=0, description="number of filler words (euh, um…)")
    filler_events: list[FillerEvent] = Field(default_factory=list)
    pauses: list[Pause] = Field(default_factory=list)
    coverage: float | None = Field(default=None, ge=0, le=1, description="share of the voiced time covered by "
                                      "recognised words or fillers, 0-1; below 0.9 a warning names the uncovered times")
    uncovered: list[Pause] = Field(default_factory=list, description="voiced stretches of at least 0.5 s without words")
    levelling: SpeechLevelling | None = Field(default=None, description="loudness levelling applied to the audio")
    articulation_rate: float | None = Field(default=None, ge=0, description="words per minute of speaking time "
                                               "(pauses excluded)")
    word_count: int | None = Field(default=None, ge=0, description="recognised words, fillers excluded")
    speaking_time_sec: float | None = Field(default=None, ge=0, description="recording minus pauses, seconds")
    pause_count: int | None = Field(default=None, ge=0, description="pauses of at least min_pause_sec")
    filler_rate_per_min: float | None = Field(default=None, ge=0, description="fillers per minute of recording")
    pitch_median_hz: float | None = Field(default=None, ge=0, description="median pitch of voiced frames, Hz")
    energy_variability_db: float | None = Field(default=None, ge=0, description="spread of the loudness of "
                                                   "speech frames as recorded, dB")
    noise_floor_db: float | None = Field(default=None, description="background level as recorded, dBFS")
    speech_level_db: float | None = Field(default=None, description="level of speech as recorded, dBFS")
    language: str | None = Field(default=None, description="language of the speech (fr, en…)")
    pitch_variability_st: float | None = Field(default=None, ge=0, description="spread of the voice's pitch on "
                                                  "voiced frames, semitones; null without enough voiced speech")


class Sentiment(_Open):
    label: str = Field(description="positive | neutral | negative")
    score: float = Field(ge=0, le=1, description="confidence of the label, 0-1")
    method: str | None = Field(default=None, description="transformers (a classifier) | lexicon (the labelled "
                                  "fallback)")
    model: str | None = Field(default=None, description="the classifier's or the lexicon's name")
    scores: dict[str, float] = Field(default_factory=dict, description="positive, neutral, negative probabilities "
                                     "summing to 1")
    polarity: float | None = Field(default=None, ge=-1, le=1, description="P(positive) - P(negative), or the "
                                      "lexicon's mean sentence score, -1..1")
    units: int | None = Field(default=None, ge=0, description="chunks (classifier) or sentences (lexicon) scored")
    language: str | None = None


class Text(_Open):
    sentiment: Sentiment
    summary: str
    keywords: list[str] = Field(default_factory=list, description="key words and phrases of the transcript, best first")
    summary_method: str | None = Field(default=None, description="embedding-mmr | textrank (no sentence model)")
    summary_model: str | None = Field(default=None, description="the sentence-embedding model used")
    summary_sentence_indices: list[int] = Field(default_factory=list, description="the transcript sentences picked "
                                                "for the summary, 0-based")
    sentences: int | None = Field(default=None, ge=0)
    words: int | None = Field(default=None, ge=0)
    language: str | None = None


class TimelinePoint(_Open):
    t: float = Field(ge=0, description="seconds")
    e: str = Field(description="emotion label")


class Emotions(_Open):
    dominant_emotion: str
    distribution: dict[str, float] = Field(description="label -> share of analysed time; shares sum to 1")
    timeline: list[TimelinePoint] = Field(default_factory=list)
    mean_probabilities: dict[str, float] = Field(default_factory=dict, description="label -> mean model probability")
    model: str | None = Field(default=None, description="the emotion model used")
    n_frames: int | None = Field(default=None, ge=0, description="face frames the model read")


class NodEvent(_Open):
    t: float = Field(ge=0, description="seconds")
    amplitude_deg: float | None = Field(default=None, ge=0, description="depth of the dip below the baseline, degrees")


class HeadPose(_Open):
    yaw: float | None = Field(default=None, description="degrees, 0 facing the camera")
    pitch: float | None = Field(default=None, description="degrees, 0 facing the camera")


class Nonverbal(_Open):
    eye_contact_ratio: float = Field(ge=0, le=1, description="share of analysed time looking at the camera")
    nods: int = Field(ge=0)
    emotions: Emotions | None = None
    nod_events: list[NodEvent] = Field(default_factory=list)
    face_detected_ratio: float | None = Field(default=None, ge=0, le=1, description="share of the analysed frames "
                                                 "with the candidate's face")
    look_away_events: list[Pause] = Field(default_factory=list, description="face seen but not looking at the camera, "
                                          "at least 0.5 s: start and end, seconds")
    no_face_events: list[Pause] = Field(default_factory=list, description="no face in the frame, at least 0.5 s")
    median_head_pose: HeadPose | None = None
    pose_reference: HeadPose | None = Field(default=None, description="the pose counted as facing the camera")
    multiple_faces: bool | None = Field(default=None, description="other faces appeared often (they were ignored)")
    thresholds: dict[str, Any] = Field(default_factory=dict, description="the options the measures used")
    frames: int | None = Field(default=None, ge=0, description="landmark frames analysed")
    blink_rate_per_min: float | None = Field(
        default=None, ge=0, description="blinks per minute of visible face (eye-blink blendshape, landmarks at 12 fps or "
        "more); a measured fact for the coaching expression panel only: never scored; null in recruitment mode, "
        "where no expression measure is kept, scored or shown, below 12 landmark frames per second, and with less "
        "than 10 s of visible face")
    blinks: int | None = Field(default=None, ge=0, description="blinks counted (null when the rate is null)")
    blink_times: list[float] = Field(default_factory=list, description="time of each blink, seconds")
    smile_share: float | None = Field(
        default=None, ge=0, le=1, description="share of the frames with a face whose smile blendshape is above 0.5; a "
        "measured fact for the coaching expression panel only: never scored; null in recruitment mode, where no "
        "expression measure is kept, scored or shown, and when no frame has a face")


ScorePart = Literal["verbal", "paraverbal", "nonverbal"]


class Measured(_Open):
    points: float = Field(ge=0, description="points earned in the parts that could be measured")
    out_of: float = Field(ge=0, description="maximum points of the parts that could be measured")
    parts: list[ScorePart] = Field(default_factory=list, description="the parts that could be measured")


class IncompleteReason(_Open):
    part: ScorePart
    code: str = Field(description="no_audio_track | no_speech | no_video_stream | no_face | face_too_rarely_visible "
                                  "({ratio}) | answer_missing ({questions}) | not_measured ({criterion}?)")
    params: dict[str, Any] = Field(default_factory=dict, description="values the translated reason needs")


class Incomplete(_Open):
    reasons: list[IncompleteReason] = Field(description="one per part that could not be measured")


class Scores(_Open):
    verbal: float | None = Field(default=None, description="out of 40 by default; null when not measured")
    paraverbal: float | None = Field(default=None, description="out of 20 by default; null when not measured")
    nonverbal: float | None = Field(default=None, description="out of 40 by default; null when not measured")
    total: float | None = Field(default=None, description="out of 100: the sum of the parts; null whenever any part "
                                                             "is not measured (never re-scaled to look complete)")
    measured: Measured | None = Field(default=None, description="what could be measured, e.g. 40 of 40 points on the "
                                                                   "non-verbal part alone")
    incomplete: Incomplete | None = Field(default=None, description="null when every part was measured; else why not")


class Reason(_Open):
    code: str = Field(description="why it was not measured (see IncompleteReason.code)")
    params: dict[str, Any] = Field(default_factory=dict)


class Criterion(_Open):
    name: str = Field(description="stable criterion name: elaboration, vocabulary, structure, rubric_coverage, "
                                  "speaking_rate, fillers, pauses, voice_variation, eye_contact, nods, expression")
    value: Any = Field(default=None, description="the measured value (null when not measured)")
    points: float | None = Field(default=None, description="points earned (null when not measured)")
    max: float | None = Field(default=None, description="maximum points of the criterion")
    rule: str = Field(description="the rule in words (English)")
    rule_params: dict[str, Any] = Field(default_factory=dict, description="the numbers the rule needs, e.g. {full_from: 150}")
    reason: Reason | None = None
    question_index: int | None = Field(default=None, description="rubric_coverage: the question (1-based)")
    weight: float | None = Field(default=None, description="rubric_coverage: the question's share of the verbal part")
    coverage: float | None = Field(default=None, ge=0, le=1, description="rubric_coverage: share of the rubric covered")
    off_topic: bool | None = Field(default=None, description="rubric_coverage: the answer covers under a third of "
                                      "its rubric, so it earns at most a third of the points (null when not measured)")


class ScoreDetail(_Open):
    name: str | None = Field(default=None, description="verbal | paraverbal | nonverbal | total")
    points: float | None = Field(default=None, description="points obtained (null when not measured)")
    max: float = Field(description="maximum points of this part")
    rule: str = Field(description="how the points are computed, in words")
    rule_params: dict[str, Any] = Field(default_factory=dict, description="the numbers the rule needs")
    inputs: dict[str, Any] = Field(default_factory=dict, description="the measured values used")
    parts: list[Criterion] = Field(default_factory=list, description="criteria: name, value, points, max, rule, rule_params")
    reason: Reason | None = Field(default=None, description="why this part was not measured (null when it was)")
    answers: list[dict[str, Any]] = Field(default_factory=list, description="total: the answers' rubric coverage that "
                                          "made the verbal part")
    information: dict[str, Any] | None = Field(default=None, description="verbal: facts shown beside the part that "
                                                  "earn no points (the tone)")


class AnswerSpeech(_Open):
    duration_sec: float = Field(ge=0, description="length of the answer, seconds")
    words: int = Field(ge=0, description="words of the answer, fillers excluded")
    wpm: float = Field(ge=0, description="words per minute over the answer")
    articulation_wpm: float | None = Field(default=None, ge=0, description="words per minute of speaking time "
                                              "(pauses excluded)")
    silence_sec: float = Field(ge=0, description="pauses of at least min_pause_sec within the answer, seconds")
    min_pause_sec: float | None = Field(default=None, gt=0, description="shortest pause counted, seconds: the run's "
                                           "(speech.min_pause_sec)")
    pauses: list[Pause] = Field(default_factory=list)
    fillers: int = Field(ge=0, description="fillers within the answer")
    filler_events: list[FillerEvent] = Field(default_factory=list)


class AnswerNonverbal(_Open):
    eye_contact_ratio: float = Field(ge=0, le=1, description="share of the answer's frames looking at the camera")
    nods: int = Field(ge=0)
    nod_events: list[NodEvent] = Field(default_factory=list)
    face_detected_ratio: float = Field(ge=0, le=1, description="share of the answer's frames with the face")
    frames: int | None = Field(default=None, ge=0, description="landmark frames within the answer")
    emotions: Emotions | None = Field(default=None, description="coaching mode only")


class RubricCriterionResult(_Open):
    id: str | None = Field(default=None, description="stable id of the criterion within its rubric")
    name: str
    description: str | None = None
    weight: float | None = Field(default=None, ge=0, description="relative weight inside the rubric")
    coverage: float = Field(ge=0, le=1, description="how well the answer shows the criterion, 0-1")
    evidence: list[str] = Field(default_factory=list, description="the answer's sentences that show it")


class RubricResult(_Open):
    criteria: list[RubricCriterionResult]
    score: float = Field(ge=0, le=100, description="weighted coverage of the rubric, 0-100")
    method: str | None = Field(default=None, description="how coverage was found: embeddings+keywords | keywords")
    source: str | None = Field(default=None, description="generated (from the question) | given | edited")
    definition: dict[str, Any] | None = Field(default=None, description="the rubric used, with its weights")


class Question(_Open):
    index: int = Field(ge=1, description="1-based position of the question")
    text: str
    weight: float = Field(default=1.0, gt=0, description="the question's weight in the interview's verbal part")
    scores: Scores | None = Field(default=None, description="the answer score: this answer alone, not the interview's")
    score_details: dict[str, ScoreDetail] = Field(default_factory=dict, description="how the answer score is made")
    rubric: RubricResult | None = Field(default=None, description="rubric coverage: criteria, evidence, score 0-100")
    start: float | None = Field(default=None, ge=0, description="start of the answer, seconds (null: not answered); "
                                "exact when given with the questions (an answer recorded on its own)")
    end: float | None = Field(default=None, ge=0, description="end of the answer, seconds (null: not answered)")
    answered: bool = Field(default=True, description="false: the recording holds no answer to this question (a "
                           "one-way interview sent without it); its scores are not measured (answer_missing)")
    boundary_method: str | None = Field(default=None, description="how the answer's start was found: given | "
                                        "transcript | pause | short_pause | even_split | first_speech | not_answered")
    transcript: str | None = Field(default=None, description="the words of the answer")
    speech: AnswerSpeech | None = Field(default=None, description="speech measures of the answer alone")
    nonverbal: AnswerNonverbal | None = Field(default=None, description="non-verbal measures of the answer alone")


class Notice(_Open):
    code: str = Field(description="stable identifier the reader's interface translates ('message' = an uncoded English text)")
    params: dict[str, Any] = Field(default_factory=dict, description="values the translated sentence needs")
    message: str = Field(description="the English sentence (command line, HTML report)")
    technical: str | None = Field(default=None, description="details for administrators: models, variables, files")


class Network(_Open):
    downloads_allowed: bool = Field(description="a missing model could be downloaded in this run (IAL_ALLOW_DOWNLOADS)")
    attempted: bool = Field(description="this run tried to reach the network (a model download)")
    models: list[str] = Field(default_factory=list, description="models (repository ids or URLs) a download was tried for")


class Meta(_Open):
    asr_model: dict[str, Any] | None = None
    emotion_model: dict[str, Any] | None = None
    face_model: dict[str, Any] | None = Field(default=None, description="the face landmarker used, and where it came from")
    network: Network | None = Field(default=None, description="whether the run tried to reach the network")
    mode: str = "coaching"
    options: dict[str, Any] = Field(default_factory=dict)
    stage_seconds: dict[str, float] = Field(default_factory=dict)
    versions: dict[str, str] = Field(default_factory=dict)
    text_models: dict[str, Any] | None = Field(default=None, description="sentiment and embedding models used")
    emotions_enabled: bool | None = Field(default=None, description="emotion inference ran (never in recruitment)")
    device: str | None = Field(default=None, description="the --device asked for: cpu | cuda | auto")
    device_choice: dict[str, Any] | None = Field(default=None, description="the device each model ran on, and why")
    video: str | None = Field(default=None, description="file name of the analysed video")
    created_at: str | None = Field(default=None, description="when the report was made, ISO 8601")


class Media(_Open):
    duration_sec: float | None = Field(default=None, ge=0, description="seconds")
    has_audio: bool | None = None
    has_video: bool | None = None
    fps: float | None = Field(default=None, ge=0, description="frames per second")
    width: int | None = Field(default=None, ge=0, description="pixels")
    height: int | None = Field(default=None, ge=0, description="pixels")
    video_codec: str | None = None
    audio_codec: str | None = None
    prober: str | None = Field(default=None, description="ffprobe | pyav")


class Report(_Open):
    transcript: str
    language: str | None = Field(default=None, description="language of the interview (fr, en…)")
    media: Media | None = Field(default=None, description="facts probed from the video file")
    words: list[Word] = Field(default_factory=list, description="the transcript's words with their times")
    transcript_dropped: list[DroppedText] = Field(
        default_factory=list, description="what the speech recogniser wrote but nobody said there, left out of the "
        "transcript, the words and the measures, with the reason")
    speech: Speech | None = None
    text: Text | None = None
    nonverbal: Nonverbal | None = None
    scores: Scores
    score_details: dict[str, ScoreDetail] = Field(default_factory=dict)
    warnings: list[str] = Field(default_factory=list, description="the English messages of `notices`")
    notices: list[Notice] = Field(default_factory=list, description="the warnings as codes with parameters")
    limits: dict[str, str] = Field(default_factory=dict, description="known limits of each measure, in English")
    disclaimer: str | None = Field(default=None, description="scores assist a human reviewer and never decide")
    meta: Meta
    questions: list[Question] | None = Field(default=None, description="per-question split (with --questions)")
    blur: dict[str, Any] | None = Field(default=None, description="the face-blurred copy (with --blur-faces)")


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


def undeclared_keys(data: Any, node: dict[str, Any] | None = None, path: str = "report") -> list[str]:
    """Paths of the keys of ``data`` that the schema does not declare.

    An open map such as ``distribution`` declares any key. The models keep unknown keys (a newer stage may add
    one), so a test calls this to keep the contract whole.
    """
    schema = _cached_schema()
    defs = schema.get("$defs", {})
    node = schema if node is None else node
    while "$ref" in node:
        node = defs[node["$ref"].rsplit("/", 1)[-1]]
    if "anyOf" in node:
        branches = [b for b in node["anyOf"] if {"properties", "items", "additionalProperties", "$ref"} & set(b)]
        found = [undeclared_keys(data, b, path) for b in branches]
        return min(found, key=len) if found else []
    if isinstance(data, list):
        return [k for i, v in enumerate(data) for k in undeclared_keys(v, node.get("items", {}), f"{path}[{i}]")]
    if not isinstance(data, dict):
        return []
    out: list[str] = []
    props, extra = node.get("properties"), node.get("additionalProperties")
    for key, value in data.items():
        child = (props or {}).get(key, extra if isinstance(extra, dict) else None)
        if child is not None:
            out += undeclared_keys(value, child, f"{path}.{key}")
        elif props is not None:
            out.append(f"{path}.{key}")
    return out


@functools.cache
def _cached_schema() -> dict[str, Any]:
    """The JSON Schema, built once per process (:func:`undeclared_keys` walks it node by node)."""
    return json_schema()


def json_schema() -> dict[str, Any]:
    """The report's JSON Schema."""
    schema = Report.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "interview-ai-lab report"
    schema["x-schema-version"] = SCHEMA_VERSION
    return schema


def write_schema(path: Path = SCHEMA_PATH) -> Path:
    """Write the JSON Schema to ``path`` (default: ``report.schema.json`` at the project root)."""
    from interview_ai_lab.runtime.atomic import write_text_atomic

    return write_text_atomic(path, json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    import sys

    sys.stdout.write(f"{write_schema()}\n")
