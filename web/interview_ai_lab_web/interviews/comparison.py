"""The candidates of a position side by side, and the rows the adverse-impact report counts.

A row is ranked only on a complete interview score (every part measured): an incomplete
or missing score is never ranked, and the row says why (``incomplete_reasons``: the
report's ``scores.incomplete.reasons``, or ``not_analysed``). Demographics never appear here.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from rest_framework import serializers

from interview_ai_lab.runtime.catalogue import text

from . import scorecards
from .csv_tables import csv_table
from .impact import median_total
from .models import Demographics, Interview, Position, Scorecard
from .permissions import can_edit_interview
from .positions import current_versions
from .served_scores import complete_report

logger = logging.getLogger(__name__)

#: Shown with every comparison: ``disclaimers.comparison`` of the shared catalogue, which the comparison page
#: shows in the reader's language. Each report carries its own disclaimer (``disclaimers.report``), which
#: points to the known limits printed below it in the report; these words point to each report's limits.
DISCLAIMER = text("report_texts", "disclaimers", "comparison")
#: Evidence sentences shown per answer, at most.
MAX_EVIDENCE = 3


def _num(value: Any) -> float | None:
    return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else None


def _interviews(position: Position):
    return position.interviews.select_related("decided_by").order_by("created_at", "id")


def _report_rubric_versions(interview: Interview) -> dict[str, int] | None:
    if interview.status != Interview.Status.DONE or not interview.report_version:
        return None
    rv = interview.report_versions.filter(version=interview.report_version).only("rubric_versions").first()
    return rv.rubric_versions if rv is not None else None


@dataclass
class _Review:
    """The team review of one interview as the caller sees it: the scale, the submitted scorecards, visible or not."""

    scale: dict[str, Any]
    submitted: list[Scorecard]
    visible: bool


def _cell_ratings(index: int, coverage: float | None, review: _Review | None) -> dict[str, Any]:
    """People's submitted ratings of answer ``index`` as the caller may see them (see the API contract)."""
    if review is None:
        return {"visible": False, "count": 0, "mean": None, "spread": None, "range": None, "people": [],
                "automatic": None, "flags": []}
    low, high = review.scale["min"], review.scale["max"]
    automatic = scorecards.automatic_on_scale(coverage=coverage, scale_min=low, scale_max=high)
    automatic = None if automatic is None else round(automatic, 2)
    people = [{"reviewer": card.reviewer.username, "rating": r["rating"]} for card in review.submitted
              for r in card.ratings or [] if r.get("question") == index and r.get("rating") is not None]
    if not review.visible:
        return {"visible": False, "count": len(people), "mean": None, "spread": None, "range": None, "people": [],
                "automatic": automatic, "flags": []}
    summary = scorecards.summarize(ratings=[p["rating"] for p in people], scale_min=low, scale_max=high,
                                   automatic=automatic)
    return {"visible": True, **summary, "people": people, "automatic": automatic}


def _question_cells(interview: Interview, report: dict[str, Any] | None, count: int,
                    review: _Review | None = None) -> list[dict[str, Any]]:
    by_index: dict[int, dict[str, Any]] = {}
    if isinstance(report, dict) and isinstance(report.get("questions"), list):
        for q in report["questions"]:
            if isinstance(q, dict) and isinstance(q.get("index"), int):
                by_index[q["index"]] = q
    cells = []
    for i in range(1, count + 1):
        q = by_index.get(i, {})
        rubric = q.get("rubric") if isinstance(q.get("rubric"), dict) else {}
        score = _num(rubric.get("score"))
        scores = q.get("scores") if isinstance(q.get("scores"), dict) else {}
        evidence: list[str] = []
        for c in rubric.get("criteria") or []:
            for sentence in (c.get("evidence") or []) if isinstance(c, dict) else []:
                if isinstance(sentence, str) and sentence not in evidence:
                    evidence.append(sentence)
        start = _num(q.get("start"))
        link = f"/interviews/{interview.pk}?q={i}" if start is None else \
            f"/interviews/{interview.pk}?t={start:g}&q={i}"
        coverage = None if score is None else round(score / 100.0, 4)
        cells.append({"index": i, "coverage": coverage,
                      "rubric_score": score, "answer_score": _num(scores.get("total")), "start": start,
                      "end": _num(q.get("end")), "evidence": evidence[:MAX_EVIDENCE], "link": link,
                      "ratings": _cell_ratings(i, coverage, review)})
    return cells


