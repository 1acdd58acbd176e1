"""Real read speech for tests: the five LibriVox utterances shipped in the pocketsphinx 5.1.1 sdist.

``pip download --no-deps --no-binary :all: pocketsphinx==5.1.1`` fetches the source archive
from PyPI once; its ``test/data/librivox/`` folder holds five public-domain recordings
(Jane Austen, *Sense and Sensibility*, chapter 1; 16 kHz mono WAV) with their transcripts.
They are extracted to ``$XDG_CACHE_HOME/interview-ai-lab/test-media/librivox`` (``~/.cache``)
and reused by later runs.

    from tests.media.librivox import librivox_utterances
    for wav, text in librivox_utterances(): ...
"""

from __future__ import annotations

import os
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

import numpy as np

__all__ = ["LibriVoxUnavailable", "cache_dir", "librivox_utterances", "read_novel"]

SDIST = "pocketsphinx==5.1.1"
_MEMBER = "pocketsphinx-5.1.1/test/data/librivox/"
IDS = ("0870", "0880", "0890", "0920", "0930")


class LibriVoxUnavailable(RuntimeError):
    """The sdist could not be downloaded (no access to PyPI)."""


def cache_dir() -> Path:
    """Where the utterances are kept."""
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "interview-ai-lab" / "test-media" / "librivox"


def _name(i: str) -> str:
    return f"sense_and_sensibility_01_austen_64kb-{i}"


def librivox_utterances() -> list[tuple[Path, str]]:
    """``(wav path, transcript)`` of the five utterances, downloading the sdist once.

    Raises:
        LibriVoxUnavailable: PyPI could not be reached and nothing is cached.
    """
    out = cache_dir()
    wanted = [(out / f"{_name(i)}.wav", out / f"{_name(i)}.txt") for i in IDS]
    if not all(w.is_file() and t.is_file() for w, t in wanted):
        out.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory() as tmp:
            cmd = [sys.executable, "-m", "pip", "download", "--no-deps", "--no-binary", ":all:", "-q", "-d", tmp, SDIST]
            r = subprocess.run(cmd, capture_output=True, text=True, timeout=600)
            archives = list(Path(tmp).glob("pocketsphinx-*.tar.gz"))
            if r.returncode != 0 or not archives:
                raise LibriVoxUnavailable(f"`pip download {SDIST}` failed: {r.stderr.strip()[-300:]}")
            with tarfile.open(archives[0]) as tar:
                for wav, txt in wanted:
                    for target in (wav, txt):
                        member = tar.extractfile(_MEMBER + target.name)
                        assert member is not None
                        part = target.with_suffix(target.suffix + ".part")
                        part.write_bytes(member.read())
                        os.replace(part, target)
    return [(w, t.read_text(encoding="utf-8").strip()) for w, t in wanted]


def read_novel(path: Path, *, gap_sec: float = 0.8, lead_sec: float = 0.5) -> tuple[Path, str]:
    """All five utterances one after the other (``gap_sec`` of silence between) in one WAV.

    Returns:
        The WAV written at ``path`` (16 kHz mono, 16-bit) and the text read.
    """
    import soundfile as sf

    chunks, texts, sr = [], [], 16000
    for wav, text in librivox_utterances():
        y, sr = sf.read(str(wav), dtype="float32")
        if y.ndim > 1:
            y = y.mean(axis=1)
        chunks += [y, np.zeros(int(gap_sec * sr), dtype=np.float32)]
        texts.append(text)
    signal = np.concatenate([np.zeros(int(lead_sec * sr), dtype=np.float32), *chunks])
    sf.write(str(path), signal, sr, subtype="PCM_16")
    return path, " ".join(texts)
