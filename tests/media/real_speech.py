"""Real recorded speech for tests, fetched from registry packages, and hard cases derived from it.

Nobody here recorded these clips; they come inside packages of PyPI and are fetched with
``pip download`` at test time into a cache (``tests/artifacts/real_speech/``, ignored by git):

* ``librivox``: five LibriVox utterances (one English reader, read speech, 16 kHz) with
  their transcripts, from the ``pocketsphinx`` 5.1.1 sdist (``test/data/librivox/``);
* ``pyannote``: a 30-s two-speaker telephone conversation (spontaneous English, 16 kHz)
  with its STM transcript, from the ``pyannote-audio`` 4.0.7 wheel (``pyannote/audio/sample``);
* ``jfk``: the 11-s JFK quote of whisper.cpp (``samples/jfk.wav`` in the ``pywhispercpp``
  1.5.1 sdist);
* ``lecture``: a 60-s stretch of a spontaneous English lecture (one male speaker in a reverberant room, 16 kHz)
  with five real fillers ("theories, uh, that take no account of, um, where…", "made by, uh, other scholars",
  "in his, uh, book", "So, I, I, um, when I think…") at :data:`LECTURE_FILLERS_SEC`, from the ``silero-vad`` 6.2.3
  sdist (``tests/data/test.wav``); no full transcript ships with it, so it serves the filler and silence measures;
* ``lecture_uh`` / ``lecture_um``: the lecture's lone "uh" and its "um" cut from the recording, to splice into
  other real speech (another speaker, other levels);
* ``pyannote_um``: the one real "um" of the pyannote conversation (24.47-24.95 s, "At least, um, you
  know"; its STM leaves it out), cut from the recording, to splice into other real speech where the
  truth must hold fillers.

Sounds that are not speech are derived in code: :func:`breath` (band-passed noise with a slow swell),
:func:`cough` (two sharp broadband bursts), and :func:`reverberant` (a take in another room: the
speech convolved with a decaying noise impulse response).

:func:`build_clip` joins utterances with exact pauses and applies the hard cases of a
real recording: a gain per utterance (a take 40 dB quieter, a level change in the
middle), a telephone band (300-3400 Hz), steady noise. The truth (words, pauses between
utterances) is known from the script.

    from tests.media.real_speech import librivox, build_clip
    utts = librivox()
    clip = build_clip([utts[0], 0.8, utts[1]], gains_db=[0, -40], path=tmp / "c.wav")
"""

from __future__ import annotations

import logging
import re
import subprocess
import sys
import tarfile
import tempfile
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

logger = logging.getLogger(__name__)

__all__ = ["Utterance", "RealClip", "CACHE", "librivox", "pyannote_sample", "pyannote_um", "jfk", "lecture",
           "lecture_uh", "lecture_um", "LECTURE_FILLERS_SEC", "build_clip",
           "words_of", "level_dbfs", "telephone_band", "reverberant", "breath", "cough", "FetchError"]

ROOT = Path(__file__).resolve().parents[2]
CACHE = ROOT / "tests" / "artifacts" / "real_speech"
SR = 16000
_WORD_RE = re.compile(r"[a-z0-9]+(?:'[a-z0-9]+)*")


class FetchError(RuntimeError):
    """A registry package with test speech could not be fetched (offline?)."""


@dataclass(frozen=True)
class Utterance:
    """A real recorded utterance.

    Attributes:
        name: Where it comes from (package and file).
        audio: Float32 mono samples at 16 kHz.
        text: What is said (lowercase, as the source transcribes it).
    """

    name: str
    audio: np.ndarray = field(repr=False)
    text: str

    @property
    def duration_sec(self) -> float:
        """Length, seconds."""
        return len(self.audio) / SR


