"""Team review: each person's scorecard of an interview, who may see whose, and the ratings' summaries.

A scorecard is one person's ratings of an interview's answers (on its position's ``rating_scale``),
their evidence (times in the video) and notes; every save is a new version (:class:`Scorecard`),
and a submitted scorecard stays submitted. Nobody writes anyone else's: the caller's own is the
only one :func:`save_scorecard` writes.

Independence (:func:`ratings_visible`): with the position's ``independent_ratings`` on (the
default), a person sees the others' ratings only once they submitted their own; an editor (admin,
recruiter) also sees them once the position's ``review_deadline`` has passed.

Summaries (:func:`summarize` and the functions it calls) are pure: a mean, a spread (population
standard deviation), a range (max - min), the automatic rubric coverage mapped onto the scale, and
two flags, raised when a gap reaches ``DISAGREE_SHARE`` of the scale's span (the shared catalogue's
``scoring.team_review``, whose sentences the front end shows).
"""

from __future__ import annotations

import logging
import math
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone

from interview_ai_lab.runtime.catalogue import entry

from . import audit
from .locking import lock_row
from .models import AuditEvent, Interview, Membership, Position, Scorecard, default_rating_scale
from .permissions import can_edit_interview, role_in

logger = logging.getLogger(__name__)

#: A flag is raised when a gap reaches this share of the scale's span (0.4: 2 points on a 1-5 scale).
DISAGREE_SHARE: float = float(entry("scoring", "team_review", "disagree_share"))
#: ``people_disagree`` needs at least this many ratings.
MIN_RATINGS: int = int(entry("scoring", "team_review", "min_ratings"))
PEOPLE_DISAGREE = "people_disagree"
PEOPLE_VS_AUTOMATIC = "people_vs_automatic"
#: A rating scale's span (max - min) lies between these.
MIN_SPAN, MAX_SPAN = 1, 10
MAX_NOTES = 20000
MAX_ANCHOR_CHARS = 200
MAX_EVIDENCE = 50
MAX_EVIDENCE_NOTE = 1000


@dataclass
class ScorecardInvalid(ValueError):
    """A scorecard (or a rating scale) refused: the field, a stable code, a sentence and its values."""

    field: str
    code: str
    message: str
    params: dict[str, Any] = field(default_factory=dict)

    def __str__(self) -> str:
        return self.message


# --------------------------------------------------------------------------- the scale


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def validate_scale(value: Any) -> dict[str, Any]:
    """A rating scale ``{"min", "max", "anchors"}`` checked and made canonical (anchors' keys as text).

    Raises:
        ScorecardInvalid: not integers, a span outside 1-10, an anchor outside the scale or blank.
    """
    if not isinstance(value, dict):
        raise ScorecardInvalid("rating_scale", "scale_invalid", 'the rating scale must be an object '
                               '{"min": 1, "max": 5, "anchors": {}}')
    low, high = value.get("min", 1), value.get("max", 5)
    if not (_is_int(low) and _is_int(high)):
        raise ScorecardInvalid("rating_scale", "scale_invalid", "the scale's min and max must be integers")
    if not MIN_SPAN <= high - low <= MAX_SPAN:
        raise ScorecardInvalid("rating_scale", "scale_span", f"max - min must lie between {MIN_SPAN} and {MAX_SPAN}",
                               {"min_span": MIN_SPAN, "max_span": MAX_SPAN})
    anchors = value.get("anchors") or {}
    if not isinstance(anchors, dict):
        raise ScorecardInvalid("rating_scale", "scale_invalid", "anchors must be an object {\"1\": \"text\"}")
    out: dict[str, str] = {}
    for key, text in anchors.items():
        try:
            point = int(str(key))
        except ValueError:
            point = None
        if point is None or str(point) != str(key).strip() or not low <= point <= high:
            raise ScorecardInvalid("rating_scale", "anchor_outside_scale", f"anchor {key!r} is not a point of the "
                                   f"scale ({low}-{high})", {"anchor": str(key), "min": low, "max": high})
        if not isinstance(text, str) or not " ".join(text.split()):
            raise ScorecardInvalid("rating_scale", "anchor_blank", f"anchor {point}: a text is required",
                                   {"anchor": str(point)})
        out[str(point)] = " ".join(text.split())[:MAX_ANCHOR_CHARS]
    return {"min": low, "max": high, "anchors": dict(sorted(out.items(), key=lambda kv: int(kv[0])))}


