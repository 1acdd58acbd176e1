"""Generated audio fixtures: espeak-ng speech with known words, pauses and fillers (session-scoped).

Each ``*_run`` fixture builds a clip with :func:`interview_ai_lab.media.synthetic_speech.make_speech_clip`,
runs the real ``extract_audio`` → ``transcribe`` → ``speech_metrics`` stages on it through
:func:`interview_ai_lab.api.analyse` (``targets``)
(real FFmpeg, real faster-whisper with the packaged multilingual ``base``) once per
session, and returns a :class:`SpeechRun` holding the ground truth and the artefacts.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from interview_ai_lab.media.synthetic_speech import Filler, SpeechTruth, make_speech_clip
from interview_ai_lab.runtime.stage import Context

#: English script: 44 words, 3 fillers, pauses of 0.6 (lead-in), 0.8, 1.5, 2.0 and 1.0 s (tail).
EN_SCRIPT = [0.6, "Hello, my name is Anna and I am a data analyst.", 0.8, Filler("um"), 0.3,
             "I have worked with large datasets for five years.", 1.5,
             "In my last job I built reports for the sales team.", 0.4, Filler("uh"), 0.4,
             "I enjoy solving difficult problems with my colleagues.", 2.0, Filler("um"), 0.3,
             "Thank you for your time.", 1.0]
EN_KEYWORDS = ("anna", "analyst", "reports", "sales", "colleagues", "thank")

#: French script: 37 words, 3 fillers, same pauses.
FR_SCRIPT = [0.6, "Bonjour, je m'appelle Claire et je suis ingénieure logiciel.", 0.8, Filler("euh"), 0.3,
             "J'ai travaillé cinq ans dans une banque à Lyon.", 1.5,
             "Mon dernier projet était une application mobile pour les clients.", 0.4, Filler("euh"), 0.4,
             "J'aime beaucoup travailler en équipe.", 2.0, Filler("euh"), 0.3,
             "Merci pour votre attention.", 1.0]
FR_KEYWORDS = ("bonjour", "claire", "application", "mobile", "équipe", "merci")


@dataclass
class SpeechRun:
    """A generated clip and what the stages wrote for it.

    Attributes:
        truth: The clip's ground truth.
        outdir: The analysis folder.
        transcript: ``transcript.json`` as a dict.
        speech: ``speech.json`` as a dict.
    """

    truth: SpeechTruth
    outdir: Path
    transcript: dict[str, Any]
    speech: dict[str, Any]


def run_speech_stages(video: Path, outdir: Path, **transcribe_opts: Any) -> tuple[dict[str, Any], dict[str, Any]]:
    """Run extract_audio, transcribe and speech_metrics (then the merge) on ``video``; return (transcript, speech)."""
    from interview_ai_lab.api import AnalysisConfig, analyse
    from interview_ai_lab.stages.transcribe import Options as TranscribeOptions

    config = AnalysisConfig(threads=2, device="cpu", targets=("speech_metrics",),
                            transcribe=TranscribeOptions(**transcribe_opts))
    report = analyse(video, outdir, config)
    assert report.meta.stage_seconds.keys() >= {"extract_audio", "transcribe", "speech_metrics"}
    return (json.loads((outdir / "transcript.json").read_text(encoding="utf-8")),
            json.loads((outdir / "speech.json").read_text(encoding="utf-8")))


def run_tiny_english_audio_stages(video: Path, outdir: Path) -> Context:
    """Run the audio stages on ``video`` into the new folder ``outdir``, one at a time; return their context.

    The stages: extract_audio, transcribe (faster-whisper ``tiny.en``, English, beam 1) and speech_metrics (no
    acoustic fillers).

    Args:
        video: The clip.
        outdir: The analysis folder (made here; must not exist).

    Returns:
        The :class:`~interview_ai_lab.runtime.stage.Context` the stages ran in (``transcript.json``, ``speech.json``).
    """
    from interview_ai_lab.runner import run_stage
    from interview_ai_lab.stages import extract_audio, speech_metrics, transcribe

    ctx = Context(video=video, outdir=outdir, threads=2)
    ctx.outdir.mkdir()
    run_stage(extract_audio.STAGE, ctx, extract_audio.Options())
    run_stage(transcribe.STAGE, ctx, transcribe.Options(asr_model="tiny.en", lang="en", beam_size=1))
    run_stage(speech_metrics.STAGE, ctx, speech_metrics.Options(acoustic_fillers=False))
    return ctx


def _speech_run(factory: pytest.TempPathFactory, name: str, parts: list, lang: str, suffix: str = ".mp4",
                **clip_kw: Any) -> SpeechRun:
    outdir = factory.mktemp(name)
    truth = make_speech_clip(parts, lang, outdir / f"{name}{suffix}", **clip_kw)
    transcript, speech = run_speech_stages(truth.path, outdir)
    return SpeechRun(truth, outdir, transcript, speech)


@pytest.fixture(scope="session")
def en_speech_run(tmp_path_factory: pytest.TempPathFactory) -> SpeechRun:
    """Clean English speech in an MP4 (video + AAC audio)."""
    return _speech_run(tmp_path_factory, "en clean", EN_SCRIPT, "en")


@pytest.fixture(scope="session")
def fr_speech_run(tmp_path_factory: pytest.TempPathFactory) -> SpeechRun:
    """Clean French speech in an MP4, in a folder whose name has spaces and accents."""
    return _speech_run(tmp_path_factory, "fr entretien é", FR_SCRIPT, "fr")


@pytest.fixture(scope="session")
def en_noisy_speech_run(tmp_path_factory: pytest.TempPathFactory) -> SpeechRun:
    """The English script with steady pink noise (a fan) at 15 dB SNR."""
    return _speech_run(tmp_path_factory, "en_noisy", EN_SCRIPT, "en", snr_db=15.0, noise="pink", seed=3)


@pytest.fixture(scope="session")
def fr_hum_speech_run(tmp_path_factory: pytest.TempPathFactory) -> SpeechRun:
    """The French script with mains hum and hiss at 20 dB SNR, as a WAV file."""
    return _speech_run(tmp_path_factory, "fr_hum", FR_SCRIPT, "fr", suffix=".wav", snr_db=20.0, noise="hum", seed=5)


@pytest.fixture(scope="session")
def silent_speech_run(tmp_path_factory: pytest.TempPathFactory) -> SpeechRun:
    """Twelve seconds of digital silence in an MP4."""
    return _speech_run(tmp_path_factory, "silent", [12.0], "en")


@pytest.fixture(scope="session")
def video_without_audio(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A 3-second MP4 with a video stream and no audio track."""
    import shutil
    import subprocess

    path = tmp_path_factory.mktemp("noaudio") / "noaudio.mp4"
    subprocess.run([shutil.which("ffmpeg") or "ffmpeg", "-hide_banner", "-loglevel", "error", "-y", "-f", "lavfi",
                    "-i", "color=c=red:s=160x120:r=5:d=3", "-c:v", "libx264", "-preset", "ultrafast",
                    "-pix_fmt", "yuv420p", str(path)], check=True)
    return path


@pytest.fixture(scope="session")
def librivox_utts() -> list:
    """The real LibriVox utterances with their transcripts (fetched once into the test cache), or a skip that says why."""
    from tests.media.real_speech import FetchError, librivox

    try:
        return librivox()
    except FetchError as e:
        pytest.skip(f"real speech not available: {e}")
