"""Per-question stage: questions file, answer boundaries on real speech, per-answer measures, scores, rubrics.

The questions file is validated; the speech is espeak-ng's, transcribed by faster-whisper.
"""

from __future__ import annotations

import json
import math
import re
from pathlib import Path

import pytest

from interview_ai_lab.runner import run_stage
from interview_ai_lab.runtime.atomic import read_json, write_json_atomic
from interview_ai_lab.runtime.errors import InputError
from interview_ai_lab.runtime.stage import Context
from interview_ai_lab.stages import questions as stage

Q = ["Tell me about a time you solved a difficult problem at work.",
     "Why do you want to work for our company?",
     "Describe a situation where you worked in a team."]
A = ["Last year our delivery system kept failing every night. I analysed the logs, then I wrote a script to reroute "
     "the orders. As a result, complaints dropped by thirty percent.",
     "Your company builds software for hospitals and I share your mission. This position matches my experience in data "
     "engineering, and I am passionate about it.",
     "I like hiking in the mountains. My favourite food is pizza. The weather is often rainy here."]  # off topic


def _analyse_audio(tmp: Path, parts: list) -> tuple[Context, object]:
    """Make the clip, then run the real audio stages (extract_audio, transcribe tiny.en, speech_metrics)."""
    from interview_ai_lab.media.synthetic_speech import make_speech_clip
    from tests.fixtures_audio import run_tiny_english_audio_stages

    truth = make_speech_clip(parts, "en", tmp / "clip.mp4")
    return run_tiny_english_audio_stages(truth.path, tmp / "out"), truth


@pytest.fixture(scope="module")
def read_aloud(tmp_path_factory):
    """Questions read aloud (lower pitch) before each answer, 2.5 s between answer and next question."""
    from interview_ai_lab.media.synthetic_speech import Say

    parts: list = [0.6]
    for i, (q, a) in enumerate(zip(Q, A)):
        parts += [Say(q, pitch=20), 0.8, a]
        parts.append(2.5 if i < 2 else 1.0)
    ctx, truth = _analyse_audio(tmp_path_factory.mktemp("read"), parts)
    starts = [u[0] for u in truth.utterances if u[2] in A]
    return ctx, starts


@pytest.fixture(scope="module")
def answers_only(tmp_path_factory):
    """Answers only, separated by 2.5 s pauses (the questions were shown on screen)."""
    parts: list = [0.6, A[0], 2.5, A[1], 2.5, A[2], 1.0]
    ctx, truth = _analyse_audio(tmp_path_factory.mktemp("pauses"), parts)
    return ctx, [u[0] for u in truth.utterances]


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z]+", text.lower())


def _share_of_words(script: str, transcript: str, *, distinct_from: str = "") -> float:
    """The share of the script's words (those not in ``distinct_from``) that the transcript holds."""
    heard, other = set(_words(transcript)), set(_words(distinct_from))
    words = [w for w in _words(script) if w not in other]
    return sum(w in heard for w in words) / max(1, len(words))


def _qfile(path: Path, items) -> Path:
    path.write_text(json.dumps(items), encoding="utf-8")
    return path


def _run(ctx: Context, qfile: Path, **kw) -> dict:
    ctx.force = True
    return read_json(run_stage(stage.STAGE, ctx, stage.Options(questions=qfile, **kw)))


def test_without_questions_the_stage_is_a_cheap_no_op(tmp_path):
    ctx = Context(video=tmp_path / "v.mp4", outdir=tmp_path, threads=1)
    out = read_json(run_stage(stage.STAGE, ctx, stage.Options()))
    assert out["questions"] is None


@pytest.mark.parametrize("content,msg", [
    ("not json", "not valid JSON"), ("[]", "non-empty"), ('{"a": 1}', "non-empty"), ('[{"start": 1}]', "no 'text'"),
    ('[{"text": "q", "start": -2}]', "number of seconds"), ('[{"text": "q", "start": "10"}]', "number of seconds"),
    ('[{"text": "a", "start": 10}, {"text": "b", "start": 5}]', "not after"), ("[3]", "object"),
    ('[{"text": "q", "rubric": {"criteria": []}}]', "rubric"), ('[{"text": "q", "weight": 0}]', "'weight'"),
    ('[{"text": "q", "weight": "2"}]', "'weight'"),
    ('[{"text": "q", "end": 3}]', "'end'"), ('[{"text": "q", "start": 3, "end": 2}]', "'end'"),
    ('[{"text": "a", "start": 0, "end": 6}, {"text": "b", "start": 5}]', "before the previous one ends"),
    ('[{"text": "a", "start": 0, "answered": false}]', "not answered has no"),
    ('[{"text": "a", "answered": "no"}]', "'answered'"), ('[{"text": "a", "answered": false}]', "no question is answered"),
])
def test_bad_questions_files_are_clear_input_errors(tmp_path, content, msg):
    f = tmp_path / "q.json"
    f.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=msg):
        stage.load_questions(f)
    with pytest.raises(InputError, match="not found"):
        stage.load_questions(tmp_path / "missing.json")


