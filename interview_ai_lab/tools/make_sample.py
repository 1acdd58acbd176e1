"""Make a sample interview video to try the analyser on, with its ground truth.

The candidate is NASA's public-domain portrait of Eileen Collins (``skimage.data.astronaut()``),
animated in 3-D (a natural sway, blinks, a few nods, a look-away while thinking); the voice is espeak-ng
answering an interview question, with pauses and a filler or two. Nothing is downloaded.

    python scripts/make_sample.py --out data/sample.mp4 --lang fr --seconds 30

Writes the MP4 (H.264 + AAC, 640x480, 25 fps) and ``<out>.truth.json`` beside it: the question, the
words said, the fillers and pauses (seconds), the nod times, the eye-contact ratio and the per-frame
head pose.
"""

from __future__ import annotations

import argparse
import logging
import subprocess
import sys
import tempfile
import wave
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from interview_ai_lab.runtime.atomic import write_json_atomic
from interview_ai_lab.runtime.errors import AnalysisError

logger = logging.getLogger(__name__)

SAMPLE_RATE = 16000

QUESTIONS = {
    "en": "Tell me about yourself, and why you want this job.",
    "fr": "Parlez-moi de vous et de votre motivation pour ce poste.",
}

# The answer: sentences, fillers ("~um") and pauses (seconds), in order.
ANSWERS: dict[str, list[str | float]] = {
    "en": [0.8, "Hello, my name is Eileen.", 0.6,
           "I am an engineer and a pilot, and I love working with a team.", 0.7, "~um", 0.5,
           "In my last job, I led a group of five people on a difficult project.", 0.9,
           "We delivered it on time, and I learned a lot about communication.", 0.6, "~uh", 0.4,
           "I want this job because I enjoy solving real problems for real people.", 0.8,
           "I am curious, I am calm under pressure, and I keep my promises.", 0.7,
           "Thank you for your time.", 1.0],
    "fr": [0.8, "Bonjour, je m'appelle Eileen.", 0.6,
           "Je suis ingénieure et pilote, et j'aime travailler en équipe.", 0.7, "~euh", 0.5,
           "Dans mon dernier poste, j'ai dirigé une équipe de cinq personnes sur un projet difficile.", 0.9,
           "Nous l'avons livré à temps, et j'ai beaucoup appris sur la communication.", 0.6, "~euh", 0.4,
           "Je veux ce poste parce que j'aime résoudre de vrais problèmes pour de vraies personnes.", 0.8,
           "Je suis curieuse, calme sous la pression, et je tiens mes promesses.", 0.7,
           "Merci pour votre temps.", 1.0],
}


@dataclass(frozen=True)
class Part:
    """A piece of the soundtrack.

    Attributes:
        kind: ``say``, ``filler`` or ``pause``.
        start: Start time in seconds.
        end: End time in seconds.
        text: What is said ("" for a pause).
    """

    kind: str
    start: float
    end: float
    text: str = ""


def _synthesize(text: str, lang: str, *, speed: int) -> np.ndarray:
    """espeak-ng speech, float32 mono at 16 kHz, silence trimmed at both ends (:func:`synthetic_speech.synthesize`)."""
    from interview_ai_lab.media.synthetic_speech import synthesize

    return synthesize(text, lang, speed=speed, sample_rate=SAMPLE_RATE)


def build_soundtrack(lang: str, seconds: float, wav: Path) -> list[Part]:
    """Write the answer (cut to fit ``seconds``, then silence) to ``wav``; return its parts with times."""
    chunks: list[np.ndarray] = []
    parts: list[Part] = []
    t = 0.0
    for item in ANSWERS[lang]:
        if isinstance(item, float):
            y, kind, text = np.zeros(int(round(item * SAMPLE_RATE)), np.float32), "pause", ""
        elif item.startswith("~"):
            y, kind, text = _synthesize(item[1:], lang, speed=80), "filler", item[1:]
        else:
            y, kind, text = _synthesize(item, lang, speed=150), "say", item
        dur = len(y) / SAMPLE_RATE
        if t + dur > seconds - 0.5:
            break
        chunks.append(y)
        parts.append(Part(kind, round(t, 3), round(t + dur, 3), text))
        t += dur
    audio = np.concatenate(chunks) if chunks else np.zeros(0, np.float32)
    audio = np.concatenate([audio, np.zeros(int(round((seconds - t) * SAMPLE_RATE)), np.float32)])
    pcm = (np.clip(audio / max(1e-6, float(np.abs(audio).max(initial=0))) * 0.8, -1, 1) * 32767).astype(np.int16)
    with wave.open(str(wav), "wb") as f:
        f.setnchannels(1)
        f.setsampwidth(2)
        f.setframerate(SAMPLE_RATE)
        f.writeframes(pcm.tobytes())
    return parts