def _row(interview: Interview, questions: int, current: dict[str, int], review: _Review | None = None
         ) -> dict[str, Any]:
    done = interview.status == Interview.Status.DONE and isinstance(interview.report, dict)
    report = complete_report(interview.report) if done else None
    scores = (report or {}).get("scores") if isinstance((report or {}).get("scores"), dict) else {}
    total = _num(scores.get("total"))
    complete = done and total is not None
    reasons: list[dict[str, Any]] = []
    if not done:
        reasons = [{"part": "total", "code": "not_analysed", "params": {}}]
    elif not complete:
        inc = scores.get("incomplete")
        raw = inc.get("reasons") if isinstance(inc, dict) else None
        reasons = [{"part": str(r.get("part", "")), "code": str(r.get("code", "not_measured")),
                    "params": r.get("params") if isinstance(r.get("params"), dict) else {}}
                   for r in raw or [] if isinstance(r, dict)] or \
            [{"part": "total", "code": "not_measured", "params": {}}]
    measured = scores.get("measured")
    if isinstance(measured, dict) and {"points", "out_of"} <= set(measured):
        measured = {"points": _num(measured["points"]) or 0.0, "out_of": _num(measured["out_of"]) or 0.0,
                    "parts": [str(p) for p in measured.get("parts") or []]}
    else:
        measured = None
    used = _report_rubric_versions(interview) if done else None
    stale = bool(done and current and (used is None or any(
        int(used.get(k, 0)) < v for k, v in current.items())))
    return {
        "interview": interview.pk, "candidate_name": interview.candidate_name, "status": interview.status,
        "created_at": serializers.DateTimeField().to_representation(interview.created_at),
        "scores": {k: _num(scores.get(k)) for k in ("verbal", "paraverbal", "nonverbal", "total")},
        "measured": measured, "complete": complete, "incomplete_reasons": reasons, "rank": None,
        "questions": _question_cells(interview, report, questions, review),
        "decision": interview.decision, "decided_by": interview.decided_by.username if interview.decided_by else None,
        "decided_at": serializers.DateTimeField().to_representation(interview.decided_at)
        if interview.decided_at else None,
        "report_version": interview.report_version if done else 0, "rubric_versions": used,
        "stale_rubric": stale}


def rank_rows(rows: list[dict[str, Any]]) -> None:
    """Rank the complete rows by total, best first (1); equal totals share a rank; others stay None."""
    ranked = sorted((r for r in rows if r["complete"]), key=lambda r: -r["scores"]["total"])
    previous, rank = None, 0
    for n, r in enumerate(ranked, 1):
        if r["scores"]["total"] != previous:
            rank, previous = n, r["scores"]["total"]
        r["rank"] = rank


def _reviews(interviews: list[Interview], user: Any) -> dict[Any, _Review]:
    """Each interview's :class:`_Review` for ``user`` (who sees what follows :func:`scorecards.ratings_visible`)."""
    if not interviews:
        return {}
    cards = scorecards.latest_per_person([i.pk for i in interviews])
    editor = can_edit_interview(user, interviews[0])
    scale = scorecards.position_scale(interviews[0].position)
    out = {}
    for interview in interviews:
        mine = [c for c in cards.get(interview.pk, []) if c.reviewer_id == getattr(user, "pk", None)]
        visible, _ = scorecards.ratings_visible(interview, user, own=mine[0] if mine else None, editor=editor)
        out[interview.pk] = _Review(scale=scale, submitted=[c for c in cards.get(interview.pk, []) if c.submitted],
                                    visible=visible)
    return out