@dataclass
class RealClip:
    """A clip built from real utterances, and its truth.

    Attributes:
        path: The written WAV (16-bit PCM, 16 kHz mono).
        audio: The samples written, float32.
        text: The words spoken, joined.
        words: The words spoken (lowercase).
        spans: ``(start, end)`` of each utterance, seconds.
        pauses: ``(start, end)`` of each inserted silence, seconds.
        gains_db: Gain applied to each utterance, dB.
        sounds: ``(start, end)`` of each sound that is not speech (a breath, a cough) put in as is, seconds.
    """

    path: Path
    audio: np.ndarray = field(repr=False)
    text: str
    words: list[str]
    spans: list[tuple[float, float]]
    pauses: list[tuple[float, float]]
    gains_db: list[float]
    sounds: list[tuple[float, float]] = field(default_factory=list)

    @property
    def duration_sec(self) -> float:
        """Length, seconds."""
        return len(self.audio) / SR

    @property
    def wpm(self) -> float:
        """True words per minute over the whole clip."""
        return len(self.words) / (self.duration_sec / 60.0)


def words_of(text: str) -> list[str]:
    """Lowercase words of ``text`` (punctuation dropped, inner apostrophes kept)."""
    return _WORD_RE.findall(text.lower().replace("’", "'").replace("-", " "))


# --------------------------------------------------------------------------- fetching


def _pip_download(spec: str, dest: Path, *, sdist: bool) -> Path:
    """``pip download`` one distribution (no dependencies) into ``dest``; its path."""
    name = spec.split("==")[0]
    args = [sys.executable, "-m", "pip", "download", "--no-deps", "--disable-pip-version-check", "-q", "-d", str(dest)]
    args += ["--no-binary", name] if sdist else ["--only-binary", ":all:"]
    out = subprocess.run([*args, spec], capture_output=True, text=True, timeout=600)
    files = [p for p in dest.iterdir() if p.name.lower().replace("-", "_").startswith(name.lower().replace("-", "_"))]
    if out.returncode != 0 or not files:
        raise FetchError(f"pip download {spec} failed: {(out.stderr or out.stdout).strip().splitlines()[-1:]}")
    return files[0]


def _fetch(spec: str, members: Sequence[str], *, sdist: bool) -> Path:
    """The folder of the cache holding ``members`` (paths inside the archive, prefix stripped)."""
    folder = CACHE / spec.replace("==", "-")
    if all((folder / Path(m).name).exists() for m in members):
        return folder
    with tempfile.TemporaryDirectory() as d:
        archive = _pip_download(spec, Path(d), sdist=sdist)
        tmp = Path(tempfile.mkdtemp(dir=d))
        if archive.suffix in (".whl", ".zip"):
            with zipfile.ZipFile(archive) as z:
                names = z.namelist()
                for m in members:
                    hit = next(n for n in names if n.endswith(m))
                    (tmp / Path(m).name).write_bytes(z.read(hit))
        else:
            with tarfile.open(archive) as t:
                names = t.getnames()
                for m in members:
                    hit = next(n for n in names if n.endswith(m))
                    f = t.extractfile(hit)
                    assert f is not None
                    (tmp / Path(m).name).write_bytes(f.read())
        folder.mkdir(parents=True, exist_ok=True)
        for p in tmp.iterdir():
            p.replace(folder / p.name)
    return folder


