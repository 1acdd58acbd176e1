"""Pure scoring rules: measured values → points, each rule stated in words.

Every part of a score is a :class:`Part` (name, value, points, max, rule); a part
that could not be measured has ``points=None`` and the score is re-scaled over the
measured parts. All functions are pure and keyword-only.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass
from typing import Any, Sequence


@dataclass(frozen=True)
class Part:
    """One criterion of a score.

    Attributes:
        name: Short name of the criterion.
        value: The measured value it is computed from (None: not measured).
        points: Points obtained (None: not measured).
        max: Maximum points of the criterion.
        rule: The rule, in words, including the units.
    """

    name: str
    value: Any
    points: float | None
    max: float
    rule: str

    def as_dict(self) -> dict[str, Any]:
        """JSON-friendly form."""
        d = asdict(self)
        if d["points"] is not None:
            d["points"] = round(d["points"], 2)
        if isinstance(d["value"], float):
            d["value"] = round(d["value"], 3)
        return d


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


def combine(parts: Sequence[Part], *, out_of: float) -> float | None:
    """Sum of the measured parts re-scaled to ``out_of``; None when no part was measured."""
    measured = [p for p in parts if p.points is not None]
    max_measured = sum(p.max for p in measured)
    if not measured or max_measured <= 0:
        return None
    return out_of * sum(float(p.points) for p in measured) / max_measured  # type: ignore[arg-type]


def guiraud_index(*, tokens: Sequence[str]) -> float:
    """Lexical richness: distinct words / sqrt(words) (Guiraud's R); 0 for no words."""
    if not tokens:
        return 0.0
    return len(set(tokens)) / math.sqrt(len(tokens))


def parse_weights(text: str) -> dict[str, float]:
    """Parse ``"verbal=40,paraverbal=20,nonverbal=40"`` into a dict (positive numbers).

    Raises:
        ValueError: Unknown part or a non-positive/non-numeric weight.
    """
    weights: dict[str, float] = {}
    for item in filter(None, (s.strip() for s in text.split(","))):
        key, _, num = item.partition("=")
        key = key.strip()
        if key not in ("verbal", "paraverbal", "nonverbal"):
            raise ValueError(f"unknown score part '{key}' (use verbal, paraverbal, nonverbal)")
        w = float(num)
        if not w > 0:
            raise ValueError(f"weight of {key} must be > 0")
        weights[key] = w
    missing = {"verbal", "paraverbal", "nonverbal"} - set(weights)
    if missing:
        raise ValueError(f"missing weight for {', '.join(sorted(missing))}")
    return weights
