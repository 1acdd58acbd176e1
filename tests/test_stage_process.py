"""A stage in a process of its own (interview_ai_lab.stage_process): the same artefact, progress and errors relayed."""

import json
import pickle
import shutil
import subprocess
import sys
import time

import pytest

from interview_ai_lab.runner import run_stage
from interview_ai_lab.runtime.errors import InputError
from interview_ai_lab.runtime.stage import Context
from interview_ai_lab.stage_process import StageProcess, StageRequest, run_stage_in_process
from interview_ai_lab.stages import extract_audio, transcribe


def _payload(path):
    data = json.loads(path.read_text(encoding="utf-8"))
    data.pop("_meta")
    return data


def test_a_stage_in_its_own_process_writes_the_same_artefact_and_relays_its_progress(en_speech_run, tmp_path):
    video = en_speech_run.truth.path
    events = []
    apart = Context(video=video, outdir=tmp_path / "apart", threads=2,
                    hook=lambda stage, done, total: events.append((stage, done, total)))
    apart.outdir.mkdir()
    out = run_stage_in_process(extract_audio.STAGE, apart, extract_audio.Options())
    assert out == apart.path("audio.json") and out.exists()
    assert events[0] == ("extract_audio", 0, 1) and events[-1] == ("extract_audio", 1, 1)
    assert apart.record.stage_seconds["extract_audio"] > 0
    here = Context(video=video, outdir=tmp_path / "here", threads=2)
    here.outdir.mkdir()
    assert _payload(out) == _payload(run_stage(extract_audio.STAGE, here, extract_audio.Options()))
    # Unchanged, it is skipped there as here: the artefact is not written again.
    written = out.stat().st_mtime_ns
    run_stage_in_process(extract_audio.STAGE, apart, extract_audio.Options())
    assert out.stat().st_mtime_ns == written


def test_an_error_in_the_child_is_raised_here_with_its_class_and_message(tmp_path):
    ctx = Context(video=tmp_path / "v.mp4", outdir=tmp_path, threads=1)
    with pytest.raises(InputError, match=r"audio\.json is missing .*'extract_audio' stage first"):
        run_stage_in_process(transcribe.STAGE, ctx, transcribe.Options())
    assert not (tmp_path / "transcript.json").exists()


def test_the_child_ends_when_its_parent_is_gone(en_speech_run, tmp_path):
    """The request pipe closed (the parent died) ends the child before it writes anything."""
    for name in ("audio.json", "audio.wav", "audio_levelled.wav"):
        if (en_speech_run.outdir / name).exists():
            shutil.copy(en_speech_run.outdir / name, tmp_path / name)
    request = StageRequest(stage="transcribe", video=en_speech_run.truth.path, outdir=tmp_path, threads=1,
                           device="cpu", force=True, mode="coaching", options=transcribe.Options(), log_level=30)
    child = subprocess.Popen([sys.executable, "-m", "interview_ai_lab.stage_process"], stdin=subprocess.PIPE,
                             stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    start = time.monotonic()
    child.stdin.write(pickle.dumps(request))
    child.stdin.close()
    assert child.wait(timeout=60) == 1
    assert child.stdout.read() == b""  # no answer: it never ran the stage to its end
    child.stdout.close()
    assert not (tmp_path / "transcript.json").exists()
    assert time.monotonic() - start < 30


def _children() -> set[int]:
    """The live child processes of this one (Linux ``/proc``)."""
    import os
    from pathlib import Path

    pids: set[int] = set()
    for task in Path(f"/proc/{os.getpid()}/task").iterdir():
        pids |= {int(p) for p in (task / "children").read_text().split()}
    return pids


def test_a_process_started_ahead_imports_its_preloads_then_runs_the_stage(en_speech_run, tmp_path):
    """Started before its stage, the child imports ``Stage.preload``, then runs the stage when asked.

    A module it cannot import is left to the stage; the artefact is the same as in this process.
    """
    import dataclasses

    video = en_speech_run.truth.path
    stage = dataclasses.replace(extract_audio.STAGE, preload=("scipy.signal", "no_such_module_of_the_stage"))
    ctx = Context(video=video, outdir=tmp_path / "ahead", threads=2)
    ctx.outdir.mkdir()
    with StageProcess(stage) as process:
        time.sleep(0.5)  # the stages before it run meanwhile
        out = process.run(ctx, extract_audio.Options())
        with pytest.raises(RuntimeError, match="once"):
            process.run(ctx, extract_audio.Options())
    here = Context(video=video, outdir=tmp_path / "here", threads=2)
    here.outdir.mkdir()
    assert _payload(out) == _payload(run_stage(extract_audio.STAGE, here, extract_audio.Options()))


def test_a_child_closed_before_its_request_ends_quietly(tmp_path):
    """No request (the stage was not needed): exit code 1, no answer, no traceback."""
    child = subprocess.Popen([sys.executable, "-m", "interview_ai_lab.stage_process", "json"], stdin=subprocess.PIPE,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    out, err = child.communicate(b"", timeout=60)
    assert child.returncode == 1 and out == b"" and b"Traceback" not in err, err


def test_the_pipeline_ends_a_process_started_for_a_stage_that_never_ran(tmp_path):
    """An earlier stage fails: the transcription's process, started with the analysis, is ended with it."""
    import dataclasses

    from interview_ai_lab.pipeline import run_parallel

    def fail(ctx: Context, opts: extract_audio.Options) -> dict:
        time.sleep(0.5)
        raise InputError("the extraction failed on purpose")

    first = dataclasses.replace(extract_audio.STAGE, run=fail, prepare=None, check=None)
    before = _children()
    ctx = Context(video=tmp_path / "v.mp4", outdir=tmp_path, threads=2)
    with pytest.raises(InputError, match="on purpose"):
        run_parallel([first, transcribe.STAGE], ctx, {}, workers=2,
                     dependencies=lambda name: frozenset({first.name}) if name == transcribe.STAGE.name else frozenset())
    assert _children() <= before
    assert not (tmp_path / "transcript.json").exists()