def _read(path: Path) -> np.ndarray:
    import soundfile as sf

    y, sr = sf.read(str(path), dtype="float32", always_2d=False)
    if y.ndim > 1:
        y = y.mean(axis=1)
    if sr != SR:
        from scipy.signal import resample_poly

        g = int(np.gcd(int(sr), SR))
        y = resample_poly(y, SR // g, int(sr) // g).astype(np.float32)
    return np.ascontiguousarray(y, dtype=np.float32)


_LIBRIVOX_IDS = ("0870", "0880", "0890", "0920", "0930")


def librivox() -> list[Utterance]:
    """The five LibriVox utterances of the pocketsphinx 5.1.1 sdist (24.7 s, 63 words, one reader)."""
    base = "test/data/librivox/sense_and_sensibility_01_austen_64kb-"
    members = [f"{base}{i}{ext}" for i in _LIBRIVOX_IDS for ext in (".wav", ".txt")]
    folder = _fetch("pocketsphinx==5.1.1", members, sdist=True)
    out = []
    for i in _LIBRIVOX_IDS:
        stem = f"sense_and_sensibility_01_austen_64kb-{i}"
        text = (folder / f"{stem}.txt").read_text(encoding="utf-8").strip()
        out.append(Utterance(f"pocketsphinx-5.1.1/{stem}.wav", _read(folder / f"{stem}.wav"), text))
    return out


def pyannote_sample() -> tuple[Utterance, list[tuple[float, float, str, str]]]:
    """The pyannote-audio 4.0.7 sample (30 s, two speakers on the telephone) and its STM turns.

    Returns ``(utterance, turns)``: the whole file (its text: every turn joined) and
    ``(start, end, speaker, text)`` of each turn, seconds.
    """
    folder = _fetch("pyannote-audio==4.0.7", ["pyannote/audio/sample/sample.wav", "pyannote/audio/sample/sample.stm"],
                    sdist=False)
    turns = []
    for line in (folder / "sample.stm").read_text(encoding="utf-8").splitlines():
        parts = line.split(maxsplit=5)
        if len(parts) == 6:
            turns.append((float(parts[3]), float(parts[4]), parts[2], parts[5]))
    text = " ".join(t[3] for t in turns)
    return Utterance("pyannote-audio-4.0.7/sample.wav", _read(folder / "sample.wav"), text), turns


#: Where the real "um" lies in the pyannote sample, seconds (measured on the signal: voiced, 180-196 Hz).
PYANNOTE_UM_SEC = (24.47, 24.95)


def pyannote_um() -> Utterance:
    """The real "um" of the pyannote sample (0.48 s), with 10-ms fades at both ends."""
    conv, _ = pyannote_sample()
    y = conv.audio[int(PYANNOTE_UM_SEC[0] * SR): int(PYANNOTE_UM_SEC[1] * SR)].copy()
    ramp = np.linspace(0.0, 1.0, int(0.01 * SR), dtype=np.float32)
    y[: len(ramp)] *= ramp
    y[-len(ramp):] *= ramp[::-1]
    return Utterance("pyannote-audio-4.0.7/sample.wav@24.47-24.95", y, "um")


#: The fillers of the silero-vad lecture, seconds: the first two measured on the signal (a lone steady vowel at
#: 160 Hz; an "um" gliding from 163 to 121 Hz into its nasal), the other three as Whisper times them when it writes
#: them (the scores allow ±0.6 s).
LECTURE_FILLERS_SEC = ((15.37, 15.70), (19.02, 19.55), (33.86, 34.02), (37.98, 38.22), (55.98, 56.24))


def lecture() -> Utterance:
    """The 60-s spontaneous lecture of the silero-vad 6.2.3 sdist (``tests/data/test.wav``); its text is unknown."""
    folder = _fetch("silero-vad==6.2.3", ["tests/data/test.wav"], sdist=True)
    return Utterance("silero_vad-6.2.3/tests/data/test.wav", _read(folder / "test.wav"), "")


def _cut(y: np.ndarray, span: tuple[float, float], name: str, text: str) -> Utterance:
    """``span`` (seconds) of ``y`` with 10-ms fades at both ends."""
    z = y[int(span[0] * SR): int(span[1] * SR)].copy()
    ramp = np.linspace(0.0, 1.0, int(0.01 * SR), dtype=np.float32)
    z[: len(ramp)] *= ramp
    z[-len(ramp):] *= ramp[::-1]
    return Utterance(name, z, text)


def lecture_uh() -> Utterance:
    """The lecture's lone "uh" (0.33 s at 160 Hz)."""
    return _cut(lecture().audio, LECTURE_FILLERS_SEC[0], "silero_vad-6.2.3/test.wav@15.37-15.70", "uh")


def lecture_um() -> Utterance:
    """The lecture's "um" (0.53 s, falling from 163 to 121 Hz into its nasal)."""
    return _cut(lecture().audio, LECTURE_FILLERS_SEC[1], "silero_vad-6.2.3/test.wav@19.02-19.55", "um")


def jfk() -> Utterance:
    """whisper.cpp's ``jfk.wav`` (11 s) from the pywhispercpp 1.5.1 sdist."""
    folder = _fetch("pywhispercpp==1.5.1", ["whisper.cpp/samples/jfk.wav"], sdist=True)
    text = ("and so my fellow americans ask not what your country can do for you "
            "ask what you can do for your country")
    return Utterance("pywhispercpp-1.5.1/jfk.wav", _read(folder / "jfk.wav"), text)


# --------------------------------------------------------------------------- hard cases


def level_dbfs(y: np.ndarray) -> float:
    """Active speech level, dBFS: RMS over the 50-ms frames within 30 dB of the loudest ones."""
    n = int(0.05 * SR)
    fr = y[: len(y) // n * n].reshape(-1, n).astype(np.float64)
    e = 10 * np.log10(np.mean(fr * fr, axis=1) + 1e-12)
    loud = e[e > np.percentile(e, 95) - 30]
    return float(10 * np.log10(np.mean(10 ** (loud / 10))))


def telephone_band(y: np.ndarray) -> np.ndarray:
    """``y`` through a telephone channel: 300-3400 Hz band-pass, 8 kHz and back to 16 kHz."""
    from scipy.signal import butter, resample_poly, sosfilt

    sos = butter(6, [300, 3400], btype="bandpass", fs=SR, output="sos")
    x = sosfilt(sos, y)
    return resample_poly(resample_poly(x, 1, 2), 2, 1).astype(np.float32)


def reverberant(y: np.ndarray, *, rt60_sec: float = 0.7, wet_db: float = -3.0, seed: int = 0) -> np.ndarray:
    """``y`` as heard in another room, at the same RMS.

    That is ``y`` plus its convolution with an exponentially decaying noise impulse response (reverberation time
    ``rt60_sec``, reverberant part ``wet_db`` under the direct sound).
    """
    from scipy.signal import fftconvolve

    rng = np.random.default_rng(seed)
    n = int(rt60_sec * SR)
    ir = rng.standard_normal(n) * np.exp(-6.9 * np.arange(n) / SR / rt60_sec)
    ir[0] = 0.0
    ir /= np.sqrt(np.sum(ir ** 2))
    out = y + fftconvolve(y, ir)[: len(y)] * 10 ** (wet_db / 20)
    return (out * np.sqrt(np.mean(y ** 2)) / (np.sqrt(np.mean(out ** 2)) + 1e-12)).astype(np.float32)


def breath(*, seconds: float = 0.45, level_db: float = -38.0, seed: int = 0) -> np.ndarray:
    """An inhalation: noise band-passed to 500-3000 Hz with a slow swell, no pitch, at ``level_db`` dBFS RMS."""
    from scipy.signal import butter, sosfilt

    n = int(seconds * SR)
    x = sosfilt(butter(4, [500, 3000], btype="bandpass", fs=SR, output="sos"),
                np.random.default_rng(seed).standard_normal(n)) * np.sin(np.linspace(0, np.pi, n)) ** 2
    return (x / (np.sqrt(np.mean(x ** 2)) + 1e-12) * 10 ** (level_db / 20)).astype(np.float32)


def cough(*, level_db: float = -18.0, seed: int = 0) -> np.ndarray:
    """A cough: a sharp broadband burst (10-ms attack, 80-ms decay), 80 ms of silence, a weaker second burst."""
    from scipy.signal import butter, sosfilt

    rng = np.random.default_rng(seed)
    sos = butter(2, [200, 5000], btype="bandpass", fs=SR, output="sos")

    def burst(sec: float, amp: float) -> np.ndarray:
        t = np.arange(int(sec * SR)) / SR
        return amp * sosfilt(sos, rng.standard_normal(len(t))) * np.minimum(1.0, t / 0.01) * np.exp(-t / 0.08)

    x = np.concatenate([burst(0.3, 1.0), np.zeros(int(0.08 * SR)), burst(0.25, 0.5)])
    return (x / (np.sqrt(np.mean(x ** 2)) + 1e-12) * 10 ** (level_db / 20)).astype(np.float32)


def _noise(n: int, kind: str, rng: np.random.Generator) -> np.ndarray:
    if kind == "white":
        return rng.standard_normal(n)
    spec = np.fft.rfft(rng.standard_normal(n))
    f = np.fft.rfftfreq(n, 1.0 / SR)
    spec[1:] /= np.sqrt(f[1:])
    spec[0] = 0
    return np.fft.irfft(spec, n)


Part = Utterance | float | np.ndarray


def build_clip(parts: Sequence[Part], path: Path | str, *, gains_db: Sequence[float] | None = None,
               level_db: float | None = -20.0, telephone: bool = False, snr_db: float | None = None,
               noise: str = "pink", seed: int = 0) -> RealClip:
    """Join real utterances and exact silences into a WAV, with per-utterance gains.

    Args:
        parts: Utterances, silences (seconds, digital zeros before any noise) and sounds that are not speech
            (float32 arrays at 16 kHz, put in as they are: a breath, a cough), in order.
        path: The WAV to write.
        gains_db: Gain of each utterance after levelling to ``level_db``, dB (e.g. ``[0, -40]``).
        level_db: Active speech level every utterance is first brought to, dBFS; None keeps them.
        telephone: Pass the whole clip through :func:`telephone_band`.
        snr_db: Add steady noise at this ratio to the loudest utterance's level, dB.
        noise: ``pink`` or ``white``.
        seed: Noise seed.
    """
    import soundfile as sf

    path = Path(path)
    utts = [p for p in parts if isinstance(p, Utterance)]
    gains = list(gains_db) if gains_db is not None else [0.0] * len(utts)
    if len(gains) != len(utts):
        raise ValueError("one gain per utterance")
    chunks, spans, pauses, texts, sounds = [], [], [], [], []
    t = 0
    k = 0
    for p in parts:
        if isinstance(p, Utterance):
            y = p.audio.astype(np.float64)
            if level_db is not None:
                y = y * 10 ** ((level_db - level_dbfs(p.audio)) / 20)
            y = y * 10 ** (gains[k] / 20)
            spans.append((t / SR, (t + len(y)) / SR))
            texts.append(p.text)
            k += 1
        elif isinstance(p, np.ndarray):
            y = p.astype(np.float64)
            sounds.append((t / SR, (t + len(y)) / SR))
        else:
            y = np.zeros(int(round(float(p) * SR)))
            pauses.append((t / SR, (t + len(y)) / SR))
        chunks.append(y)
        t += len(y)
    x = np.concatenate(chunks)
    if telephone:
        x = telephone_band(x).astype(np.float64)
    if snr_db is not None:
        ref = max(level_dbfs(c.astype(np.float32)) for c, p in zip(chunks, parts) if isinstance(p, Utterance))
        nz = _noise(len(x), noise, np.random.default_rng(seed))
        x = x + nz / np.sqrt(np.mean(nz ** 2)) * 10 ** ((ref - snr_db) / 20)
    peak = float(np.max(np.abs(x)))
    if peak > 0.99:
        x = x * (0.99 / peak)
    x = x.astype(np.float32)
    path.parent.mkdir(parents=True, exist_ok=True)
    sf.write(str(path), x, SR, subtype="PCM_16")
    text = " ".join(texts)
    return RealClip(path=path, audio=x, text=text, words=words_of(text), spans=spans, pauses=pauses, gains_db=gains,
                    sounds=sounds)
