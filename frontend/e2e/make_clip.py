"""Generate the end-to-end test's interview clip and print its ground truth as JSON.

The synthetic face of ``interview_ai_lab.media.synthetic_face`` (turning, nodding twice) speaking French
with espeak-ng (``interview_ai_lab.media.synthetic_speech``): two fillers, known pauses.

    .venv/bin/python frontend/e2e/make_clip.py OUT.mp4
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from interview_ai_lab.media.synthetic_face import Nod, make_face_clip
from interview_ai_lab.media.synthetic_speech import Filler, make_speech_clip


def main(out: Path) -> dict:
    wav = out.with_suffix(".wav")
    speech = make_speech_clip(
        [0.6, "Bonjour, je m'appelle Claire Martin.", 0.5, Filler("euh"), 0.3,
         "Je travaille en équipe depuis six ans, et j'aime résoudre des problèmes concrets.", 1.2,
         "Je cherche maintenant un poste d'encadrement.", 0.4, Filler("euh"), 0.3, "Merci beaucoup.", 0.8],
        "fr", wav)
    seconds = round(speech.duration_sec + 0.2, 2)
    face = make_face_clip(out, seconds=seconds, fps=15, size=(480, 360), events=[Nod(t=3.0), Nod(t=seconds - 3.0)],
                          audio=wav, threads=1)
    wav.unlink(missing_ok=True)
    return {"path": str(out), "seconds": face.seconds, "words": speech.word_count,
            "fillers": [round(f.t, 2) for f in speech.fillers], "nods": face.nod_times,
            "pauses": [[round(a, 2), round(b, 2)] for a, b in speech.pauses]}


if __name__ == "__main__":
    print(json.dumps(main(Path(sys.argv[1]))))
