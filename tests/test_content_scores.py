"""Content counts: a real off-topic spoken answer gets at most a third of the verbal points.

The answer is a candidate reading a novel aloud (LibriVox): whatever its amount, vocabulary and delivery, it
earns no more.

Real speech through the real stages: extract_audio → transcribe (faster-whisper tiny.en) → speech_metrics →
questions (rubric generated from the question, packaged sentence-embedding model) → scores.
"""

from __future__ import annotations

import pytest

from interview_ai_lab.runner import run_stage
from interview_ai_lab.runtime.atomic import read_json, write_json_atomic

QUESTION = "Tell me about a time you solved a difficult problem at work."


@pytest.fixture(scope="module")
def novel_run(tmp_path_factory):
    from tests.fixtures_audio import run_tiny_english_audio_stages
    from tests.media.real_speech import FetchError, build_clip, librivox

    tmp = tmp_path_factory.mktemp("novel")
    try:
        utterances = librivox()
    except FetchError as e:  # no PyPI: the real recording cannot be had
        pytest.skip(str(e))
    parts: list = [0.5]
    for u in utterances:
        parts += [u, 0.8]
    clip = build_clip(parts, tmp / "novel.wav")
    text = clip.text
    return run_tiny_english_audio_stages(clip.path, tmp / "out"), text


def test_reading_a_novel_is_off_topic_and_earns_at_most_a_third_of_the_verbal_points(novel_run):
    from interview_ai_lab.stages import questions, scores

    ctx, text = novel_run
    transcript = read_json(ctx.path("transcript.json"))["text"].lower()
    assert "dashwood" in transcript or "amiable" in transcript, transcript  # the novel was heard
    qfile = ctx.outdir / "q.json"
    write_json_atomic(qfile, [{"text": QUESTION}])
    ctx.force = True
    q = read_json(run_stage(questions.STAGE, ctx, questions.Options(questions=qfile)))["questions"][0]
    res = read_json(run_stage(scores.STAGE, ctx, scores.Options()))
    print("coverage:", q["rubric"]["score"], "answer verbal:", q["scores"]["verbal"], "interview verbal:",
          res["scores"]["verbal"])
    assert q["rubric"]["score"] < 100 / 3
    assert q["scores"]["verbal"] <= 40 / 3 and res["scores"]["verbal"] <= 40 / 3
    assert res["score_details"]["verbal"]["parts"][0]["off_topic"] is True
    # without the question, the same speech scores on amount, vocabulary and structure alone (more points)
    ctx.path("questions.json").unlink()
    plain = read_json(run_stage(scores.STAGE, ctx, scores.Options()))
    print("verbal without a question:", plain["scores"]["verbal"])
    assert plain["scores"]["verbal"] > res["scores"]["verbal"]
    assert {p["name"] for p in plain["score_details"]["verbal"]["parts"]} == {"elaboration", "vocabulary", "structure"}
    # an audio file: no video stream, so no interview score, but what was measured is given
    assert res["scores"]["total"] is None and res["scores"]["measured"]["parts"] == ["verbal", "paraverbal"]
    assert res["scores"]["incomplete"]["reasons"] == [{"part": "nonverbal", "code": "no_video_stream", "params": {}}]
