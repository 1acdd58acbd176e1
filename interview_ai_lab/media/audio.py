"""Audio samples from a WAV file, as the speech stages read them."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from interview_ai_lab.runtime.catalogue import entry
from interview_ai_lab.runtime.errors import InputError, missing_dependency

#: Shortest stretch without speech counted as a pause (and in the silence), seconds: the 250 ms threshold of fluency
#: research (Goldman-Eisler; De Jong & Bosker 2013). The one rule of the speech measures
#: (:mod:`interview_ai_lab.speech.audio_metrics`) and of the generated clips' truth
#: (:mod:`interview_ai_lab.media.synthetic_speech`). At 0.5 s the silent halves of a pause split by an "um" were lost: on
#: real speech with real fillers spliced into pauses the silence read 58-65 % of the silence inserted, 95-96 % at 0.25 s
#: (``python -m bench.eval_speech``). Read from the shared catalogue (``scoring.json``), where the front end reads it too.
MIN_PAUSE_SEC = float(entry("scoring", "min_pause_sec"))


def min_pause_of(speech: Mapping[str, Any] | None) -> float:
    """The shortest pause a run counted, seconds: ``speech.json``'s ``min_pause_sec`` (``--min-pause-sec``).

    A ``speech`` written before the setting was recorded (or none) gives :data:`MIN_PAUSE_SEC`, the default
    such a version used unless told otherwise.
    """
    value = (speech or {}).get("min_pause_sec")
    return float(value) if isinstance(value, (int, float)) and value > 0 else MIN_PAUSE_SEC


def load_audio(path: Path) -> tuple[Any, int]:
    """Read a WAV as float32 mono; returns ``(samples, sample_rate)`` (sample rate in Hz).

    Raises:
        InputError: The file cannot be read as audio.
    """
    import numpy as np

    try:
        import soundfile as sf
    except ImportError as e:
        raise missing_dependency("soundfile", purpose="reading the audio") from e
    try:
        y, sr = sf.read(str(path), dtype="float32", always_2d=False)
    except (RuntimeError, OSError) as e:
        raise InputError(f"cannot read the audio file {Path(path).name}: {e}") from e
    if y.ndim > 1:
        y = y.mean(axis=1)
    return np.ascontiguousarray(y, dtype=np.float32), int(sr)
