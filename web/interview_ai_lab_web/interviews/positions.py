"""Positions: their questions' rubrics (versioned), and what an interview of a position takes from it.

An interview uploaded to a position takes its questions (text and weight), its latest
rubrics, its score weights, mode, language and retention; each analysis records which
rubric versions scored it (``Interview.options["rubric_versions"]``, then
``ReportVersion.rubric_versions``), so a report scored with an older rubric is told apart.
"""

from __future__ import annotations

import logging
from typing import Any

from django.db import transaction
from django.db.models import Max

from . import audit
from .locking import lock_row
from .models import AuditEvent, Interview, Position, PositionRubric
from .rubrics import generate, validate

logger = logging.getLogger(__name__)


def _actor(user: Any) -> Any:
    return user if getattr(user, "is_authenticated", False) else None


def current_rubrics(position: Position) -> dict[int, PositionRubric]:
    """The current (highest) version of each question's rubric, by 1-based question index."""
    out: dict[int, PositionRubric] = {}
    for pr in position.rubrics.select_related("created_by").order_by("question_index", "-version"):
        out.setdefault(pr.question_index, pr)
    return out


def current_versions(position: Position) -> dict[str, int]:
    """``{"1": 3, …}``: the current rubric version of each question that has one."""
    return {str(i): pr.version for i, pr in current_rubrics(position).items()}


def ensure_rubrics(position: Position, *, given: dict[int, Any] | None = None, user: Any = None
                   ) -> list[PositionRubric]:
    """Give every question of the position a current rubric made for its text; return the versions created.

    A question without a rubric, or whose text changed, gets the rubric given for it in
    ``given`` (by 1-based index; source ``given``) or one generated from its text.

    Raises:
        interviews.rubrics.RubricInvalid: a given rubric is not valid.
    """
    given = given or {}
    created: list[PositionRubric] = []
    language = position.language if position.language in ("fr", "en") else None
    with transaction.atomic():
        lock_row(position)  # serialise version numbers
        have = current_rubrics(position)
        for i, q in enumerate(position.questions or [], 1):
            pr = have.get(i)
            rubric_in = given.get(i)
            if pr is not None and pr.question_text == q["text"] and rubric_in is None:
                continue
            if rubric_in is not None:
                rubric, source = validate(rubric_in, question_text=q["text"]), "given"
                if pr is not None and pr.rubric == rubric:
                    continue
            else:
                rubric, source = generate(q["text"], language), "generated"
            created.append(PositionRubric.objects.create(
                position=position, question_index=i, question_text=q["text"], rubric=rubric, source=source,
                version=(pr.version if pr else 0) + 1, created_by=_actor(user)))
    return created


def save_edit(position: Position, index: int, rubric: Any, *, user: Any) -> PositionRubric:
    """A recruiter's rubric for question ``index`` (1-based) as a new version, audited as ``edit_rubric``.

    Raises:
        IndexError: no such question.
        interviews.rubrics.RubricInvalid: the rubric is not valid.
    """
    questions = position.questions or []
    if not 1 <= index <= len(questions):
        raise IndexError(index)
    text = questions[index - 1]["text"]
    clean = validate(rubric, question_text=text)
    clean["method"] = "edited"
    with transaction.atomic():
        lock_row(position)
        last = position.rubrics.filter(question_index=index).aggregate(m=Max("version"))["m"] or 0
        pr = PositionRubric.objects.create(position=position, question_index=index, question_text=text,
                                           version=last + 1, rubric=clean, source="edited", created_by=_actor(user))
        audit.record(AuditEvent.Action.EDIT_RUBRIC, interview_id=None, user=user, details={
            "position": str(position.pk), "question_index": index, "version": pr.version,
            "criteria": len(clean["criteria"])})
    return pr


def with_spans(questions: list[dict[str, Any]], spans: list[dict[str, Any]] | None) -> list[dict[str, Any]]:
    """The questions with the exact ``start``/``end`` (seconds) of each answer of a browser-recorded interview.

    The spans are ``Interview.answer_spans`` of a one-way interview recorded in the browser; a question it did
    not answer gets ``"answered": false``.

    >>> with_spans([{"text": "A"}, {"text": "B"}], [{"question_index": 1, "start": 0.0, "end": 4.0},
    ...                                              {"question_index": 2, "start": None, "end": None}])
    [{'text': 'A', 'start': 0.0, 'end': 4.0}, {'text': 'B', 'answered': False}]
    """
    if spans is None:
        return questions
    by_index = {int(s["question_index"]): s for s in spans}
    out = []
    for i, q in enumerate(questions, 1):
        span = by_index.get(i) or {}
        if span.get("start") is None:
            out.append({**q, "answered": False})
        else:
            out.append({**q, "start": float(span["start"]), "end": float(span["end"])})
    return out


def apply_to_interview(interview: Interview, position: Position) -> None:
    """Set the interview's questions, weights, mode, language and retention from the position (not saved).

    The answers' spans of a one-way interview recorded in the browser go with the questions (:func:`with_spans`).
    """
    interview.position = position
    interview.organisation_id = position.organisation_id
    interview.questions = with_spans([{"text": q["text"], "weight": float(q.get("weight", 1.0))}
                                      for q in position.questions or []], interview.answer_spans) or None
    interview.weights = position.weights
    interview.mode = position.mode
    interview.language = position.language
    interview.retention_days = position.retention_days


def questions_with_recorded_rubrics(interview: Interview) -> tuple[list[dict[str, Any]], dict[str, int]]:
    """The ``--questions`` file of a position's interview and the rubric versions in it.

    Each question carries its weight and the rubric version recorded when the analysis
    was queued (``options["rubric_versions"]``), else the current one.
    """
    position = interview.position
    assert position is not None
    wanted = (interview.options or {}).get("rubric_versions") or {}
    have = current_rubrics(position)
    out: list[dict[str, Any]] = []
    used: dict[str, int] = {}
    for i, q in enumerate(interview.questions or [], 1):
        item: dict[str, Any] = {"text": q["text"], "weight": float(q.get("weight", 1.0)),
                                **{k: q[k] for k in ("start", "end", "answered") if k in q}}
        pr = None
        if str(i) in wanted:
            pr = position.rubrics.filter(question_index=i, version=wanted[str(i)]).first()
        pr = pr or have.get(i)
        if pr is not None and pr.question_text == q["text"]:
            item["rubric"] = pr.rubric
            used[str(i)] = pr.version
        out.append(item)
    return out, used