def face_events(parts: list[Part], seconds: float) -> list:
    """Head movements that go with the answer of ``seconds`` seconds made of ``parts``.

    A look-away while thinking (the first filler), nods in the pauses after sentences (at least 3 s apart),
    a slow drift over the longest sentence.
    """
    from interview_ai_lab.media.synthetic_face import Drift, LookAway, Nod

    events: list = []
    fillers = [p for p in parts if p.kind == "filler"]
    busy: list[tuple[float, float]] = []
    if fillers:
        f = fillers[0]
        start, end = max(0.0, f.start - 0.3), min(seconds, f.end + 1.4)
        events.append(LookAway(start, end, yaw=-30.0, pitch=8.0))
        busy.append((start, end))
    last_nod = -10.0
    for prev, p in zip(parts, parts[1:]):
        if p.kind != "pause" or prev.kind != "say" or p.end - p.start < 0.5:
            continue
        t = round(p.start + 0.3, 2)
        nod = Nod(t=t, depth=15.0, duration=0.6)
        if t - last_nod >= 3.0 and nod.end < seconds and all(nod.end < a or nod.start > b for a, b in busy):
            events.append(nod)
            busy.append((nod.start, nod.end))
            last_nod = t
    for s in sorted((p for p in parts if p.kind == "say" and p.end - p.start > 3.0), key=lambda p: p.start - p.end):
        if all(s.end < a or s.start > b for a, b in busy):
            events.append(Drift(s.start, s.end, yaw=4.0, pitch=-4.0))
            break
    return events


def make_sample(out: Path, *, lang: str = "en", seconds: float = 30.0, seed: int = 0,
                second_face: bool = False) -> Path:
    """Write the sample video ``out`` and ``<out>.truth.json``; return the video's path."""
    from interview_ai_lab.media.synthetic_face import make_face_clip

    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as d:
        wav = Path(d) / "answer.wav"
        parts = build_soundtrack(lang, seconds, wav)
        events = face_events(parts, seconds)
        truth = make_face_clip(out, seconds=seconds, fps=25, size=(640, 480), events=events, sway_deg=2.0,
                               second_face=second_face, audio=wav, blink_rate=15.0, seed=seed)
    said = [p for p in parts if p.kind == "say"]
    info = {
        "question": QUESTIONS[lang],
        "lang": lang,
        "speech": {
            "text": " ".join(p.text for p in said),
            "utterances": [[p.start, p.end, p.text] for p in said],
            "fillers": [[p.start, p.end, p.text] for p in parts if p.kind == "filler"],
            "pauses": [[p.start, p.end] for p in parts if p.kind == "pause"]
            + ([[parts[-1].end, seconds]] if parts and seconds - parts[-1].end > 0 else []),
        },
        "events": [{"type": type(e).__name__, **e.__dict__} for e in events],
        **truth.to_dict(),
    }
    write_json_atomic(out.with_suffix(".truth.json"), info)
    return out


def main(argv: list[str] | None = None) -> int:
    """Make the sample video from the command line ``argv``; return the exit status (0: made)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.ArgumentDefaultsHelpFormatter)
    parser.add_argument("--out", type=Path, default=Path("data/sample.mp4"), help="output MP4")
    parser.add_argument("--lang", choices=sorted(QUESTIONS), default="en", help="language of the answer")
    parser.add_argument("--seconds", type=float, default=30.0, help="duration in seconds (4-600)")
    parser.add_argument("--seed", type=int, default=0, help="seed of the head sway and the room")
    parser.add_argument("--second-face", action="store_true", help="hang a portrait (a second face) on the wall")
    args = parser.parse_args(argv)
    if not 4 <= args.seconds <= 600:
        parser.error("--seconds must be between 4 and 600")
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    try:
        out = make_sample(args.out, lang=args.lang, seconds=args.seconds, seed=args.seed,
                          second_face=args.second_face)
    except (AnalysisError, OSError, RuntimeError, subprocess.CalledProcessError) as e:
        print(f"error: {e}", file=sys.stderr)
        return getattr(e, "exit_code", 1)
    print(out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