def test_accepted_forms(tmp_path):
    f = _qfile(tmp_path / "q.json", {"questions": ["First question?", {"text": " Second\n question? ", "start": 3,
                                                                         "weight": 2}]})
    assert stage.load_questions(f) == [{"text": "First question?", "start": None},
                                       {"text": "Second question?", "start": 3.0, "weight": 2.0}]


def test_question_read_aloud_is_found_in_the_transcript(read_aloud, tmp_path):
    ctx, starts = read_aloud
    out = _run(ctx, _qfile(tmp_path / "q.json", [{"text": q} for q in Q]))
    qs = out["questions"]
    assert [q["boundary_method"] for q in qs] == ["transcript"] * 3
    errors = [abs(q["start"] - s) for q, s in zip(qs, starts)]
    print("read-aloud boundary errors (s):", [round(e, 2) for e in errors])
    assert max(errors) <= 0.5
    # Each answer's text is its own answer (most of its words; Whisper's spelling of espeak varies with the CPU:
    # "complaints dropped by" may come out "complained to stop by"), none of another's, and not the question.
    for i, q in enumerate(qs):
        assert _share_of_words(A[i], q["transcript"]) >= 0.6, (i, q["transcript"])
        assert all(_share_of_words(A[j], q["transcript"], distinct_from=A[i]) <= 0.2 for j in range(3) if j != i)
    assert "why do you want" not in qs[1]["transcript"].lower()  # the question itself is not part of the answer


def test_answers_split_at_the_longest_pauses(answers_only, tmp_path):
    ctx, starts = answers_only
    out = _run(ctx, _qfile(tmp_path / "q.json", [{"text": q} for q in Q]))
    qs = out["questions"]
    assert [q["boundary_method"] for q in qs] == ["first_speech", "pause", "pause"]
    errors = [abs(q["start"] - s) for q, s in zip(qs, starts)]
    print("pause-split boundary errors (s):", [round(e, 2) for e in errors])
    assert max(errors) <= 0.5
    for q in qs:
        sp = q["speech"]
        assert sp["duration_sec"] == pytest.approx(q["end"] - q["start"], abs=0.01)
        assert 60 <= sp["wpm"] <= 260 and sp["words"] >= 15
        assert set(q["scores"]) == {"verbal", "paraverbal", "nonverbal", "total", "measured", "incomplete"}
        # the answer score: no gaze.json here, so no non-verbal part and no total
        assert q["scores"]["verbal"] is not None and q["scores"]["nonverbal"] is None and q["scores"]["total"] is None
        assert q["scores"]["incomplete"]["reasons"] == [{"part": "nonverbal", "code": "no_video_stream", "params": {}}]
        assert q["scores"]["measured"]["parts"] == ["verbal", "paraverbal"]
        assert q["score_details"]["verbal"]["parts"][0]["name"] == "rubric_coverage"
        assert "answer score" in q["score_details"]["total"]["rule"]
    # the off-topic third answer covers its rubric far less than the first
    r = [q["rubric"] for q in qs]
    print("rubric scores:", [x["score"] for x in r])
    assert r[0]["score"] >= 50 and r[1]["score"] >= 50 and r[2]["score"] <= 25
    assert r[0]["source"] == "generated" and r[0]["question_type"] == "behavioural"
    result = next(c for c in r[0]["criteria"] if c["id"] == "result")
    assert result["coverage"] >= 0.5 and any("dropped" in s.lower() for s in result["evidence"])