def position_scale(position: Position | None) -> dict[str, Any]:
    """The position's rating scale (the default 1-5 for none, or for a scale stored by hand that does not hold)."""
    if position is None:
        return default_rating_scale()
    try:
        return validate_scale(position.rating_scale)
    except ScorecardInvalid:
        logger.warning("position %s: invalid rating scale, the default is used", position.pk)
        return default_rating_scale()


def scale_of(interview: Interview) -> dict[str, Any]:
    """The rating scale of the interview's position (the default 1-5 for an interview without one)."""
    return position_scale(interview.position if interview.position_id else None)


# --------------------------------------------------------------------------- pure summaries


def mean_of(*, ratings: list[float]) -> float | None:
    """The mean of the ratings (None when there are none)."""
    return sum(ratings) / len(ratings) if ratings else None


def spread_of(*, ratings: list[float]) -> float | None:
    """The population standard deviation of the ratings (None when there are none)."""
    mean = mean_of(ratings=ratings)
    if mean is None:
        return None
    return math.sqrt(sum((r - mean) ** 2 for r in ratings) / len(ratings))


def range_of(*, ratings: list[float]) -> float | None:
    """The range of the ratings, max - min (None when there are none)."""
    return float(max(ratings) - min(ratings)) if ratings else None


def automatic_on_scale(*, coverage: float | None, scale_min: float, scale_max: float) -> float | None:
    """The automatic rubric coverage (0-1) mapped onto the scale (0 → min, 1 → max); None when not measured."""
    if coverage is None:
        return None
    return scale_min + max(0.0, min(1.0, coverage)) * (scale_max - scale_min)


def flags_of(*, count: int, mean: float | None, spread_range: float | None, automatic: float | None,
             scale_min: float, scale_max: float) -> list[str]:
    """The flags of one answer's ratings (see :data:`DISAGREE_SHARE`).

    ``people_disagree``: at least :data:`MIN_RATINGS` ratings whose range reaches ``DISAGREE_SHARE`` of the span;
    ``people_vs_automatic``: the ratings' mean and the automatic value are that far apart.
    """
    limit = DISAGREE_SHARE * (scale_max - scale_min) - 1e-9  # (a float's last digit never hides a flag)
    flags = []
    if count >= MIN_RATINGS and spread_range is not None and spread_range >= limit:
        flags.append(PEOPLE_DISAGREE)
    if mean is not None and automatic is not None and abs(mean - automatic) >= limit:
        flags.append(PEOPLE_VS_AUTOMATIC)
    return flags


def summarize(*, ratings: list[float], scale_min: float, scale_max: float, automatic: float | None = None
              ) -> dict[str, Any]:
    """``{count, mean, spread, range, flags}`` of one answer's ratings (mean and spread rounded to 2 decimals)."""
    mean, spread, rng = mean_of(ratings=ratings), spread_of(ratings=ratings), range_of(ratings=ratings)
    return {"count": len(ratings), "mean": None if mean is None else round(mean, 2),
            "spread": None if spread is None else round(spread, 2), "range": rng,
            "flags": flags_of(count=len(ratings), mean=mean, spread_range=rng, automatic=automatic,
                              scale_min=scale_min, scale_max=scale_max)}


# --------------------------------------------------------------------------- reading scorecards


def latest(interview: Interview, user: Any) -> Scorecard | None:
    """The user's own latest scorecard of the interview, or None."""
    if not getattr(user, "is_authenticated", False):
        return None
    return Scorecard.objects.filter(interview=interview, reviewer_id=user.pk).order_by("-version").first()


def latest_per_person(interview_ids: list[Any]) -> dict[Any, list[Scorecard]]:
    """The latest scorecard of each person, by interview id (people in username order)."""
    out: dict[Any, dict[int, Scorecard]] = {}
    for card in (Scorecard.objects.filter(interview_id__in=interview_ids).select_related("reviewer")
                 .order_by("interview_id", "reviewer__username", "-version")):
        out.setdefault(card.interview_id, {}).setdefault(card.reviewer_id, card)
    return {iid: list(cards.values()) for iid, cards in out.items()}


def _settings(interview: Interview) -> tuple[bool, datetime | None]:
    position: Position | None = interview.position if interview.position_id else None
    if position is None:
        return True, None
    return position.independent_ratings, position.review_deadline


