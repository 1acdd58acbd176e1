"""Audio samples from a WAV file, as the speech stages read them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from interview_ai_lab.runtime.errors import InputError, missing_dependency


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