def test_spoken_answers_on_and_off_topic_drive_the_verbal_part(answers_only, tmp_path):
    """Real speech (espeak-ng → faster-whisper): two on-topic answers and an off-topic one."""
    from interview_ai_lab.stages import scores

    ctx, _ = answers_only
    out = _run(ctx, _qfile(tmp_path / "q.json", [{"text": Q[0]}, {"text": Q[1], "weight": 2}, {"text": Q[2]}]))
    try:
        qs = out["questions"]
        third = 40 / 3
        answer_verbal = [q["scores"]["verbal"] for q in qs]
        coverage = [q["rubric"]["score"] / 100 for q in qs]
        print("answer verbal points:", answer_verbal, "coverage:", coverage)
        assert answer_verbal[0] > third and answer_verbal[1] > third  # on topic
        assert answer_verbal[2] <= third  # off topic: at most a third of the verbal points
        assert answer_verbal == [pytest.approx(40 * c, abs=0.01) for c in coverage]
        res = read_json(run_stage(scores.STAGE, ctx, scores.Options()))
        verbal = res["score_details"]["verbal"]
        assert [p["question_index"] for p in verbal["parts"]] == [1, 2, 3]
        assert [p["weight"] for p in verbal["parts"]] == [0.25, 0.5, 0.25]
        assert res["scores"]["verbal"] == pytest.approx(40 * (0.25 * coverage[0] + 0.5 * coverage[1] + 0.25 * coverage[2]),
                                                        abs=0.02)
        # the interview score is not any answer's score, and it says how it is made from the answers
        assert res["score_details"]["total"]["answers"][1] == {"question_index": 2, "weight": 2.0}
    finally:
        for name in ("questions.json", "scores.json"):
            ctx.path(name).unlink(missing_ok=True)


def test_given_starts_nonverbal_per_answer_and_an_edited_rubric(answers_only, tmp_path):
    from interview_ai_lab.stages import gaze_nods

    ctx, starts = answers_only
    # the face stage's frames (10 fps, face always visible, a nod 1 s into the first answer, looks away 1 s in the
    # second answer), then the real gaze stage
    nod_t, away = round(starts[0] + 1.0, 1), (round(starts[1] + 1.0, 1), round(starts[1] + 2.0, 1))
    frames = [{"t": round(i / 10, 2), "face": True, "iris": [0.0, 0.0],
               "yaw": 30.0 if away[0] <= round(i / 10, 2) < away[1] else 1.0,
               "pitch": -1.0 - (9.0 * (1 + math.cos(math.pi * (i / 10 - nod_t) / 0.3)) / 2
                                if abs(i / 10 - nod_t) < 0.3 else 0.0)}
              for i in range(int(starts[2] * 10) + 80)]
    write_json_atomic(ctx.path("faces.json"), {"frames": frames, "emotions": None, "landmark_fps": 10, "has_video": True,
                                               "emotions_disabled_reason": "disabled with --no-emotions"})
    run_stage(gaze_nods.STAGE, ctx, gaze_nods.Options())
    try:
        items = [{"text": q, "start": round(s, 2)} for q, s in zip(Q, starts)]
        out = _run(ctx, _qfile(tmp_path / "q.json", items))
        qs = out["questions"]
        assert [q["boundary_method"] for q in qs] == ["given"] * 3
        assert [q["start"] for q in qs] == [round(s, 2) for s in starts]
        assert qs[0]["end"] == qs[1]["start"]
        assert qs[0]["nonverbal"]["nods"] == 1 and qs[1]["nonverbal"]["nods"] == 0
        assert qs[0]["nonverbal"]["eye_contact_ratio"] == 1.0
        n1 = qs[1]["nonverbal"]["frames"]
        assert qs[1]["nonverbal"]["eye_contact_ratio"] == pytest.approx((n1 - 10) / n1, abs=0.01)
        assert qs[0]["scores"]["nonverbal"] is not None and qs[0]["scores"]["total"] is not None
        assert {p["name"] for p in qs[0]["score_details"]["nonverbal"]["parts"]} == {"eye_contact", "nods"}
        base = qs[0]["rubric"]["score"]
        # the recruiter edits the generated rubric: the answer does not address the new criterion
        edited = dict(qs[0]["rubric"]["definition"])
        edited["criteria"] = edited["criteria"] + [{"id": "budget", "name": "Budget", "weight": 3.0,
                                                    "description": "Gives the budget of the project in euros."}]
        items[0]["rubric"] = edited
        out2 = _run(ctx, _qfile(tmp_path / "q2.json", items))
        r2 = out2["questions"][0]["rubric"]
        assert r2["source"] == "given" and r2["score"] < base - 20
        assert out2["questions"][1]["rubric"]["score"] == qs[1]["rubric"]["score"]
    finally:
        ctx.path("faces.json").unlink()
        ctx.path("gaze.json").unlink()


