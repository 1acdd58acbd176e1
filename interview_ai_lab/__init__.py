"""interview-ai-lab: a local, CPU-first analyser of recorded one-way job interviews.

The Python API is :func:`interview_ai_lab.analyse` (:mod:`interview_ai_lab.api`, imported on first use)::

    from interview_ai_lab import AnalysisConfig, analyse
    report = analyse("interview.mp4", "outputs/x", AnalysisConfig(threads=2))

The stages are the modules of :mod:`interview_ai_lab.stages`, each exporting ``STAGE = Stage(...)``
(:mod:`interview_ai_lab.runtime.stage`); the command line is :mod:`interview_ai_lab.cli`.
"""

import os as _os

# Same safe defaults as run_all.py, for the stage mains and the web worker: two OpenMP
# runtimes in one process must not abort, and no Hugging Face symlink warning.
for _name, _value in (("KMP_DUPLICATE_LIB_OK", "TRUE"), ("HF_HUB_DISABLE_SYMLINKS_WARNING", "1"),
                      ("TOKENIZERS_PARALLELISM", "false"), ("GLOG_minloglevel", "2"), ("TF_CPP_MIN_LOG_LEVEL", "3")):
    _os.environ.setdefault(_name, _value)


from interview_ai_lab.runtime.resources import package_version as _package_version  # noqa: E402 (after the env)

__version__ = _package_version()


def __getattr__(name: str) -> object:
    """``interview_ai_lab.analyse``, ``.AnalysisConfig`` and ``.Report``, imported on first use."""
    if name in ("analyse", "AnalysisConfig", "Report"):
        from interview_ai_lab import api

        return getattr(api, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
