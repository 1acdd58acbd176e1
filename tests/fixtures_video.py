"""Generated video fixtures: the astronaut's face turning in 3-D, with exact ground truth.

Every fixture is session-scoped, renders its clip once into ``tmp_path_factory`` and returns
``(path, truth)`` where ``truth`` is a :class:`interview_ai_lab.media.synthetic_face.FaceClipTruth`
(``truth.nod_times``, ``truth.eye_contact_ratio``, ``truth.facing`` per frame, ...).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from interview_ai_lab.media.synthetic_face import Drift, FaceClipTruth, LookAway, Nod, NoFace, make_face_clip

Clip = tuple[Path, FaceClipTruth]


def _clip(factory: pytest.TempPathFactory, name: str, **kwargs) -> Clip:
    path = factory.mktemp("faceclips") / f"{name}.mp4"
    truth = make_face_clip(path, **kwargs)
    return path, truth


@pytest.fixture(scope="session")
def face_clip_nods(tmp_path_factory: pytest.TempPathFactory) -> Clip:
    """12 s facing the camera with natural sway: 3 nods (2.0, 7.5, 10.5 s) and a drift that is not a nod.

    The drift goes slowly 6 degrees down and back (3-6.5 s). Eye contact ~0.96 (only the nods' deepest frames
    leave the facing cone).
    """
    return _clip(tmp_path_factory, "nods", seconds=12.0, fps=25,
                 events=[Nod(t=2.0), Drift(3.0, 6.5, pitch=-6.0), Nod(t=7.5, depth=14.0, duration=0.7),
                         Nod(t=10.5, depth=18.0, duration=0.5)],
                 sway_deg=2.0, seed=1)


@pytest.fixture(scope="session")
def face_clip_lookaway(tmp_path_factory: pytest.TempPathFactory) -> Clip:
    """14 s: looks away three times and nods once; eye contact ~0.6.

    To the side (yaw +35, 2.5-5.0 s), down at notes (pitch -25, 7.0-9.5 s), to the other side (yaw -35,
    10.5-12.0 s); the nod at t = 6.0 s.
    """
    return _clip(tmp_path_factory, "lookaway", seconds=14.0, fps=25,
                 events=[LookAway(2.5, 5.0, yaw=35.0), Nod(t=6.0), LookAway(7.0, 9.5, pitch=-25.0),
                         LookAway(10.5, 12.0, yaw=-35.0)],
                 sway_deg=2.5, seed=2)


@pytest.fixture(scope="session")
def face_clip_noface(tmp_path_factory: pytest.TempPathFactory) -> Clip:
    """5 s of the empty room (nobody in the frame), with a silent audio track."""
    return _clip(tmp_path_factory, "noface", seconds=5.0, fps=25, events=[NoFace(0.0, 5.0)], audio="silence",
                 seed=3)


@pytest.fixture(scope="session")
def face_clip_two_faces(tmp_path_factory: pytest.TempPathFactory) -> Clip:
    """10 s with a framed portrait of a face on the wall (``truth.second_face_box``) behind the candidate.

    The candidate nods twice (2.5, 8.0 s), looks away (yaw -35, 4.0-6.0 s) and leaves the frame (9.0-10.0 s).
    Eye contact ~0.68.
    """
    return _clip(tmp_path_factory, "two_faces", seconds=10.0, fps=25, second_face=True,
                 events=[Nod(t=2.5), LookAway(4.0, 6.0, yaw=-35.0), Nod(t=8.0), NoFace(9.0, 10.0)],
                 sway_deg=2.0, seed=4)


@pytest.fixture(scope="session")
def face_clip_degraded(tmp_path_factory: pytest.TempPathFactory) -> Clip:
    """10 s of a cheap webcam in a dim room: 480x360, dim (x0.5), half the detail, sensor noise.

    A second face hangs on the wall; 2 nods (2.0, 7.5 s) and a look-away (yaw +35, 4.0-6.0 s). Eye contact ~0.79.
    """
    return _clip(tmp_path_factory, "degraded", seconds=10.0, fps=25, size=(480, 360), second_face=True,
                 dim=0.5, low_res=0.5, noise=5.0,
                 events=[Nod(t=2.0), LookAway(4.0, 6.0, yaw=35.0), Nod(t=7.5)], sway_deg=3.0, seed=5)
