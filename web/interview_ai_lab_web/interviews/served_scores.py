"""Scores as the API shows them: never a total made from a part that was not measured.

Reports written before ``scores.measured`` existed re-scaled the total over the measured
parts (a video without audio scored 100 / 100 on its non-verbal part alone). The API
serves every report to the current contract: ``total`` is ``None`` whenever a part is
``None``, ``measured`` says what could be measured (``{points, out_of, parts}``) and
``incomplete`` why not (``{reasons: [{part, code, params}]}``, ``not_measured`` when an
older report does not say). Scores with no part ``None`` are served as stored, and the
stored report is never changed.

    >>> complete_scores({"verbal": None, "paraverbal": None, "nonverbal": 40.0, "total": 100.0})["total"] is None
    True
"""

from __future__ import annotations

import copy
from typing import Any

from interview_ai_lab.report.scoring import PARTS
from interview_ai_lab.runtime.catalogue import entry

#: Maximum points of each part when the report does not say (the pipeline's default weights, shared catalogue).
DEFAULT_MAX = {k: float(entry("scoring", "parts", k, "max")) for k in PARTS}


def complete_scores(scores: Any, details: Any = None) -> Any:
    """``scores`` with ``total``, ``measured`` and ``incomplete`` to the contract (a copy; other values as they are)."""
    if not isinstance(scores, dict):
        return scores
    missing = [k for k in PARTS if k in scores and scores[k] is None]
    if not missing:  # every part measured (or not said): as stored
        return scores
    out = dict(scores)
    details = details if isinstance(details, dict) else {}
    done = [k for k in PARTS if isinstance(out.get(k), (int, float))]
    if not isinstance(out.get("measured"), dict):
        def cap(k: str) -> float:
            d = details.get(k)
            return float(d["max"]) if isinstance(d, dict) and isinstance(d.get("max"), (int, float)) else DEFAULT_MAX[k]

        out["measured"] = {"points": round(sum(float(out[k]) for k in done), 2),
                           "out_of": round(sum(cap(k) for k in done), 2), "parts": done}
    out["total"] = None
    inc = out.get("incomplete")
    if not (isinstance(inc, dict) and isinstance(inc.get("reasons"), list) and inc["reasons"]):
        out["incomplete"] = {"reasons": [{"part": k, "code": "not_measured", "params": {}} for k in missing]}
    return out


def complete_report(report: Any) -> Any:
    """The report with its scores and each answer's scores completed (a copy when anything changes)."""
    if not isinstance(report, dict):
        return report
    out = report
    scores = complete_scores(report.get("scores"), report.get("score_details"))
    if scores != report.get("scores"):
        out = copy.copy(report)
        out["scores"] = scores
    questions = report.get("questions")
    if isinstance(questions, list):
        fixed = [dict(q, scores=complete_scores(q["scores"], q.get("score_details")))
                 if isinstance(q, dict) and isinstance(q.get("scores"), dict) else q for q in questions]
        if fixed != questions:
            out = out if out is not report else copy.copy(report)
            out["questions"] = fixed
    return out