def ratings_visible(interview: Interview, user: Any, *, own: Scorecard | None = None, editor: bool | None = None,
                    now: datetime | None = None) -> tuple[bool, str | None]:
    """Whether the user may see the others' ratings of the interview, and why not (``submit_first``).

    Visible when the position does not ask for independent ratings, when the user submitted their
    own scorecard, or when the user is an editor and the review deadline has passed. ``own`` and
    ``editor`` are looked up when not given.
    """
    independent, deadline = _settings(interview)
    if not independent:
        return True, None
    if own is None:
        own = latest(interview, user)
    if own is not None and own.submitted:
        return True, None
    if deadline is not None and deadline <= (now or timezone.now()):
        if editor is None:
            editor = can_edit_interview(user, interview)
        if editor:
            return True, None
    return False, "submit_first"


def role_of(user: Any, interview: Interview) -> str:
    """The person's role towards the interview: their role in its organisation (the uploader's: recruiter)."""
    if interview.organisation_id is None:
        return Membership.Role.RECRUITER
    return role_in(user, interview.organisation_id) or Membership.Role.REVIEWER


def card_data(card: Scorecard | None, *, user: Any, interview: Interview) -> dict[str, Any]:
    """A scorecard as the API shows it (``card`` None: the user's empty one, version 0)."""
    person = card.reviewer if card is not None else user
    return {"reviewer": {"id": person.pk, "username": person.username}, "role": role_of(person, interview),
            "version": card.version if card else 0, "submitted": bool(card and card.submitted),
            "submitted_at": card.submitted_at if card else None, "updated_at": card.created_at if card else None,
            "ratings": card.ratings if card else [], "notes": card.notes if card else ""}


def questions_of(interview: Interview) -> list[dict[str, Any]]:
    """``[{index, text, criteria: [{id, label}]}]``: the questions and their current rubric's criteria."""
    from .question_rubrics import question_rows

    out = []
    for row in question_rows(interview):
        rubric = row.get("rubric") if isinstance(row.get("rubric"), dict) else {}
        criteria = [{"id": str(c["id"]), "label": str(c.get("name") or c["id"])}
                    for c in rubric.get("criteria") or [] if isinstance(c, dict) and c.get("id")]
        out.append({"index": row["index"], "text": row["text"], "criteria": criteria})
    return out


def own_scorecard(interview: Interview, user: Any) -> dict[str, Any]:
    """The user's own latest scorecard (or the empty one) with the scale and the questions to rate."""
    return {**card_data(latest(interview, user), user=user, interview=interview), "scale": scale_of(interview),
            "questions": questions_of(interview)}


def visible_scorecards(interview: Interview, user: Any) -> dict[str, Any]:
    """``{visible, hidden_reason, scale, scorecards}``: the others' latest submitted scorecards and one's own."""
    own = latest(interview, user)
    visible, reason = ratings_visible(interview, user, own=own)
    cards: list[dict[str, Any]] = []
    if visible:
        for card in latest_per_person([interview.pk]).get(interview.pk, []):
            if card.submitted or card.reviewer_id == user.pk:
                cards.append(card_data(card, user=user, interview=interview))
    return {"visible": visible, "hidden_reason": reason, "scale": scale_of(interview), "scorecards": cards}


def ratings_seen(interview: Interview, user: Any) -> list[dict[str, Any]]:
    """``[{reviewer, version}]``: the submitted scorecards the user can see now (none while hidden)."""
    if not ratings_visible(interview, user)[0]:
        return []
    return [{"reviewer": c.reviewer.username, "version": c.version}
            for c in latest_per_person([interview.pk]).get(interview.pk, []) if c.submitted]


# --------------------------------------------------------------------------- writing one's own


def _duration(interview: Interview) -> float | None:
    if interview.duration_sec is not None:
        return float(interview.duration_sec)
    value = (interview.media_info or {}).get("duration_sec") if isinstance(interview.media_info, dict) else None
    return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else None


def _rating(value: Any, *, scale: dict[str, Any], where: str, nullable: bool) -> int | None:
    if value is None and nullable:
        return None
    if not _is_int(value) or not scale["min"] <= value <= scale["max"]:
        raise ScorecardInvalid("ratings", "rating_outside_scale", f"{where}: the rating must be an integer from "
                               f"{scale['min']} to {scale['max']}", {"min": scale["min"], "max": scale["max"]})
    return value


