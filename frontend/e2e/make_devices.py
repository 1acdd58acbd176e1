"""The fake camera and microphone of the candidate walk (frontend/e2e/walk_candidate.mjs), as Chromium reads them.

- ``camera.y4m``: the synthetic face of ``interview_ai_lab.media.synthetic_face`` (the real NASA portrait turning
  in 3-D), 6 s at 15 fps, 320×240, raw Y4M (``--use-file-for-fake-video-capture``; Chromium loops it);
- ``mic.wav``: real recorded speech, the LibriVox utterances ``tests/media/real_speech.py`` fetches from PyPI, joined
  with 0.6 s pauses, 48 kHz 16-bit mono (``--use-file-for-fake-audio-capture``; looped too).

    .venv/bin/python -m frontend.e2e.make_devices OUT_FOLDER      (from the repository's root: it reads tests.media)

Prints ``{"camera": path, "mic": path, "mic_seconds": s}`` as JSON.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from interview_ai_lab.media.ffmpeg import find_ffmpeg
from interview_ai_lab.media.synthetic_face import make_face_clip
from tests.media.real_speech import build_clip, librivox


def main(folder: Path) -> dict:
    folder.mkdir(parents=True, exist_ok=True)
    ffmpeg = find_ffmpeg().path
    face = folder / "face.mp4"
    make_face_clip(face, seconds=6.0, fps=15, size=(320, 240), threads=1)
    camera = folder / "camera.y4m"
    subprocess.run([ffmpeg, "-v", "error", "-nostdin", "-y", "-i", str(face), "-pix_fmt", "yuv420p", "-f",
                    "yuv4mpegpipe", str(camera)], check=True)
    face.unlink(missing_ok=True)
    utterances = librivox()
    parts: list = []
    for u in utterances:
        parts += [u, 0.6]
    speech = build_clip(parts, folder / "speech16k.wav")
    mic = folder / "mic.wav"
    subprocess.run([ffmpeg, "-v", "error", "-nostdin", "-y", "-i", str(speech.path), "-ar", "48000", "-ac", "1",
                    "-c:a", "pcm_s16le", str(mic)], check=True)
    Path(speech.path).unlink(missing_ok=True)
    return {"camera": str(camera), "mic": str(mic), "mic_seconds": round(len(speech.audio) / 16000, 2)}


if __name__ == "__main__":
    print(json.dumps(main(Path(sys.argv[1]))))
