"""Pure scoring rules: measured values → points, each rule stated in words.

A score has three parts (verbal, paraverbal, non-verbal), each made of criteria. A
:class:`Criterion` holds the measured value, the share of its points earned (0-1), its
weight inside the part, the rule in words (English) with the numbers that rule needs
(``rule_params``, so a reader's interface can say it in its own language), and its stable
``name``. A criterion that could not be measured has ``fraction=None`` and the code of
the reason.

Nothing unmeasured becomes points:

* a part is measured only when every one of its criteria is; then its points are the sum
  of its criteria's points (weights scaled to the part's maximum, no re-scaling);
* the total is the sum of the three parts, out of 100, and ``None`` as soon as one part is
  not measured; :func:`summarise` then says what *was* measured (``measured``) and why the
  rest was not (``incomplete``).

The parts' default maximum points, the criteria's default weights, the weights syntax and every
rule in words come from ``interview_ai_lab/data/catalogue/scoring.json``, which the front end reads too.

All functions are pure and keyword-only (except the dataclass constructor).
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from interview_ai_lab.runtime.catalogue import entry, fill
from interview_ai_lab.runtime.catalogue import text as catalogue_text

#: The three parts of a score, in display order.
PARTS: tuple[str, ...] = tuple(entry("scoring", "parts"))

#: Why a part was not measured (stable codes, translated by the reader's interface).
REASONS: tuple[str, ...] = tuple(entry("scoring", "reasons"))


@dataclass(frozen=True)
class Criterion:
    """One criterion of a score part.

    Attributes:
        name: Stable identifier (``elaboration``, ``speaking_rate``, ``rubric_coverage``…).
        value: The measured value the points come from (None: not measured).
        fraction: Share of the criterion's points earned, 0-1 (None: not measured).
        weight: Relative weight of the criterion inside its part (its maximum is the part's
            maximum × weight / Σ weights).
        rule: The rule in words (English), with its units.
        rule_params: The numbers the rule needs (``{"full_from": 150}``).
        reason: Code of the reason it was not measured (see :data:`REASONS`), else None.
        reason_params: Parameters of that reason (``{"ratio": 0.05}``).
        extra: More keys for the report (``question_index``, ``coverage``…).
    """

    name: str
    value: Any
    fraction: float | None
    weight: float
    rule: str
    rule_params: Mapping[str, Any] = field(default_factory=dict)
    reason: str | None = None
    reason_params: Mapping[str, Any] = field(default_factory=dict)
    extra: Mapping[str, Any] = field(default_factory=dict)

    @property
    def measured(self) -> bool:
        """Whether the criterion has a value (and so points)."""
        return self.fraction is not None and self.reason is None


def _r(x: float | None, nd: int = 2) -> float | None:
    return None if x is None else round(float(x), nd)


def part_detail(name: str, criteria: Sequence[Criterion], *, out_of: float, rule: str,
                rule_params: Mapping[str, Any] | None = None, inputs: Mapping[str, Any] | None = None,
                reason: str | None = None, reason_params: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """The ``score_details[name]`` entry of one part.

    Args:
        name: ``verbal``, ``paraverbal`` or ``nonverbal``.
        criteria: Its criteria (their weights are scaled so the maxima sum to ``out_of``).
        out_of: Maximum points of the part.
        rule: How the part is made, in words.
        rule_params: Numbers of that rule.
        inputs: The measured values used (for the reader).
        reason: Why the whole part is not measured (overrides the criteria).
        reason_params: Parameters of ``reason``.

    Returns:
        ``{name, points (None when not measured), max, rule, rule_params, inputs, parts:[…],
        reason: None | {code, params}}``; ``parts`` holds each criterion's ``name, value,
        points, max, rule, rule_params`` (and ``reason`` when it was not measured).
    """
    wsum = sum(max(0.0, c.weight) for c in criteria)
    parts: list[dict[str, Any]] = []
    for c in criteria:
        cmax = out_of * c.weight / wsum if wsum > 0 else 0.0
        value = round(c.value, 3) if isinstance(c.value, float) else c.value
        d: dict[str, Any] = {"name": c.name, "value": value, "points": _r(cmax * c.fraction) if c.measured else None,
                             "max": _r(cmax), "rule": c.rule, "rule_params": dict(c.rule_params), **dict(c.extra)}
        if not c.measured:
            d["reason"] = {"code": c.reason or "not_measured", "params": dict(c.reason_params)}
        parts.append(d)
    why: dict[str, Any] | None = None
    if reason is not None:
        why = {"code": reason, "params": dict(reason_params or {})}
    elif not criteria:
        why = {"code": "not_measured", "params": {}}
    else:
        missing = next((c for c in criteria if not c.measured), None)
        if missing is not None:
            why = {"code": missing.reason or "not_measured", "params": {"criterion": missing.name, **dict(missing.reason_params)}}
    points = None if why is not None else _r(sum(float(p["points"]) for p in parts))
    return {"name": name, "points": points, "max": float(out_of), "rule": rule, "rule_params": dict(rule_params or {}),
            "inputs": dict(inputs or {}), "parts": parts, "reason": why}


def summarise(details: Mapping[str, Mapping[str, Any]], *, weights: Mapping[str, float]) -> dict[str, Any]:
    """``scores`` from the three part details: points per part, total, measured, incomplete.

    The total is the sum of the parts' points re-scaled to 100 when the weights do not sum
    to 100, and ``None`` when any part is not measured: it is never re-scaled over the
    measured parts to look complete. ``measured`` says how many of the points that could be
    measured were earned (``{points, out_of, parts}``); ``incomplete`` lists the reason of
    each part not measured (``{reasons: [{part, code, params}]}``), else None.
    """
    scores: dict[str, Any] = {k: details[k].get("points") for k in PARTS}
    done = [k for k in PARTS if scores[k] is not None]
    points = sum(float(scores[k]) for k in done)
    out_of = sum(float(weights[k]) for k in done)
    full = sum(float(weights[k]) for k in PARTS)
    scores["total"] = _r(100.0 * points / full) if len(done) == len(PARTS) and full > 0 else None
    scores["measured"] = {"points": _r(points), "out_of": _r(out_of), "parts": done}
    reasons = []
    for k in PARTS:
        if scores[k] is None:
            why = details[k].get("reason") or {"code": "not_measured", "params": {}}
            reasons.append({"part": k, "code": why.get("code", "not_measured"), "params": dict(why.get("params") or {})})
    scores["incomplete"] = {"reasons": reasons} if reasons else None
    return scores


def total_detail(scores: Mapping[str, Any], *, weights: Mapping[str, float], answers: Sequence[Mapping[str, Any]] = ()
                 ) -> dict[str, Any]:
    """``score_details.total``: how the interview score is made from the parts (and the answers).

    Args:
        scores: The output of :func:`summarise`.
        weights: Maximum points of each part.
        answers: For an interview with questions, one ``{question_index, weight}`` per
            answer whose rubric coverage makes the verbal part (see the verbal details).
    """
    full = sum(float(weights[k]) for k in PARTS)
    parts = [{"name": k, "value": scores.get(k), "points": scores.get(k), "max": float(weights[k]),
              "rule": fill(catalogue_text("scoring", "part_rules", "part_points"), part=k), "rule_params": {}} for k in PARTS]
    key = "total" + ("_rescaled" if abs(full - 100.0) > 1e-9 else "") + ("_answers" if answers else "")
    rule = fill(catalogue_text("scoring", "part_rules", key), full=full)
    missing = (scores.get("incomplete") or {}).get("reasons") or []
    return {"name": "total", "points": scores.get("total"), "max": 100.0, "rule": rule,
            "rule_params": {"out_of": 100, "weights": dict(weights)},
            "inputs": {k: scores.get(k) for k in PARTS}, "parts": parts,
            "answers": [dict(a) for a in answers],
            "reason": {"code": missing[0]["code"], "params": {"part": missing[0]["part"], **missing[0]["params"]}}
            if missing else None}


def band_fraction(value: float, *, zero_below: float, full_from: float, full_to: float = math.inf,
                  zero_above: float = math.inf) -> float:
    """Piecewise-linear credit in [0, 1] for ``value``.

    0 at or below ``zero_below``, rising linearly to 1 at ``full_from``, 1 up to
    ``full_to``, falling linearly to 0 at ``zero_above``.
    """
    if math.isnan(value):
        return 0.0
    if value <= zero_below or value >= zero_above:
        return 0.0
    if value < full_from:
        return (value - zero_below) / (full_from - zero_below)
    if value <= full_to:
        return 1.0
    return (zero_above - value) / (zero_above - full_to)


def descending_fraction(value: float, *, full_to: float, zero_from: float) -> float:
    """Credit 1 up to ``full_to``, falling linearly to 0 at ``zero_from`` (lower is better)."""
    if math.isnan(value):
        return 0.0
    if value <= full_to:
        return 1.0
    if value >= zero_from:
        return 0.0
    return (zero_from - value) / (zero_from - full_to)


def guiraud_index(*, tokens: Sequence[str]) -> float:
    """Lexical richness: distinct words / sqrt(words) (Guiraud's R); 0 for no words."""
    if not tokens:
        return 0.0
    return len(set(tokens)) / math.sqrt(len(tokens))


#: Maximum points of each part by default (the interview score is their sum, out of 100).
DEFAULT_PART_WEIGHTS = ",".join(f"{k}={entry('scoring', 'parts', k, 'max'):g}" for k in PARTS)

#: Speaking rate earning full points by default, words/min (``low-high``).
DEFAULT_WPM_BAND = "-".join(f"{x:g}" for x in entry("scoring", "wpm_band"))

#: One ``part=points`` item of the part weights (the front end checks the same pattern).
_WEIGHT_ITEM = re.compile(entry("scoring", "weights_syntax", "item"))


def parse_weights(text: str) -> dict[str, float]:
    """Parse ``"verbal=50,paraverbal=20,nonverbal=30"`` into a dict (positive numbers).

    The syntax is ``scoring.json``'s ``weights_syntax``: every part once, ``part=points``
    separated by commas, points a decimal number > 0 (the positions form checks the same).

    Raises:
        ValueError: An item that is not ``part=number``, an unknown or repeated part, a
            weight of 0, or a missing part.

    >>> parse_weights("verbal=40, paraverbal=20, nonverbal=40")
    {'verbal': 40.0, 'paraverbal': 20.0, 'nonverbal': 40.0}
    >>> parse_weights("verbal=40")
    Traceback (most recent call last):
        ...
    ValueError: missing weight for nonverbal, paraverbal
    """
    weights: dict[str, float] = {}
    for item in text.split(entry("scoring", "weights_syntax", "separator")):
        m = _WEIGHT_ITEM.match(item)
        if m is None:
            raise ValueError(f"'{item.strip()}' is not part=number (e.g. {DEFAULT_PART_WEIGHTS})")
        key, w = m.group(1), float(m.group(2))
        if key not in PARTS:
            raise ValueError(f"unknown score part '{key}' (use verbal, paraverbal, nonverbal)")
        if key in weights:
            raise ValueError(f"weight of {key} given twice")
        if not w > 0:
            raise ValueError(f"weight of {key} must be > 0")
        weights[key] = w
    missing = set(PARTS) - set(weights)
    if missing:
        raise ValueError(f"missing weight for {', '.join(sorted(missing))}")
    return weights


#: Criteria of each part (with a default weight: the per-question ``rubric_coverage`` has none).
CRITERIA: dict[str, tuple[str, ...]] = {
    part: tuple(name for name, c in entry("scoring", "criteria").items() if c["part"] == part and c["weight"] is not None)
    for part in PARTS
}
#: Their default relative weights (``--criteria-weights``).
DEFAULT_CRITERIA_WEIGHTS = ",".join(f"{name}={c['weight']:g}" for name, c in entry("scoring", "criteria").items()
                                    if c["weight"] is not None)


def parse_criteria_weights(text: str) -> dict[str, float]:
    """Parse ``"elaboration=16,vocabulary=14,…"``: the relative weight of each criterion in its part.

    Missing criteria keep their default weight; a weight may be 0 (the criterion then
    earns nothing and counts for nothing).

    Raises:
        ValueError: Unknown criterion, a negative or non-numeric weight, or every
            criterion of a part at 0.
    """
    known = {c for cs in CRITERIA.values() for c in cs}
    out: dict[str, float] = {}
    for source in (DEFAULT_CRITERIA_WEIGHTS, text or ""):
        for item in filter(None, (s.strip() for s in source.split(","))):
            key, _, num = item.partition("=")
            key = key.strip()
            if key not in known:
                raise ValueError(f"unknown criterion '{key}' (use {', '.join(sorted(known))})")
            try:
                w = float(num)
            except ValueError:
                raise ValueError(f"weight of {key} must be a number, got {num!r}") from None
            if not (w >= 0 and math.isfinite(w)):
                raise ValueError(f"weight of {key} must be ≥ 0")
            out[key] = w
    for part, names in CRITERIA.items():
        if not any(out[n] > 0 for n in names if not (part == "nonverbal" and n == "expression")):
            raise ValueError(f"at least one {part} criterion needs a weight > 0")
    return out
