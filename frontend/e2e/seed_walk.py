"""Interviews for the French walk of the UI (frontend/e2e/walk_fr.mjs), stored through Django.

Five interviews of one recruiter, each with a real (generated) video: a done report (the
front end's sample report), one with no audio track, one with no face, one with questions and
rubrics (one answer off topic), and a failed analysis whose stored reason names the video's
internal UUID path (the API must never show it). The reports follow the scores contract
(``scores.measured``, ``scores.incomplete``, criteria ``name`` + ``rule_params``, ``notices``).

    python frontend/e2e/seed_walk.py USERNAME CLIP.mp4     (Django settings from the environment)

Prints ``{"done": id, "no_audio": id, …}`` as JSON.
"""

from __future__ import annotations

import copy
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "frontend" / "src" / "fixtures" / "sample-report.json"

NOT_MEASURED = "not measured"


def _blank(detail: dict, code: str) -> dict:
    """A part not measured, as ``interview_ai_lab.report.scoring.part_detail`` writes it (a reason code on each criterion)."""
    d = copy.deepcopy(detail)
    d.update(points=None, inputs={}, reason={"code": code, "params": {}})
    for p in d.get("parts", []):
        p.update(points=None, value=None, rule=f"{NOT_MEASURED}: {code.replace('_', ' ')}",
                 reason={"code": code, "params": {}})
    return d


def no_audio(sample: dict) -> dict:
    r = copy.deepcopy(sample)
    r.update(transcript="", words=[], speech=None, text=None)
    nv = r["scores"]["nonverbal"]
    r["scores"] = {"verbal": None, "paraverbal": None, "nonverbal": nv, "total": None,
                   "measured": {"points": nv, "out_of": 40, "parts": ["nonverbal"]},
                   "incomplete": {"reasons": [{"part": "verbal", "code": "no_audio_track", "params": {}},
                                              {"part": "paraverbal", "code": "no_audio_track", "params": {}}]}}
    sd = r["score_details"]
    sd["verbal"] = _blank(sd["verbal"], "no_audio_track")
    sd["paraverbal"] = _blank(sd["paraverbal"], "no_audio_track")
    sd["total"].update(points=None, inputs={"verbal": None, "paraverbal": None, "nonverbal": nv})
    r["notices"] = [{"code": "no_audio_track", "params": {},
                     "message": "The video has no audio track: speech and text were not analysed."},
                    {"code": "part_not_measured", "params": {"part": "verbal", "reason": "no_audio_track", "points": nv,
                                                             "out_of": 40},
                     "message": f"The verbal part could not be measured (no audio track): the interview score is "
                                f"incomplete; {nv:g} of the 40 points that could be measured were earned."}]
    r["warnings"] = [n["message"] for n in r["notices"]]
    return r


def no_face(sample: dict) -> dict:
    r = copy.deepcopy(sample)
    s = r["scores"]
    r["nonverbal"] = {"eye_contact_ratio": 0.0, "nods": 0, "nod_events": [], "face_detected_ratio": 0.0,
                      "emotions": None}
    r["scores"] = {"verbal": s["verbal"], "paraverbal": s["paraverbal"], "nonverbal": None, "total": None,
                   "measured": {"points": round(s["verbal"] + s["paraverbal"], 2), "out_of": 60,
                                "parts": ["verbal", "paraverbal"]},
                   "incomplete": {"reasons": [{"part": "nonverbal", "code": "no_face", "params": {}}]}}
    sd = r["score_details"]
    sd["nonverbal"] = _blank(sd["nonverbal"], "no_face")
    sd["total"]["points"] = None
    r["notices"] = [{"code": "no_face", "params": {}, "message": "No face was found in the video: eye contact, "
                     "nods and emotions could not be measured (camera off, covered, or the face out of frame)."}]
    r["warnings"] = [n["message"] for n in r["notices"]]
    return r


