"""Adverse impact of a position's scores and decisions on self-declared groups (pure: plain dicts, no Django).

For each demographic category and each of its groups:

- **scoring rate** = the share of the group's complete scores *above* the median total of
  every complete score of the position (the definition of New York City's Local Law 144 for
  scores; a score equal to the median is not above it);
- **selection rate** = candidates advanced / candidates decided (advance, hold or reject);
- **impact ratio** = the group's rate / the highest rate among the groups of at least
  ``min_group_size`` candidates; a ratio under 0.8 is flagged (the four-fifths rule).

A group of fewer than ``min_group_size`` candidates is "too few to say": its rates and ratios
are None, never shown as a ratio. ``unknown`` counts candidates with no declaration or who
prefer not to say ("").

    >>> t = impact_table([{"total": 80.0, "decision": "advance", "demographics": {"sex": "female"}}],
    ...                  min_group_size=1, categories={"sex": ["female", "male"]})
    >>> t["categories"][0]["groups"][0]["selection_rate"]
    1.0
"""

from __future__ import annotations

import logging
import statistics
from collections.abc import Iterable, Mapping
from typing import Any

from .csv_tables import csv_table

logger = logging.getLogger(__name__)

#: The four-fifths rule: an impact ratio under this is flagged.
FOUR_FIFTHS = 0.8
#: Decisions that count as decided; ``advance`` is the selection.
DECIDED = ("advance", "hold", "reject")
SELECTED = "advance"

METHOD = ("Scoring rate: the share of a group's complete scores above the median total of all complete scores of "
          "the position (New York City Local Law 144 definition for scores; a score equal to the median is not "
          "above it). Selection rate: candidates advanced divided by candidates decided. Impact ratio: a group's "
          "rate divided by the highest rate among the groups of at least {min} candidates; a ratio under 0.8 is "
          "flagged (four-fifths rule). Smaller groups are too few to say: no rate, no ratio. Categories are "
          "self-declared and optional; unknown counts candidates with no declaration or who prefer not to say. "
          "Scores assist and never decide.")


def median_total(totals: Iterable[float | None]) -> float | None:
    """The median of the complete totals (None values left out); None when there is none."""
    values = [float(t) for t in totals if t is not None]
    return float(statistics.median(values)) if values else None


def _rate(num: int, den: int) -> float | None:
    return num / den if den else None


def _ratio(rate: float | None, best: float | None) -> float | None:
    if rate is None or not best:
        return None
    return rate / best


def impact_table(rows: list[Mapping[str, Any]], *, min_group_size: int,
                 categories: Mapping[str, list[str]]) -> dict[str, Any]:
    """The adverse-impact table of one position.

    Args:
        rows: One per candidate: ``total`` (the complete interview score 0-100, None when
            incomplete or not analysed), ``decision`` ("" | advance | hold | reject) and
            ``demographics`` (``{category: value}``, "" = prefers not to say; None: no declaration).
        min_group_size: Smallest group (candidates) given rates and ratios.
        categories: Each category with its allowed values (groups), in display order.

    Returns:
        ``{method, min_group_size, median_total, candidates, categories: [{category, unknown,
        groups: [{group, n, scored_n, above_median, scoring_rate, scoring_impact_ratio, decided_n,
        selected, selection_rate, selection_impact_ratio, too_few, four_fifths_flag}]}]}``;
        rates and ratios are fractions 0-1 (the best group's ratio is 1).
    """
    med = median_total(r.get("total") for r in rows)
    out_categories: list[dict[str, Any]] = []
    for category, values in categories.items():
        unknown = 0
        groups: dict[str, dict[str, Any]] = {
            v: {"group": v, "n": 0, "scored_n": 0, "above_median": 0, "decided_n": 0, "selected": 0} for v in values}
        for r in rows:
            value = (r.get("demographics") or {}).get(category, "")
            g = groups.get(value) if value else None
            if g is None:
                unknown += 1
                continue
            g["n"] += 1
            if r.get("total") is not None:
                g["scored_n"] += 1
                if med is not None and float(r["total"]) > med:
                    g["above_median"] += 1
            decision = r.get("decision") or ""
            if decision in DECIDED:
                g["decided_n"] += 1
                if decision == SELECTED:
                    g["selected"] += 1
        for g in groups.values():
            g["too_few"] = g["n"] < min_group_size
            g["scoring_rate"] = None if g["too_few"] else _rate(g["above_median"], g["scored_n"])
            g["selection_rate"] = None if g["too_few"] else _rate(g["selected"], g["decided_n"])
        best_scoring = max((g["scoring_rate"] for g in groups.values() if g["scoring_rate"] is not None), default=None)
        best_selection = max((g["selection_rate"] for g in groups.values() if g["selection_rate"] is not None),
                             default=None)
        for g in groups.values():
            g["scoring_impact_ratio"] = _ratio(g["scoring_rate"], best_scoring)
            g["selection_impact_ratio"] = _ratio(g["selection_rate"], best_selection)
            ratios = [x for x in (g["scoring_impact_ratio"], g["selection_impact_ratio"]) if x is not None]
            g["four_fifths_flag"] = any(x < FOUR_FIFTHS for x in ratios) if ratios else None
        out_categories.append({"category": category, "unknown": unknown, "groups": [
            {k: g[k] for k in ("group", "n", "scored_n", "above_median", "scoring_rate", "scoring_impact_ratio",
                               "decided_n", "selected", "selection_rate", "selection_impact_ratio", "too_few",
                               "four_fifths_flag")} for g in groups.values()]})
    return {"method": METHOD.format(min=min_group_size), "min_group_size": min_group_size, "median_total": med,
            "candidates": len(rows), "categories": out_categories}


CSV_COLUMNS = ("category", "group", "n", "scored_n", "above_median", "scoring_rate", "scoring_impact_ratio",
               "decided_n", "selected", "selection_rate", "selection_impact_ratio", "too_few", "four_fifths_flag")


def impact_csv(table: Mapping[str, Any], *, header: str) -> str:
    """The table as CSV: a ``# header`` comment line, the column names, one row per category × group.

    ``unknown`` is written as a row of group ``unknown`` with its count in ``n``. Rates and
    ratios have 4 decimals; None is an empty cell.
    """
    rows: list[list[Any]] = []
    for cat in table["categories"]:
        rows += [[cat["category"], *(g[k] for k in CSV_COLUMNS[1:])] for g in cat["groups"]]
        rows.append([cat["category"], "unknown", cat["unknown"]] + [None] * (len(CSV_COLUMNS) - 3))
    return csv_table(header=header, columns=CSV_COLUMNS, rows=rows, fixed_decimals=True)