def clean_ratings(raw: list[dict[str, Any]], *, scale: dict[str, Any], questions: list[dict[str, Any]],
                  duration: float | None) -> list[dict[str, Any]]:
    """The ratings checked against the interview: its questions, the scale, each rubric's criteria, the video's length.

    Raises:
        ScorecardInvalid: a question that does not exist or rated twice, a rating outside the scale (or not an
            integer), a criterion not in that question's rubric, an evidence time outside the video.
    """
    by_index = {q["index"]: q for q in questions}
    out, seen = [], set()
    for item in raw:
        index = item.get("question")
        if not _is_int(index) or index not in by_index:
            raise ScorecardInvalid("ratings", "no_such_question", f"question {index}: no such question",
                                   {"question": index})
        if index in seen:
            raise ScorecardInvalid("ratings", "question_twice", f"question {index}: rated twice", {"question": index})
        seen.add(index)
        where = f"question {index}"
        known = {c["id"] for c in by_index[index]["criteria"]}
        criteria, named = [], set()
        for c in item.get("criteria") or []:
            cid = str(c.get("criterion", ""))
            if cid not in known or cid in named:
                raise ScorecardInvalid("ratings", "unknown_criterion", f"{where}: criterion {cid!r} is not in its "
                                       "rubric (or is rated twice)", {"question": index, "criterion": cid})
            named.add(cid)
            criteria.append({"criterion": cid, "rating": _rating(c.get("rating"), scale=scale,
                                                                 where=f"{where}, {cid}", nullable=False)})
        evidence = []
        for e in (item.get("evidence") or [])[:MAX_EVIDENCE + 1]:
            t = e.get("time")
            if (isinstance(t, bool) or not isinstance(t, (int, float)) or not math.isfinite(t) or t < 0
                    or (duration is not None and t > duration + 1e-6)):
                raise ScorecardInvalid("ratings", "evidence_outside_video", f"{where}: an evidence time must lie "
                                       f"within the video (0 to {duration if duration is not None else '…'} s)",
                                       {"question": index, "duration_sec": duration})
            evidence.append({"time": round(float(t), 3), "note": " ".join(str(e.get("note", "")).split())
                             [:MAX_EVIDENCE_NOTE]})
        if len(evidence) > MAX_EVIDENCE:
            raise ScorecardInvalid("ratings", "too_much_evidence", f"{where}: at most {MAX_EVIDENCE} evidence times",
                                   {"question": index, "max": MAX_EVIDENCE})
        out.append({"question": index, "rating": _rating(item.get("rating"), scale=scale, where=where, nullable=True),
                    "criteria": criteria, "evidence": evidence})
    return sorted(out, key=lambda r: r["question"])


def save_scorecard(interview: Interview, *, user: Any, ratings: list[dict[str, Any]], notes: str = "",
                   submit: bool = False) -> Scorecard:
    """A new version of the user's own scorecard of the interview, audited as ``scorecard`` (never the notes).

    A submitted scorecard stays submitted (``submitted_at``: when first submitted).

    Raises:
        ScorecardInvalid: see :func:`clean_ratings`; or notes longer than ``MAX_NOTES``.
    """
    if len(notes) > MAX_NOTES:
        raise ScorecardInvalid("notes", "notes_too_long", f"at most {MAX_NOTES} characters", {"max": MAX_NOTES})
    clean = clean_ratings(ratings, scale=scale_of(interview), questions=questions_of(interview),
                          duration=_duration(interview))
    with transaction.atomic():
        lock_row(interview)
        last = latest(interview, user)
        now = timezone.now()
        submitted = bool(submit or (last is not None and last.submitted))
        submitted_at = last.submitted_at if last is not None and last.submitted else (now if submitted else None)
        card = Scorecard.objects.create(interview=interview, reviewer=user, version=(last.version if last else 0) + 1,
                                        ratings=clean, notes=notes, submitted=submitted, submitted_at=submitted_at,
                                        created_at=now)
        audit.record(AuditEvent.Action.SCORECARD, interview_id=interview.pk, user=user, details={
            "version": card.version, "submitted": submitted,
            "submitted_now": submitted and not (last is not None and last.submitted),
            "questions_rated": sum(1 for r in clean if r["rating"] is not None),
            "criteria_rated": sum(len(r["criteria"]) for r in clean),
            "evidence": sum(len(r["evidence"]) for r in clean),
            "notes_changed": notes != (last.notes if last else "")})
    return card