def with_questions(sample: dict) -> dict:
    r = copy.deepcopy(sample)
    crit = [{"id": "parcours", "name": "Parcours", "description": "Décrit son parcours", "weight": 1},
            {"id": "motivation", "name": "Motivation", "description": "Dit pourquoi ce poste", "weight": 1}]
    r["questions"] = [
        {"index": 1, "text": "Présentez-vous.", "start": 0.0, "end": 24.0, "boundary_method": "question_text",
         "transcript": "Bonjour, je m'appelle Emma, ingénieure logicielle depuis six ans.",
         "scores": {"verbal": 30.5, "paraverbal": 15.0, "nonverbal": 33.0, "total": 78.5,
                    "measured": {"points": 78.5, "out_of": 100, "parts": ["verbal", "paraverbal", "nonverbal"]},
                    "incomplete": None},
         "speech": {"wpm": 112.4, "fillers": 1}, "nonverbal": {"eye_contact_ratio": 0.74, "nods": 2},
         "rubric": {"score": 85.0, "method": "keywords+embeddings", "criteria": [
             {**crit[0], "coverage": 0.9, "evidence": ["ingénieure logicielle depuis six ans"]},
             {**crit[1], "coverage": 0.8, "evidence": ["j'aime accompagner des développeurs juniors"]}]}},
        {"index": 2, "text": "Pourquoi ce poste ?", "start": 24.0, "end": 47.6, "boundary_method": "pause",
         "transcript": "Il était une fois, dans un château au bord de la mer, une princesse qui lisait des romans.",
         "scores": {"verbal": 4.2, "paraverbal": 15.4, "nonverbal": 33.2, "total": 52.8,
                    "measured": {"points": 52.8, "out_of": 100, "parts": ["verbal", "paraverbal", "nonverbal"]},
                    "incomplete": None},
         "speech": {"wpm": 104.9, "fillers": 2}, "nonverbal": {"eye_contact_ratio": 0.7, "nods": 1},
         "rubric": {"score": 7.5, "method": "keywords+embeddings", "criteria": [
             {**crit[0], "coverage": 0.15, "evidence": []}, {**crit[1], "coverage": 0.0, "evidence": []}]}},
    ]
    verbal = {"name": "verbal", "points": 17.4, "max": 40, "rule_params": {"off_topic_cap": 1 / 3},
              "rule": "what was said: how well each answer covers its rubric, weighted per question; an off-topic "
                      "answer gets at most a third of the points",
              "inputs": {"words": 86},
              "parts": [{"name": "rubric_coverage", "question_index": 1, "weight": 1.0, "coverage": 0.85,
                         "value": 0.85, "points": 17.0, "max": 20, "rule": "rubric coverage of the answer, weighted",
                         "rule_params": {}},
                        {"name": "rubric_coverage", "question_index": 2, "weight": 1.0, "coverage": 0.075,
                         "value": 0.075, "points": 0.4, "max": 20, "rule": "rubric coverage of the answer, weighted",
                         "rule_params": {}}]}
    r["score_details"]["verbal"] = verbal
    s = r["scores"]
    total = round(17.4 + s["paraverbal"] + s["nonverbal"], 1)
    r["scores"] = {**s, "verbal": 17.4, "total": total,
                   "measured": {"points": total, "out_of": 100, "parts": ["verbal", "paraverbal", "nonverbal"]},
                   "incomplete": None}
    r["score_details"]["total"].update(points=total, inputs={"verbal": 17.4, "paraverbal": s["paraverbal"],
                                                               "nonverbal": s["nonverbal"]})
    r["notices"] = r["notices"] + [{"code": "boundaries_short_pause", "params": {"seconds": 0.8}, "message":
                                    "Some answers were split at pauses shorter than 0.8 s: the boundaries may be wrong."}]
    r["warnings"] = [n["message"] for n in r["notices"]]
    return r


def main(argv: list[str]) -> int:
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.files import File
    from django.utils import timezone

    from interview_ai_lab_web.interviews.consent import consent_text
    from interview_ai_lab_web.interviews.models import Interview

    username, clip = argv[0], Path(argv[1])
    owner = get_user_model().objects.get(username=username)
    sample = json.loads(SAMPLE.read_text(encoding="utf-8"))
    cases = {"done": ("Emma Real", sample), "no_audio": ("Hugo Lefèvre", no_audio(sample)),
             "no_face": ("Yves Martin", no_face(sample)), "questions": ("Inès Moreau", with_questions(sample)),
             "failed": ("Paul Durand", None)}
    ids: dict[str, str] = {}
    now = timezone.now()
    for key, (name, report) in cases.items():
        with clip.open("rb") as f:
            iv = Interview(owner=owner, candidate_name=name, language="fr", mode="coaching", consent=True,
                           consent_at=now, consent_version="1", consent_text=consent_text("fr"))
            iv.video.save("entretien.mp4", File(f), save=False)
        if report is not None:
            iv.status, iv.report, iv.report_version = Interview.Status.DONE, report, 1
            iv.duration_sec, iv.finished_at = 47.6, now
            iv.progress = {"stage": "done", "percent": 100.0}
            if report.get("questions"):
                iv.questions = [{"text": q["text"]} for q in report["questions"]]
        iv.save()
        if report is None:  # the stored reason names the internal file, as the pipeline writes it
            iv.status, iv.finished_at = Interview.Status.ERROR, now
            iv.error = f"{iv.video_path()} is truncated or corrupt: only 2.0 s of its 47.6 s could be decoded"
            iv.save()
        ids[key] = str(iv.pk)
    print(json.dumps(ids))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
