"""The position of the candidate walk (frontend/e2e/walk_candidate.mjs): an organisation, its recruiter, a position.

The position is a one-way interview of three questions (2 s to think, 20 s answers, two takes, a practice
question).

    python frontend/e2e/seed_candidate.py RECRUITER       (from web/; Django settings from the environment)

Prints ``{"position": id}`` as JSON.
"""

from __future__ import annotations

import json
import sys

import django

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402

from interview_ai_lab_web.interviews.models import Membership, Organisation, Position  # noqa: E402
from interview_ai_lab_web.interviews.positions import ensure_rubrics  # noqa: E402

QUESTIONS = [{"text": "Présentez-vous en quelques mots.", "weight": 1.0},
             {"text": "Racontez un projet dont vous êtes fier ou fière.", "weight": 1.0},
             {"text": "Pourquoi ce poste vous intéresse-t-il ?", "weight": 1.0}]


def main(recruiter: str) -> dict:
    user = get_user_model().objects.get(username=recruiter)
    org = Organisation.objects.create(name="Acme Recrutement")
    Membership.objects.create(user=user, organisation=org, role="admin")
    position = Position.objects.create(
        organisation=org, title="Analyste de données", language="auto", description="Analyse des ventes, en équipe.",
        questions=QUESTIONS, retention_days=30, think_time_sec=2, answer_time_sec=20, takes=2,
        practice_question="Quel temps fait-il aujourd'hui ?", created_by=user)
    ensure_rubrics(position, user=user)
    return {"position": str(position.pk)}


if __name__ == "__main__":
    print(json.dumps(main(sys.argv[1])))
