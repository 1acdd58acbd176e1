"""A position with its candidates for the positions walk of the UI (frontend/e2e/walk_positions.mjs).

One organisation with a recruiter and a reviewer, one position (two questions, a rubric version
each, the reviewer added), six interviews stored through Django with real (generated) videos:
five analysed with answers to both questions (one of them with no face: an incomplete score) and
one not analysed yet; seven self-declared demographics (one group too small to say).

    python frontend/e2e/seed_positions.py RECRUITER REVIEWER CLIP.mp4     (Django settings from the environment)

Prints ``{"position": id, "interviews": {name: id}}`` as JSON.
"""

from __future__ import annotations

import copy
import json
import sys
from pathlib import Path

from seed_walk import SAMPLE, no_face, with_questions

QUESTIONS = [{"text": "Présentez-vous.", "weight": 1.0}, {"text": "Pourquoi ce poste ?", "weight": 1.0}]
CRITERIA = [{"id": "parcours", "name": "Parcours", "description": "Décrit son parcours", "weight": 1},
            {"id": "motivation", "name": "Motivation", "description": "Dit pourquoi ce poste", "weight": 1}]

#: name → (verbal points, rubric score of answer 1, of answer 2, no face, sex, age band)
CANDIDATES = {
    "Emma Real": (30.0, 90.0, 70.0, False, "female", "under_40"),
    "Hugo Lefèvre": (24.0, 60.0, 55.0, False, "male", "40+"),
    "Inès Moreau": (18.0, 45.0, 20.0, False, "female", "40+"),
    "Yves Martin": (26.0, 80.0, 40.0, True, "male", "under_40"),
    "Alice Bernard": (12.0, 30.0, 10.0, False, "female", "under_40"),
}


def report_for(sample: dict, verbal: float, first: float, second: float, face: bool) -> dict:
    """The sample report with two scored answers (start 4 s and 24 s) and `verbal` points."""
    r = with_questions(sample)
    r["questions"][0]["start"], r["questions"][1]["start"] = 4.0, 24.0
    r["questions"][0]["rubric"]["score"], r["questions"][1]["rubric"]["score"] = first, second
    s = r["scores"]
    total = round(verbal + s["paraverbal"] + s["nonverbal"], 1)
    r["scores"] = {**s, "verbal": verbal, "total": total,
                   "measured": {"points": total, "out_of": 100, "parts": ["verbal", "paraverbal", "nonverbal"]},
                   "incomplete": None}
    if not face:
        questions = copy.deepcopy(r["questions"])
        r = no_face(r)
        r["questions"] = questions
        r["scores"]["verbal"] = verbal
        r["scores"]["measured"]["points"] = round(verbal + r["scores"]["paraverbal"], 2)
    r["meta"]["mode"] = "recruitment"
    return r


def main(argv: list[str]) -> int:
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.files import File
    from django.utils import timezone

    from interview_ai_lab_web.interviews.consent import consent_text
    from interview_ai_lab_web.interviews.models import (
        Demographics,
        Interview,
        Membership,
        Organisation,
        Position,
        PositionRubric,
    )

    recruiter_name, reviewer_name, clip = argv[0], argv[1], Path(argv[2])
    users = get_user_model().objects
    recruiter, reviewer = users.get(username=recruiter_name), users.get(username=reviewer_name)
    org = Organisation.objects.create(name="Acme")
    Membership.objects.create(user=recruiter, organisation=org, role="recruiter")
    Membership.objects.create(user=reviewer, organisation=org, role="reviewer")
    position = Position.objects.create(organisation=org, title="Analyste de données", language="fr",
                                       description="Analyse des ventes et des stocks.", questions=QUESTIONS,
                                       retention_days=180, mode="recruitment", created_by=recruiter)
    position.reviewers.add(reviewer)
    now = timezone.now()
    for i, q in enumerate(QUESTIONS, 1):
        PositionRubric.objects.create(position=position, question_index=i, question_text=q["text"], version=1,
                                      rubric={"question": q["text"], "language": "fr", "criteria": CRITERIA},
                                      source="generated", created_by=None, created_at=now)
    sample = json.loads(SAMPLE.read_text(encoding="utf-8"))
    ids: dict[str, str] = {}
    cases: dict[str, tuple | None] = {**CANDIDATES, "Paul Durand": None}
    for name, case in cases.items():
        with clip.open("rb") as f:
            iv = Interview(owner=recruiter, position=position, organisation=org, candidate_name=name, language="fr",
                           mode="recruitment", consent=True, consent_at=now, consent_version="1",
                           consent_text=consent_text("fr"), questions=[{"text": q["text"]} for q in QUESTIONS])
            iv.video.save("entretien.mp4", File(f), save=False)
        if case is not None:
            verbal, first, second, no_face_seen, sex, age = case
            iv.status, iv.report_version = Interview.Status.DONE, 1
            iv.report = report_for(sample, verbal, first, second, not no_face_seen)
            iv.duration_sec, iv.finished_at = 47.6, now
            iv.progress = {"stage": "done", "percent": 100.0}
        iv.save()
        if case is not None:
            iv.report_versions.create(version=1, report=iv.report, rubric_versions={"1": 1, "2": 1})
            Demographics.objects.create(interview=iv, values={"sex": sex, "age_band": age, "race_ethnicity": ""},
                                        consent_at=now)
        ids[name] = str(iv.pk)
    print(json.dumps({"position": str(position.pk), "interviews": ids}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