def comparison(position: Position, *, user: Any = None) -> dict[str, Any]:
    """The comparison of the position's interviews as ``user`` sees it (people's ratings: see the API contract)."""
    current = current_versions(position)
    questions = position.questions or []
    interviews = list(_interviews(position))
    reviews = _reviews(interviews, user)
    rows = [_row(i, len(questions), current, reviews.get(i.pk)) for i in interviews]
    rank_rows(rows)
    rows.sort(key=lambda r: (r["rank"] is None, r["rank"] or 0, r["created_at"]))
    totals = [r["scores"]["total"] for r in rows if r["complete"]]
    return {"position": position.pk, "disclaimer": DISCLAIMER,
            "questions": [{"index": i, "text": q["text"]} for i, q in enumerate(questions, 1)],
            "rubric_versions": current, "median_total": median_total(totals),
            "scale": scorecards.position_scale(position), "rows": rows}


def impact_rows(position: Position) -> list[dict[str, Any]]:
    """One anonymous row per candidate of the position: ``{total, decision, demographics}`` (no name, no id)."""
    declared = {d.interview_id: d.values for d in Demographics.objects.filter(interview__position=position)}
    rows = []
    for interview in position.interviews.only("id", "status", "report", "decision"):
        total = None
        if interview.status == Interview.Status.DONE and isinstance(interview.report, dict):
            total = _num((complete_report(interview.report).get("scores") or {}).get("total"))
        rows.append({"total": total, "decision": interview.decision, "demographics": declared.get(interview.pk)})
    return rows


def impact_min_group() -> int:
    """``IAL_IMPACT_MIN_GROUP``: the smallest group given rates and ratios (candidates)."""
    return max(1, int(getattr(settings, "IAL_IMPACT_MIN_GROUP", 5)))


#: The columns of each candidate in :func:`comparison_csv`, then ``q<n>_<column>`` for each question n.
CSV_ROW_COLUMNS = ("rank", "candidate_name", "status", "total", "incomplete_reasons", "decision", "decided_by",
                   "decided_at")
#: The columns of each question: rubric coverage 0-1, the answer's score, then the people's ratings as the caller
#: may see them (hidden: the count only) and the automatic coverage on the rating scale.
CSV_QUESTION_COLUMNS = ("coverage", "answer_score", "ratings_count", "ratings_mean", "ratings_spread",
                        "ratings_range", "automatic", "flags")
def _csv_question(cell: dict[str, Any]) -> list[Any]:
    ratings = cell.get("ratings") or {}
    return [cell.get("coverage"), cell.get("answer_score"), ratings.get("count", 0), ratings.get("mean"),
            ratings.get("spread"), ratings.get("range"), ratings.get("automatic"),
            ";".join(ratings.get("flags") or [])]


def comparison_csv(data: dict[str, Any], *, header: str) -> str:
    """The comparison (:func:`comparison`'s dict, as the caller sees it) as CSV: one row per candidate.

    A ``# header`` comment line, the column names (:data:`CSV_ROW_COLUMNS`, then ``q<n>_`` + each of
    :data:`CSV_QUESTION_COLUMNS` per question), one row per candidate in the comparison's order. Incomplete reasons
    are ``part:code`` joined by ``;``, flags joined by ``;``. A hidden ratings cell keeps its count and leaves the
    mean, spread, range and flags empty, as the JSON does. Never any demographics: there are none in the comparison.
    """
    indexes = [q["index"] for q in data.get("questions") or []]
    columns = [*CSV_ROW_COLUMNS, *(f"q{i}_{c}" for i in indexes for c in CSV_QUESTION_COLUMNS)]
    rows = []
    for row in data.get("rows") or []:
        reasons = ";".join(f"{r['part']}:{r['code']}" for r in row.get("incomplete_reasons") or [])
        values = [row.get("rank"), row.get("candidate_name"), row.get("status"), (row.get("scores") or {}).get("total"),
                  reasons, row.get("decision") or None, row.get("decided_by"), row.get("decided_at")]
        cells = {c["index"]: c for c in row.get("questions") or []}
        for i in indexes:
            values += _csv_question(cells[i]) if i in cells else [None] * len(CSV_QUESTION_COLUMNS)
        rows.append(values)
    return csv_table(header=header, columns=columns, rows=rows)
