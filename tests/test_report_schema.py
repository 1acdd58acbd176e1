"""The committed report.schema.json is the generated one, and it rejects malformed reports."""

import json

import jsonschema
import pytest

from interview_ai_lab.report.schema import SCHEMA_PATH, json_schema, validate_report
from interview_ai_lab.runtime.errors import StageError


def _minimal():
    return {"transcript": "", "speech": None, "text": None, "nonverbal": None,
            "scores": {"verbal": None, "paraverbal": None, "nonverbal": None, "total": None},
            "score_details": {}, "warnings": [], "meta": {"mode": "coaching"}}


def test_committed_schema_is_up_to_date():
    committed = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    assert committed == json.loads(json.dumps(json_schema())), "run: python -m interview_ai_lab.report.schema"


def test_minimal_report_is_valid_for_both_validators():
    data = _minimal()
    validate_report(data)
    jsonschema.validate(data, json.loads(SCHEMA_PATH.read_text(encoding="utf-8")))


@pytest.mark.parametrize("mutate", [
    lambda r: r.pop("transcript"),
    lambda r: r.update(speech={"duration_sec": -1, "wpm": 1, "silence_sec": 0, "fillers": 0}),
    lambda r: r.update(nonverbal={"eye_contact_ratio": 1.5, "nods": 0}),
    lambda r: r.update(text={"sentiment": {"label": "positive", "score": 2}, "summary": ""}),
    lambda r: r["scores"].update(total="high"),
])
def test_malformed_reports_are_rejected(mutate):
    data = _minimal()
    mutate(data)
    with pytest.raises(StageError):
        validate_report(data)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, json.loads(SCHEMA_PATH.read_text(encoding="utf-8")))


def test_undeclared_keys_are_found_where_the_schema_declares_properties():
    from interview_ai_lab.report.schema import undeclared_keys

    data = _minimal()
    data["nonverbal"] = {"eye_contact_ratio": 0.5, "nods": 1, "gaze_shift_rate": 2,
                         "emotions": {"dominant_emotion": "neutral", "distribution": {"neutral": 1.0}}}
    data["speech"] = {"duration_sec": 1, "wpm": 1, "silence_sec": 0, "fillers": 0, "filler_events": [{"word": "um", "t": 1,
                                                                                                         "pitch": 3}]}
    data["extra_top"] = 1
    assert undeclared_keys(data) == ["report.speech.filler_events[0].pitch", "report.nonverbal.gaze_shift_rate",
                                     "report.extra_top"]
    assert undeclared_keys(_minimal()) == []
