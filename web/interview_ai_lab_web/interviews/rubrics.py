"""Rubrics of the questions of an interview: generated at upload, edited by recruiters, versioned.

A rubric is the JSON of :mod:`interview_ai_lab.text.rubrics` (``{"criteria": [{"id", "name",
"description", "weight", "examples"?, "keywords"?}], …}``). Each question of an
interview (1-based ``question_index``, as ``report.questions[].index``) has versions
1, 2, …; the highest is the current one, passed to the pipeline with the question.
Generation uses the templates only (no embedding model in the web process: fast and
offline, a few milliseconds).
"""

from __future__ import annotations

import logging
from typing import Any

from django.db import transaction
from django.db.models import Max, QuerySet

from . import audit
from .locking import lock_row
from .models import AuditEvent, Interview, RubricVersion

logger = logging.getLogger(__name__)

MAX_CRITERIA = 20
MAX_TEXT_CHARS = 2000
MAX_LIST_ITEMS = 30


class RubricInvalid(ValueError):
    """The rubric a recruiter sent is not valid (the message says why)."""


def validate(rubric: Any, *, question_text: str = "", language: str | None = None) -> dict[str, Any]:
    """Check a rubric (``interview_ai_lab.text.rubrics.validate_rubric`` plus size limits); return it normalised.

    Raises:
        RubricInvalid: with a one-line reason.
    """
    from interview_ai_lab.runtime.errors import InputError
    from interview_ai_lab.text.rubrics import validate_rubric

    try:
        out = validate_rubric(rubric, where="rubric")
    except InputError as e:
        raise RubricInvalid(str(e)) from None
    if len(out["criteria"]) > MAX_CRITERIA:
        raise RubricInvalid(f"rubric: at most {MAX_CRITERIA} criteria")
    for c in out["criteria"]:
        for key in ("id", "name", "description"):
            if len(c[key]) > MAX_TEXT_CHARS:
                raise RubricInvalid(f"rubric: criterion '{c['id'][:40]}': '{key}' longer than {MAX_TEXT_CHARS} characters")
        for key in ("examples", "keywords"):
            items = c.get(key) or []
            if len(items) > MAX_LIST_ITEMS or any(len(x) > MAX_TEXT_CHARS for x in items):
                raise RubricInvalid(f"rubric: criterion '{c['id'][:40]}': at most {MAX_LIST_ITEMS} '{key}' "
                                    f"of {MAX_TEXT_CHARS} characters")
    if question_text:
        out["question"] = question_text
    if language and not out.get("language"):
        out["language"] = language
    return out


def generate(question_text: str, language: str | None = None) -> dict[str, Any]:
    """A rubric generated from the question (templates + the question's own relevance criterion)."""
    from interview_ai_lab.text.rubrics import generate_rubric

    return generate_rubric(question_text, language=language if language in ("fr", "en") else None, embedder=None)


def current(interview: Interview) -> dict[int, RubricVersion]:
    """The current (highest) version of each question's rubric, by 1-based question index."""
    out: dict[int, RubricVersion] = {}
    for rv in interview.rubric_versions.order_by("question_index", "-version"):
        out.setdefault(rv.question_index, rv)
    return out


def ensure_rubrics(interview: Interview, *, user: Any = None) -> list[RubricVersion]:
    """Give every question of ``interview`` a current rubric made for its text.

    A question without a rubric, or whose text changed since its current rubric, gets a
    new version: the rubric given with the question (``questions[i]["rubric"]``, source
    ``given``) or one generated from its text. Returns the versions created.

    Raises:
        RubricInvalid: a rubric given with a question is not valid.
    """
    created: list[RubricVersion] = []
    questions = interview.questions or []
    with transaction.atomic():
        # Serialise version numbers: two requests reading an interview of before rubrics at once (its questions and
        # a scorecard, say) would both create version 1 (unique_rubric_version); the second now waits, then sees it.
        lock_row(interview)
        have = current(interview)
        for i, q in enumerate(questions, 1):
            rv = have.get(i)
            given = q.get("rubric") if isinstance(q, dict) else None
            if rv is not None and rv.question_text == q["text"] and given is None:
                continue
            if given is not None:
                rubric, source = validate(given, question_text=q["text"]), RubricVersion.Source.GIVEN
                if rv is not None and rv.rubric == rubric:
                    continue
            else:
                rubric, source = generate(q["text"], interview.language), RubricVersion.Source.GENERATED
            created.append(RubricVersion.objects.create(
                interview=interview, question_index=i, question_text=q["text"], rubric=rubric, source=source,
                version=(rv.version if rv else 0) + 1, created_by=user if getattr(user, "is_authenticated", False) else None))
    if any(isinstance(q, dict) and "rubric" in q for q in questions):
        # The given rubrics now live in RubricVersion: the questions keep text and start only.
        interview.questions = [{k: v for k, v in q.items() if k != "rubric"} for q in questions]
        Interview.objects.filter(pk=interview.pk).update(questions=interview.questions)
    return created


def save_edit(interview: Interview, index: int, rubric: Any, *, user: Any) -> RubricVersion:
    """Store a recruiter's rubric for question ``index`` (1-based) as a new version, audited as ``edit_rubric``.

    Raises:
        IndexError: no such question.
        RubricInvalid: the rubric is not valid.
    """
    questions = interview.questions or []
    if not 1 <= index <= len(questions):
        raise IndexError(index)
    text = questions[index - 1]["text"]
    clean = validate(rubric, question_text=text, language=None)
    clean["method"] = "edited"
    with transaction.atomic():
        lock_row(interview)  # serialise version numbers
        last = interview.rubric_versions.filter(question_index=index).aggregate(m=Max("version"))["m"] or 0
        rv = RubricVersion.objects.create(interview=interview, question_index=index, question_text=text,
                                          version=last + 1, rubric=clean, source=RubricVersion.Source.EDITED,
                                          created_by=user if getattr(user, "is_authenticated", False) else None)
        audit.record(AuditEvent.Action.EDIT_RUBRIC, interview_id=interview.pk, user=user,
                     details={"question_index": index, "version": rv.version, "criteria": len(clean["criteria"])})
    return rv


def questions_with_current_rubrics(interview: Interview) -> list[dict[str, Any]]:
    """The questions file of ``run_all.py --questions``: each question with its current rubric."""
    have = current(interview)
    out = []
    for i, q in enumerate(interview.questions or [], 1):
        item = {k: v for k, v in q.items() if k in ("text", "start")}
        rv = have.get(i)
        if rv is not None and rv.question_text == q["text"]:
            item["rubric"] = rv.rubric
        out.append(item)
    return out


def versions_of(interview: Interview, index: int) -> QuerySet[RubricVersion]:
    """Every version of question ``index``'s rubric (1-based), newest first."""
    return interview.rubric_versions.filter(question_index=index).select_related("created_by").order_by("-version")
