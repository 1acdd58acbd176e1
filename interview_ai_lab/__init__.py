"""interview-ai-lab analysis stages.

Each stage module (``extract_audio``, ``transcribe``, ``speech_metrics``,
``text_analysis``, ``face_emotions_onnx``, ``gaze_nods``, ``questions``, ``scores``,
``blur_faces``, ``merge_report``) exports one definition, ``STAGE = Stage(...)``
(:mod:`interview_ai_lab.runtime.stage`), with its ``Options`` dataclass and ``main(argv=None)``.
The Python API is :func:`interview_ai_lab.api.analyse` (also ``scripts.analyse``, imported on first use).
Shared helpers live in :mod:`scripts.core`.
"""

import os as _os

# Same safe defaults as run_all.py, for the stage mains and the web worker: two OpenMP
# runtimes in one process must not abort, and no Hugging Face symlink warning.
for _name, _value in (("KMP_DUPLICATE_LIB_OK", "TRUE"), ("HF_HUB_DISABLE_SYMLINKS_WARNING", "1"),
                      ("TOKENIZERS_PARALLELISM", "false"), ("GLOG_minloglevel", "2"), ("TF_CPP_MIN_LOG_LEVEL", "3")):
    _os.environ.setdefault(_name, _value)


def _version() -> str:
    """The project's version, declared once in ``pyproject.toml`` (read from the installed metadata)."""
    from importlib import metadata

    try:
        return metadata.version("interview-ai-lab")
    except metadata.PackageNotFoundError:  # a checkout used without `pip install -e .`
        return "0+unknown"


__version__ = _version()


def __getattr__(name: str) -> object:
    """``scripts.analyse``, ``scripts.AnalysisConfig`` and ``scripts.Report``, imported on first use."""
    if name in ("analyse", "AnalysisConfig", "Report"):
        from interview_ai_lab import api

        return getattr(api, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
