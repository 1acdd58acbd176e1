"""Generate speech clips with a known ground truth (espeak-ng), for tests and benchmarks.

A clip is described by a script of parts: utterances (:class:`Say`, or a plain
``str``), hesitation fillers (:class:`Filler`, a slowly spoken "euh"/"um"), and
silences of exact length (:class:`Silence`, or a plain ``float`` in seconds).
Each utterance is synthesised by espeak-ng, trimmed of espeak's own leading and
trailing silence and resampled to 16 kHz; silences are exact digital zeros. The
truth (words, fillers and their times, pauses, total silence incl. lead-in and
tail) is measured on the clean signal before any background noise is mixed in.

    from interview_ai_lab.media.synthetic_speech import Say, Filler, Silence, make_speech_clip

    truth = make_speech_clip([1.0, "Hello, my name is Anna.", 0.8, Filler("um"), 0.4,
                              "I like data.", 1.5], "en", tmp / "clip.mp4", snr_db=18)
    truth.word_count, truth.silence_sec, truth.pauses, truth.fillers

Output format follows the suffix: ``.wav`` (16-bit PCM), ``.m4a`` (AAC, audio only)
or a video container (``.mp4``, ``.mkv``, ``.mov``, ``.webm``: a small coloured
picture plus the audio).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from interview_ai_lab.media.audio import MIN_PAUSE_SEC

__all__ = ["Say", "Filler", "Silence", "FillerTruth", "SpeechTruth", "make_speech_clip", "synthesize", "mix_noise",
           "count_words", "VOICES"]

#: espeak-ng voice used for each language.
VOICES: dict[str, str] = {"en": "en-us", "fr": "fr"}

#: Samples whose absolute value stays below this (−60 dBFS) count as silence in the truth.
_SILENCE_AMPLITUDE = 1e-3
_WORD_RE = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*", re.UNICODE)


@dataclass(frozen=True)
class Say:
    """An utterance.

    Attributes:
        text: What is said (its words count in the truth).
        speed: espeak-ng speaking rate in words per minute (``-s``).
        pitch: espeak-ng pitch, 0-99 (``-p``).
    """

    text: str
    speed: int = 150
    pitch: int = 50


@dataclass(frozen=True)
class Filler:
    """A hesitation ("euh", "um", "uh"…), spoken slowly so that it lasts like a real one (~0.4-0.7 s).

    Attributes:
        word: The filler as written (it is not counted among the words).
        speed: espeak-ng speaking rate in words per minute; slower lengthens the vowel.
        pitch: espeak-ng pitch, 0-99.
    """

    word: str
    speed: int = 80
    pitch: int = 45


@dataclass(frozen=True)
class Silence:
    """Exact digital silence.

    Attributes:
        seconds: Length in seconds.
    """

    seconds: float


Part = str | float | int | Say | Filler | Silence


@dataclass(frozen=True)
class FillerTruth:
    """A filler in the clip.

    Attributes:
        word: The filler as written.
        start: Start time in seconds.
        end: End time in seconds.
    """

    word: str
    start: float
    end: float

    @property
    def t(self) -> float:
        """Middle of the filler, seconds."""
        return 0.5 * (self.start + self.end)


@dataclass
class SpeechTruth:
    """What a clip contains, measured on the clean signal.

    Attributes:
        path: The written file.
        lang: ``en`` or ``fr``.
        sample_rate: Samples per second of the audio.
        duration_sec: Length of the audio, seconds.
        text: The utterances joined (fillers left out).
        words: The words spoken, fillers excluded.
        fillers: The fillers with their times.
        utterances: ``(start, end, text)`` of each utterance, seconds.
        pauses: ``(start, end)`` of every stretch without sound of at least ``min_pause_sec``
            (lead-in and tail included), seconds.
        min_pause_sec: The pause threshold used for ``pauses``, seconds.
        snr_db: Speech-to-noise ratio of the mixed background noise, or None (clean).
        noise: Kind of background noise, or None.
    """

    path: Path
    lang: str
    sample_rate: int
    duration_sec: float
    text: str
    words: list[str]
    fillers: list[FillerTruth]
    utterances: list[tuple[float, float, str]]
    pauses: list[tuple[float, float]]
    min_pause_sec: float
    snr_db: float | None = None
    noise: str | None = None
    extra: dict = field(default_factory=dict)

    @property
    def word_count(self) -> int:
        """Number of words spoken (fillers excluded)."""
        return len(self.words)

    @property
    def silence_sec(self) -> float:
        """Total length of the pauses, seconds."""
        return float(sum(e - s for s, e in self.pauses))

    @property
    def wpm(self) -> float:
        """True words per minute over the whole clip (fillers excluded)."""
        return self.word_count / (self.duration_sec / 60.0) if self.duration_sec > 0 else 0.0

    def as_dict(self) -> dict:
        """JSON-friendly ground truth (seconds, words per minute)."""
        return {
            "path": str(self.path), "lang": self.lang, "sample_rate": self.sample_rate,
            "duration_sec": round(self.duration_sec, 3), "text": self.text, "words": list(self.words),
            "word_count": self.word_count, "wpm": round(self.wpm, 2),
            "fillers": [{"word": f.word, "start": round(f.start, 3), "end": round(f.end, 3)} for f in self.fillers],
            "utterances": [{"start": round(a, 3), "end": round(b, 3), "text": t} for a, b, t in self.utterances],
            "pauses": [{"start": round(a, 3), "end": round(b, 3)} for a, b in self.pauses],
            "silence_sec": round(self.silence_sec, 3), "min_pause_sec": self.min_pause_sec,
            "snr_db": self.snr_db, "noise": self.noise,
        }


def count_words(text: str) -> list[str]:
    """The words of ``text`` (letters, with inner apostrophes/hyphens: "j'aime", "week-end")."""
    return _WORD_RE.findall(text)


def _espeak() -> str:
    exe = shutil.which("espeak-ng") or shutil.which("espeak")
    if not exe:
        raise RuntimeError("espeak-ng is not installed (apt-get install espeak-ng)")
    return exe


def synthesize(text: str, lang: str, *, speed: int = 150, pitch: int = 50, sample_rate: int = 16000,
               voice: str | None = None) -> np.ndarray:
    """Synthesise ``text`` with espeak-ng; float32 mono at ``sample_rate``, silence trimmed at both ends."""
    import soundfile as sf
    from scipy.signal import resample_poly

    voice = voice or VOICES.get(lang, lang)
    with tempfile.TemporaryDirectory() as d:
        wav = Path(d) / "u.wav"
        subprocess.run([_espeak(), "-v", voice, "-s", str(int(speed)), "-p", str(int(pitch)), "-w", str(wav), text],
                       check=True, capture_output=True)
        x, sr = sf.read(str(wav), dtype="float32", always_2d=False)
    if x.ndim > 1:
        x = x.mean(axis=1)
    if sr != sample_rate:
        g = np.gcd(int(sr), int(sample_rate))
        x = resample_poly(x, sample_rate // g, sr // g).astype(np.float32)
    loud = np.nonzero(np.abs(x) >= _SILENCE_AMPLITUDE)[0]
    if len(loud) == 0:
        return np.zeros(0, dtype=np.float32)
    x = x[loud[0]: loud[-1] + 1]
    # A short fade (5 ms) at both ends: no click.
    n = min(len(x) // 2, int(0.005 * sample_rate))
    if n > 0:
        ramp = np.linspace(0.0, 1.0, n, dtype=np.float32)
        x[:n] *= ramp
        x[-n:] *= ramp[::-1]
    return x.astype(np.float32)


def _silent_runs(x: np.ndarray, sample_rate: int, min_sec: float) -> list[tuple[float, float]]:
    """Runs of at least ``min_sec`` where ``|x|`` stays below the silence amplitude, seconds."""
    quiet = np.abs(x) < _SILENCE_AMPLITUDE
    padded = np.concatenate([[False], quiet, [False]])
    edges = np.flatnonzero(np.diff(padded.astype(np.int8)))
    starts, ends = edges[0::2], edges[1::2]
    keep = (ends - starts) >= int(round(min_sec * sample_rate))
    return [(s / sample_rate, e / sample_rate) for s, e in zip(starts[keep], ends[keep])]


def mix_noise(x: np.ndarray, *, snr_db: float, kind: str = "white", sample_rate: int = 16000,
              seed: int = 0) -> np.ndarray:
    """Add steady background noise at ``snr_db`` (speech power over the loud samples / noise power).

    Args:
        x: Clean signal, float.
        snr_db: Speech-to-noise ratio in dB.
        kind: ``white``, ``pink`` (1/f, like a fan or room tone) or ``hum`` (50 Hz mains hum
            with harmonics, plus a little white noise).
        sample_rate: Samples per second.
        seed: Random seed.
    """
    rng = np.random.default_rng(seed)
    n = len(x)
    if kind == "white":
        noise = rng.standard_normal(n)
    elif kind == "pink":
        spec = np.fft.rfft(rng.standard_normal(n))
        f = np.fft.rfftfreq(n, 1.0 / sample_rate)
        spec[1:] /= np.sqrt(f[1:])
        spec[0] = 0
        noise = np.fft.irfft(spec, n)
    elif kind == "hum":
        t = np.arange(n) / sample_rate
        noise = sum(np.sin(2 * np.pi * 50 * k * t + k) / k for k in (1, 2, 3, 5)) + 0.3 * rng.standard_normal(n)
    else:
        raise ValueError(f"unknown noise kind {kind!r}")
    loud = np.abs(x) >= _SILENCE_AMPLITUDE
    p_speech = float(np.mean(x[loud] ** 2)) if loud.any() else 1e-4
    noise = noise / np.sqrt(np.mean(noise ** 2)) * np.sqrt(p_speech / 10 ** (snr_db / 10))
    return (x + noise).astype(np.float32)


def _write(x: np.ndarray, sample_rate: int, path: Path) -> None:
    import soundfile as sf

    path.parent.mkdir(parents=True, exist_ok=True)
    peak = float(np.max(np.abs(x))) if len(x) else 0.0
    if peak > 0.99:
        x = x * (0.99 / peak)
    suffix = path.suffix.lower()
    if suffix == ".wav":
        sf.write(str(path), x, sample_rate, subtype="PCM_16")
        return
    ffmpeg = shutil.which("ffmpeg")
    if not ffmpeg:
        raise RuntimeError("ffmpeg is not installed")
    with tempfile.TemporaryDirectory() as d:
        wav = Path(d) / "a.wav"
        sf.write(str(wav), x, sample_rate, subtype="PCM_16")
        dur = len(x) / sample_rate
        if suffix == ".m4a":
            args = ["-i", str(wav), "-c:a", "aac", "-b:a", "96k"]
        else:
            vcodec = ["-c:v", "libvpx", "-b:v", "100k"] if suffix == ".webm" else ["-c:v", "libx264", "-preset", "ultrafast",
                                                                                "-pix_fmt", "yuv420p"]
            acodec = ["-c:a", "libopus"] if suffix == ".webm" else ["-c:a", "aac", "-b:a", "96k"]
            args = ["-f", "lavfi", "-i", f"color=c=0x336699:s=160x120:r=5:d={dur:.3f}", "-i", str(wav),
                    *vcodec, *acodec, "-shortest"]
        subprocess.run([ffmpeg, "-hide_banner", "-nostdin", "-loglevel", "error", "-y", *args, str(path)],
                       check=True, capture_output=True)


def make_speech_clip(parts: Sequence[Part], lang: str, path: Path | str, *, sample_rate: int = 16000,
                     voice: str | None = None, snr_db: float | None = None, noise: str = "white", seed: int = 0,
                     min_pause_sec: float = MIN_PAUSE_SEC) -> SpeechTruth:
    """Build a clip from a script of parts and return its ground truth.

    Args:
        parts: Utterances (``str`` or :class:`Say`), fillers (:class:`Filler`) and silences
            (``float`` seconds or :class:`Silence`), in order.
        lang: ``en`` or ``fr`` (chooses the espeak-ng voice, see :data:`VOICES`).
        path: Output file; the suffix picks the format (``.wav``, ``.m4a``, ``.mp4``…).
        sample_rate: Samples per second.
        voice: espeak-ng voice overriding the language's default.
        snr_db: Mix steady background noise at this speech-to-noise ratio (dB); None: clean.
        noise: Kind of noise (see :func:`mix_noise`).
        seed: Random seed of the noise.
        min_pause_sec: Shortest stretch without sound counted as a pause, seconds.
    """
    path = Path(path)
    chunks: list[np.ndarray] = []
    texts: list[str] = []
    fillers: list[FillerTruth] = []
    utterances: list[tuple[float, float, str]] = []
    t = 0
    for part in parts:
        if isinstance(part, (int, float)) and not isinstance(part, bool):
            part = Silence(float(part))
        if isinstance(part, str):
            part = Say(part)
        if isinstance(part, Silence):
            y = np.zeros(int(round(part.seconds * sample_rate)), dtype=np.float32)
        elif isinstance(part, Say):
            y = synthesize(part.text, lang, speed=part.speed, pitch=part.pitch, sample_rate=sample_rate, voice=voice)
            utterances.append((t / sample_rate, (t + len(y)) / sample_rate, part.text))
            texts.append(part.text)
        elif isinstance(part, Filler):
            y = synthesize(part.word, lang, speed=part.speed, pitch=part.pitch, sample_rate=sample_rate, voice=voice)
            fillers.append(FillerTruth(part.word, t / sample_rate, (t + len(y)) / sample_rate))
        else:
            raise TypeError(f"unknown part {part!r}")
        chunks.append(y)
        t += len(y)
    clean = np.concatenate(chunks) if chunks else np.zeros(0, dtype=np.float32)
    pauses = _silent_runs(clean, sample_rate, min_pause_sec)
    mixed = mix_noise(clean, snr_db=snr_db, kind=noise, sample_rate=sample_rate, seed=seed) if snr_db is not None else clean
    _write(mixed, sample_rate, path)
    text = " ".join(texts)
    return SpeechTruth(path=path, lang=lang, sample_rate=sample_rate, duration_sec=len(clean) / sample_rate, text=text,
                       words=count_words(text), fillers=fillers, utterances=utterances, pauses=pauses,
                       min_pause_sec=min_pause_sec, snr_db=snr_db, noise=noise if snr_db is not None else None)