def test_a_recording_without_speech_gets_windows_but_no_rubric(tmp_path):
    ctx = Context(video=tmp_path / "v.mp4", outdir=tmp_path, threads=1)
    write_json_atomic(ctx.path("audio.json"), {"media": {"duration_sec": 30.0}, "audio_path": None})
    out = _run(ctx, _qfile(tmp_path / "q.json", [{"text": "First?"}, {"text": "Second?"}, {"text": "Third?"}]))
    qs = out["questions"]
    assert [(q["start"], q["end"], q["boundary_method"]) for q in qs] == [
        (0.0, 10.0, "first_speech"), (10.0, 20.0, "even_split"), (20.0, 30.0, "even_split")]
    assert all(q["speech"] is None and q["rubric"] is None and q["transcript"] == "" for q in qs)
    assert [w["code"] for w in out["warnings"]] == ["boundaries_even_split", "rubric_no_speech"]
    with pytest.raises(InputError, match="outside the recording"):
        _run(ctx, _qfile(tmp_path / "q2.json", [{"text": "Late?", "start": 45}]))


def test_exact_spans_and_a_question_left_unanswered(answers_only, tmp_path):
    """A one-way interview recorded in the browser: given boundaries, and a question sent unanswered.

    Each answer's start and end are given (nothing guessed); the second question, sent unanswered, has no time
    and no measure, and the interview score is incomplete, never a zero.
    """
    from interview_ai_lab.stages import scores

    ctx, starts = answers_only
    end1 = round(starts[1] - 1.0, 3)
    items = [{"text": Q[0], "start": 0.0, "end": end1}, {"text": Q[1], "answered": False},
             {"text": Q[2], "start": round(starts[2] - 0.5, 3), "end": round(starts[2] + 6.0, 3)}]
    try:
        out = _run(ctx, _qfile(tmp_path / "q.json", items))
        qs = out["questions"]
        assert [(q["index"], q["start"], q["end"], q["boundary_method"]) for q in qs] == [
            (1, 0.0, end1, "given"), (2, None, None, "not_answered"),
            (3, round(starts[2] - 0.5, 3), round(starts[2] + 6.0, 3), "given")]
        assert qs[1]["answered"] is False and qs[1]["speech"] is None and qs[1]["transcript"] is None
        assert qs[1]["scores"]["total"] is None
        assert {r["code"] for r in qs[1]["scores"]["incomplete"]["reasons"]} == {"answer_missing"}
        assert "every night" in qs[0]["transcript"].lower() and "hospitals" not in qs[0]["transcript"].lower()
        assert "hiking" in qs[2]["transcript"].lower()
        assert [w["code"] for w in out["warnings"]] == ["answers_missing"]
        assert out["warnings"][0]["params"] == {"questions": "2"}
        res = read_json(run_stage(scores.STAGE, ctx, scores.Options()))
        assert res["scores"]["verbal"] is None and res["scores"]["total"] is None  # not a zero
        assert res["scores"]["paraverbal"] is not None  # what was answered is measured
        assert {"part": "verbal", "code": "answer_missing", "params": {"questions": "2"}} in \
            res["scores"]["incomplete"]["reasons"]
    finally:
        for name in ("questions.json", "scores.json"):
            ctx.path(name).unlink(missing_ok=True)


def test_answers_count_pauses_by_the_runs_shortest_pause(answers_only, tmp_path):
    """An answer's silence and its pauses rule use the run's ``--min-pause-sec`` (``speech.json``), not a default."""
    import shutil

    ctx, _ = answers_only
    out = tmp_path / "run"
    shutil.copytree(ctx.outdir, out)
    copy = Context(video=ctx.video, outdir=out, threads=ctx.threads)
    doc = read_json(out / "speech.json")
    short = [p for p in doc["speech"]["pauses"] if p["end"] - p["start"] < 0.6]
    doc["speech"]["min_pause_sec"] = 0.6  # as if measured with --min-pause-sec 0.6
    (out / "speech.json").write_text(json.dumps(doc), encoding="utf-8")
    qs = _run(copy, _qfile(tmp_path / "q.json", [{"text": q} for q in Q]))["questions"]
    default = _run(ctx, _qfile(tmp_path / "q0.json", [{"text": q} for q in Q]))["questions"]
    assert short, "the clip should have pauses between 0.25 and 0.6 s"
    for q, d in zip(qs, default):
        assert q["speech"]["min_pause_sec"] == 0.6 and d["speech"]["min_pause_sec"] == 0.25
        assert all(p["end"] - p["start"] >= 0.6 - 1e-6 for p in q["speech"]["pauses"])
        pauses = next(c for c in q["score_details"]["paraverbal"]["parts"] if c["name"] == "pauses")
        assert "pauses of 0.6 s or more" in pauses["rule"] and pauses["rule_params"]["min_pause_sec"] == 0.6
    assert sum(q["speech"]["silence_sec"] for q in qs) < sum(d["speech"]["silence_sec"] for d in default)
