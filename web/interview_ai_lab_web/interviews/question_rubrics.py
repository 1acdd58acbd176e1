"""An interview's questions with their current rubric.

That is its own rubric (:mod:`interviews.rubrics`), or its position's (:mod:`interviews.positions`) when it was
uploaded to a position.
"""

from __future__ import annotations

import logging
from typing import Any

from . import positions, rubrics
from .models import Interview, PositionRubric, RubricVersion

logger = logging.getLogger(__name__)


def current_rubrics(interview: Interview) -> dict[int, RubricVersion | PositionRubric]:
    """The current rubric version of each question (1-based index), the position's or the interview's own."""
    if interview.position_id is not None:
        return positions.current_rubrics(interview.position)
    return rubrics.current(interview)


def current_rubric(interview: Interview, index: int) -> RubricVersion | PositionRubric | None:
    """The current rubric of question ``index`` (1-based); an interview's own are made first if it has none."""
    if interview.position_id is None:
        rubrics.ensure_rubrics(interview)
    return current_rubrics(interview).get(index)


def _rows(interview: Interview) -> list[dict[str, Any]]:
    have = current_rubrics(interview)
    rows = []
    for i, q in enumerate(interview.questions or [], 1):
        rv = have.get(i)
        cur = rv if rv is not None and rv.question_text == q["text"] else None
        rows.append({"index": i, "text": q["text"], "start": q.get("start"),
                     "rubric": cur.rubric if cur else None, "rubric_version": cur.version if cur else None,
                     "rubric_source": cur.source if cur else None,
                     "rubric_updated_at": cur.created_at if cur else None,
                     "rubric_updated_by": cur.created_by.username if cur and cur.created_by else None})
    return rows


def question_rows(interview: Interview) -> list[dict[str, Any]]:
    """``[{index, text, start, rubric, rubric_version, rubric_source, rubric_updated_at, rubric_updated_by}]``.

    A question whose rubric is for another text (it was changed) shows none. An interview of
    before rubrics gets its own made here.
    """
    if interview.position_id is None and any(r["rubric"] is None for r in _rows(interview)):
        rubrics.ensure_rubrics(interview)  # an interview uploaded before rubrics existed
    return _rows(interview)
